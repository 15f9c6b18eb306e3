#pragma once

#include "jobkb/import/xlsx/zip_archive.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

// A zip entry's XML, streamed through expat with the hostile cases closed: a document type
// declaration (so any entity, and the billion laughs with it) is refused, nesting is bounded, and
// so is the memory the parser itself may take (a huge tag or attribute cannot grow it past
// kMaxParserBytes). Elements are named by their local name, whatever their namespace prefix.
namespace jobkb::detail::xlsx {

inline constexpr int kMaxXmlDepth = 64;
inline constexpr std::size_t kMaxParserBytes = 32 << 20;

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    // `attributes`: name, value, name, value, ..., nullptr, as expat gives them (names with their
    // namespace, "URI|local"; see attribute()).
    virtual void start(std::string_view name, const char** attributes) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view text) = 0;
};

// The value of the attribute whose local name is `name`, if the element has it.
const char* attribute(const char** attributes, std::string_view name);

// Parses the entry as XML into `handler`. `where` says where the input is for messages ("NAME"
// or "NAME:ROW"). Throws Error(kInvalidArgument, "WHERE: ENTRY ...") for XML that is not
// well-formed, a DTD, nesting past kMaxXmlDepth or a parser past kMaxParserBytes; what the
// handler throws passes through.
void parse_xml(ZipArchive& archive, std::uint64_t index, std::string_view entry,
               std::uint64_t limit, XmlHandler& handler, const std::function<std::string()>& where);

} // namespace jobkb::detail::xlsx
