// The text readers' dialects: encodings (UTF-8, UTF-16 with its mark, the ones refused by name),
// delimiter sniffing and forced delimiters, as CSV, TSV, JSON or NDJSON. The first byte chooses
// the format and the delimiter; the rest is the file. See reader_fuzz.hpp.
#include "reader_fuzz.hpp"

#include <array>
#include <optional>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    using jobkb::InputFormat;
    static constexpr std::array<InputFormat, 4> kFormats = {
        InputFormat::kCsv, InputFormat::kTsv, InputFormat::kJson, InputFormat::kNdjson};
    static constexpr std::array<char, 5> kDelimiters = {'\0', ',', ';', '|', '\t'};
    const std::uint8_t choice = data[0];
    // Mostly CSV: sniffing is what needs the exploring.
    const InputFormat format = choice < 160 ? InputFormat::kCsv : kFormats[choice % 4];
    jobkb::ReadOptions options;
    if (const char delimiter = kDelimiters[(choice / 4) % 5];
        delimiter != '\0' && (format == InputFormat::kCsv || format == InputFormat::kTsv)) {
        options.delimiter = delimiter;
    }
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    {
        std::string copy(bytes);
        std::istringstream stream(copy);
        jobkb::InputSource input(stream, "-");
        (void)jobkb::detect_input_format(input); // must not throw on any bytes
    }
    return jobkb::fuzz::fuzz_reader(bytes, format, options);
}
