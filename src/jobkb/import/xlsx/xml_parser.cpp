#include "jobkb/import/xlsx/xml_parser.hpp"

#include "jobkb/error.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>

namespace jobkb::detail::xlsx {
namespace {

// Expat's memory, counted: each block carries its size before it, and an allocation that would
// take the parser past kMaxParserBytes fails (expat then stops with "out of memory"). One parser
// runs at a time on a thread, so a thread's count is its parser's.
thread_local std::size_t t_parser_bytes = 0;
constexpr std::size_t kHeader = alignof(std::max_align_t);

void* counted_malloc(std::size_t size) {
    if (size > kMaxParserBytes || t_parser_bytes + size > kMaxParserBytes) {
        return nullptr;
    }
    auto* block = static_cast<unsigned char*>(std::malloc(size + kHeader));
    if (block == nullptr) {
        return nullptr;
    }
    std::memcpy(block, &size, sizeof size);
    t_parser_bytes += size;
    return block + kHeader;
}

void counted_free(void* pointer) {
    if (pointer == nullptr) {
        return;
    }
    auto* block = static_cast<unsigned char*>(pointer) - kHeader;
    std::size_t size = 0;
    std::memcpy(&size, block, sizeof size);
    t_parser_bytes -= size;
    std::free(block);
}

void* counted_realloc(void* pointer, std::size_t size) {
    if (pointer == nullptr) {
        return counted_malloc(size);
    }
    auto* block = static_cast<unsigned char*>(pointer) - kHeader;
    std::size_t old_size = 0;
    std::memcpy(&old_size, block, sizeof old_size);
    if (size > kMaxParserBytes || t_parser_bytes - old_size + size > kMaxParserBytes) {
        return nullptr;
    }
    auto* grown = static_cast<unsigned char*>(std::realloc(block, size + kHeader));
    if (grown == nullptr) {
        return nullptr;
    }
    std::memcpy(grown, &size, sizeof size);
    t_parser_bytes = t_parser_bytes - old_size + size;
    return grown + kHeader;
}

const XML_Memory_Handling_Suite kCountedMemory = {counted_malloc, counted_realloc, counted_free};

std::string_view local_name(const char* name) {
    const std::string_view full(name);
    const auto bar = full.rfind('|');
    return bar == std::string_view::npos ? full : full.substr(bar + 1);
}

// The state the callbacks share: the handler, the depth, and why parsing stopped.
struct Parse {
    XML_Parser parser;
    XmlHandler& handler;
    int depth = 0;
    std::string problem;          // the parse stopped for this
    std::exception_ptr exception; // or the handler threw this
};

// Expat is C: nothing may be thrown through it. A handler's exception is kept, and rethrown
// once XML_Parse has returned.
template <typename Call> void guarded(Parse& parse, Call&& call) {
    if (parse.exception || !parse.problem.empty()) {
        return;
    }
    try {
        call();
    } catch (...) {
        parse.exception = std::current_exception();
        XML_StopParser(parse.parser, XML_FALSE);
    }
}

void stop(Parse& parse, std::string problem) {
    if (parse.problem.empty() && !parse.exception) {
        parse.problem = std::move(problem);
        XML_StopParser(parse.parser, XML_FALSE);
    }
}

void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& parse = *static_cast<Parse*>(data);
    if (++parse.depth > kMaxXmlDepth) {
        stop(parse,
             fmt::format("nests deeper than {} levels (expected a workbook's XML)", kMaxXmlDepth));
        return;
    }
    guarded(parse, [&] { parse.handler.start(local_name(name), attributes); });
}

void on_end(void* data, const XML_Char* name) {
    auto& parse = *static_cast<Parse*>(data);
    --parse.depth;
    guarded(parse, [&] { parse.handler.end(local_name(name)); });
}

void on_text(void* data, const XML_Char* text, int length) {
    auto& parse = *static_cast<Parse*>(data);
    guarded(parse,
            [&] { parse.handler.text(std::string_view(text, static_cast<std::size_t>(length))); });
}

void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    stop(*static_cast<Parse*>(data),
         "has a document type declaration (expected none: a workbook's XML has no DTD, and no "
         "entities)");
}

} // namespace

const char* attribute(const char** attributes, std::string_view name) {
    for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
        if (local_name(attributes[i]) == name) {
            return attributes[i + 1];
        }
    }
    return nullptr;
}

void parse_xml(ZipArchive& archive, std::uint64_t index, std::string_view entry,
               std::uint64_t limit, XmlHandler& handler,
               const std::function<std::string()>& where) {
    t_parser_bytes = 0;
    const auto free_parser = [](XML_Parser parser) { XML_ParserFree(parser); };
    std::unique_ptr<XML_ParserStruct, decltype(free_parser)> parser(
        XML_ParserCreate_MM(nullptr, &kCountedMemory, "|"), free_parser);
    if (!parser) {
        throw Error(ErrorCode::kInvalidArgument, where() + ": cannot start an XML parser");
    }
    Parse parse{parser.get(), handler, 0, {}, {}};
    XML_SetUserData(parser.get(), &parse);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    const auto check = [&](XML_Status status) {
        if (parse.exception) {
            std::rethrow_exception(parse.exception);
        }
        const auto line = XML_GetCurrentLineNumber(parser.get());
        if (!parse.problem.empty()) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("{}: {} {}", where(), entry, parse.problem));
        }
        if (status == XML_STATUS_ERROR) {
            const XML_Error code = XML_GetErrorCode(parser.get());
            throw Error(ErrorCode::kInvalidArgument,
                        code == XML_ERROR_NO_MEMORY
                            ? fmt::format("{}: {} needs more than {} MiB to parse (expected "
                                          "short tags and values)",
                                          where(), entry, kMaxParserBytes >> 20)
                            : fmt::format("{}: {} is not well-formed XML at its line {}: {} "
                                          "(expected a workbook's XML)",
                                          where(), entry, line, XML_ErrorString(code)));
        }
    };
    archive.read(index, entry, limit, [&](std::string_view chunk) {
        check(XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), XML_FALSE));
    });
    check(XML_Parse(parser.get(), nullptr, 0, XML_TRUE));
}

} // namespace jobkb::detail::xlsx
