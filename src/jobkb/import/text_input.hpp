#pragma once

#include "jobkb/error.hpp"
#include "jobkb/record_reader.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

// Text input as UTF-8, whatever encoding the file came in: the layer between an InputSource's
// bytes and the text readers (CSV, TSV, JSON, NDJSON). It settles the encoding from the first
// bytes: UTF-8 (a byte-order mark is dropped), or UTF-16 with its byte-order mark, transcoded
// while streaming, so line numbers stay those of the text. Everything else is refused at once by
// the name it looks like (UTF-32, UTF-16 without a byte-order mark), and so is UTF-8 that turns
// out to be Windows-1252 or Latin-1 (an accented letter as one byte beside ASCII letters, amid
// plain ASCII text: 8 bytes either side, which random bytes almost never are); other
// invalid UTF-8 passes through for the field checks to report where it is.
namespace jobkb::detail {

class TextInput {
public:
    // Throws Error(kInvalidArgument, "NAME:1: ...") with a kConvertEncoding hint for an encoding
    // it does not read.
    explicit TextInput(InputSource& input);

    TextEncoding encoding() const noexcept { return encoding_; }
    const std::string& name() const noexcept { return input_.name(); }

    // Up to `size` bytes of UTF-8; 0 at the end. Throws Error(kInvalidArgument, "NAME:LINE: ...")
    // for text that cannot be decoded (a lone surrogate, an odd number of UTF-16 bytes,
    // Windows-1252 text).
    std::size_t read(char* buffer, std::size_t size);
    // The next decoded bytes, up to `size` (fewer only at the end), without consuming them.
    std::string_view peek(std::size_t size);

private:
    bool fill(); // decodes the next chunk into out_; false at the end of the input
    void decode_utf8(bool at_end);
    void decode_utf16(bool at_end);
    void emit(std::string_view text);
    void emit_code_point(char32_t code_point);
    [[noreturn]] void refuse(const std::string& problem, Hint hint = {});

    InputSource& input_;
    TextEncoding encoding_ = TextEncoding::kUtf8;
    std::string raw_; // bytes not decoded yet (an incomplete character from the last chunk)
    // What fill() reads into, left uninitialised: growing raw_ by a chunk to read into it would
    // zero 64 KiB on every fill, a file of a few bytes included (the fuzzers read thousands a
    // second).
    std::unique_ptr<char[]> chunk_; // kReadChunk bytes
    std::string out_;               // decoded bytes not read yet
    std::size_t out_used_ = 0;
    bool ended_ = false;
    std::size_t line_ = 1; // the line of the next decoded byte, counted as the readers count
    bool after_cr_ = false;
    std::string recent_; // the last bytes decoded, for the Windows-1252 check
};

} // namespace jobkb::detail
