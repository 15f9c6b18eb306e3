// RecordReader: the table of input formats, how an input's dialect is settled, and what every
// reader shares.
#include "jobkb/error.hpp"
#include "jobkb/import/readers.hpp"
#include "jobkb/import/text_input.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace jobkb {
namespace {

// How much of a delimited file its delimiter is sniffed from.
constexpr std::size_t kSniffBytes = 64 * 1024;

// A format: its name (what settings and batches record), the other names and file extensions
// that stand for it, and how its records are read: from text (with a delimiter, or as JSON), or
// as a workbook. A new format is a new row.
struct FormatEntry {
    InputFormat format;
    std::string_view name;
    std::array<std::string_view, 2> other_names; // "" where there are fewer
    char delimiter;                              // delimited text: the default; else '\0'
    void (*read_text)(detail::TextInput& input, const detail::RecordVisitor& visit,
                      const ReadOptions& options);
};

const std::array<FormatEntry, 5> kFormats = {{
    {InputFormat::kCsv, "csv", {}, ',', nullptr},
    {InputFormat::kTsv, "tsv", {"tab"}, '\t', nullptr},
    {InputFormat::kJson, "json", {}, '\0', detail::read_json_array},
    {InputFormat::kNdjson, "ndjson", {"nl", "jsonl"}, '\0', detail::read_json_lines},
    {InputFormat::kXlsx, "xlsx", {"excel"}, '\0', nullptr},
}};

const FormatEntry& entry_of(InputFormat format) {
    const auto found =
        std::find_if(kFormats.begin(), kFormats.end(),
                     [&](const FormatEntry& entry) { return entry.format == format; });
    return found == kFormats.end() ? kFormats.front() : *found;
}

struct DelimiterName {
    char delimiter;
    std::string_view name;
};
constexpr std::array<DelimiterName, 4> kDelimiterNames = {
    {{',', "comma"}, {';', "semicolon"}, {'\t', "tab"}, {'|', "pipe"}}};

} // namespace

namespace detail {

void fail_input(const std::string& name, std::size_t line, const std::string& message, Hint hint) {
    throw Error(ErrorCode::kInvalidArgument, fmt::format("{}:{}: {}", name, line, message),
                std::move(hint));
}

void fail_input(const InputSource& input, std::size_t line, const std::string& message) {
    fail_input(input.name(), line, message);
}

std::string column_label(std::string_view name, std::size_t index) {
    std::string label;
    for (char c : elided(trimmed(name), 80)) {
        const auto byte = static_cast<unsigned char>(c);
        label += byte < 0x20 || byte == 0x7f ? '?' : c;
    }
    return label.empty() ? fmt::format("column {}", index + 1) : label;
}

} // namespace detail

std::string_view to_string(InputFormat format) { return entry_of(format).name; }

std::string_view to_string(TextEncoding encoding) {
    switch (encoding) {
    case TextEncoding::kUtf16Le:
        return "utf-16le";
    case TextEncoding::kUtf16Be:
        return "utf-16be";
    case TextEncoding::kUtf8:
        break;
    }
    return "utf-8";
}

std::optional<InputFormat> parse_input_format(std::string_view name) {
    const std::string lowered = detail::ascii_lowered(name);
    if (lowered.empty()) {
        return std::nullopt; // the table's unused other names are empty
    }
    for (const FormatEntry& entry : kFormats) {
        if (lowered == entry.name || std::find(entry.other_names.begin(), entry.other_names.end(),
                                               lowered) != entry.other_names.end()) {
            return entry.format;
        }
    }
    return std::nullopt;
}

std::optional<InputFormat> input_format_for(const std::filesystem::path& path) {
    const std::string extension = path.extension().string();
    return extension.size() > 1 && detail::ascii_lowered(extension) != ".excel"
               ? parse_input_format(extension.substr(1))
               : std::nullopt;
}

std::optional<char> parse_delimiter(std::string_view name) {
    if (name.size() == 1 && std::string_view(",;|\t").find(name[0]) != std::string_view::npos) {
        return name[0];
    }
    if (name == "\\t") {
        return '\t';
    }
    const std::string lowered = detail::ascii_lowered(name);
    for (const auto& [delimiter, word] : kDelimiterNames) {
        if (lowered == word) {
            return delimiter;
        }
    }
    return std::nullopt;
}

std::string delimiter_name(char delimiter) {
    for (const auto& [known, word] : kDelimiterNames) {
        if (known == delimiter) {
            return std::string(word);
        }
    }
    return std::string(1, delimiter);
}

InputFormat detect_input_format(InputSource& input) {
    const std::string_view start = input.peek(4096);
    // A zip archive (a workbook), or an OLE2 file (a legacy or encrypted one, which the workbook
    // reader names as such).
    if (start.starts_with("PK\x03\x04") || start.starts_with("PK\x05\x06") ||
        start.starts_with("\xD0\xCF\x11\xE0")) {
        return InputFormat::kXlsx;
    }
    // The first character other than white space; UTF-16 with its mark read by its low bytes.
    std::size_t step = 1;
    std::size_t at = 0;
    if (start.starts_with("\xEF\xBB\xBF")) {
        at = 3;
    } else if (start.starts_with("\xFF\xFE")) {
        at = 2;
        step = 2;
    } else if (start.starts_with("\xFE\xFF")) {
        at = 3;
        step = 2;
    }
    for (; at < start.size(); at += step) {
        const char c = start[at];
        if (c == '[') {
            return InputFormat::kJson;
        }
        if (c == '{') {
            return InputFormat::kNdjson;
        }
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            break;
        }
    }
    return InputFormat::kCsv;
}

struct RecordReader::Impl {
    InputFormat format;
    ReadOptions options;
    Dialect dialect;
    std::optional<detail::TextInput> text;
    std::unique_ptr<detail::WorkbookReader> workbook;
};

RecordReader::RecordReader(InputSource& input, InputFormat format, ReadOptions options)
    : impl_(std::make_unique<Impl>()) {
    const FormatEntry& entry = entry_of(format);
    impl_->format = format;
    impl_->options = options;
    impl_->dialect.format = format;
    if (format == InputFormat::kXlsx) {
        impl_->workbook = detail::open_workbook(input, options.sheet);
        impl_->dialect.sheet = impl_->workbook->sheet();
        return;
    }
    impl_->text.emplace(input);
    impl_->dialect.encoding = impl_->text->encoding();
    if (entry.delimiter != '\0') {
        const std::string_view sample = impl_->text->peek(kSniffBytes);
        const auto forced = options.delimiter             ? options.delimiter
                            : format == InputFormat::kTsv ? std::optional<char>('\t')
                                                          : std::nullopt;
        const auto sniffed = detail::sniff_delimited(sample, sample.size() < kSniffBytes, forced);
        impl_->dialect.delimiter = sniffed.delimiter;
        impl_->dialect.decimal_comma = sniffed.decimal_comma;
        impl_->dialect.format = sniffed.delimiter == '\t' ? InputFormat::kTsv : InputFormat::kCsv;
    }
}

RecordReader::~RecordReader() = default;

const Dialect& RecordReader::dialect() const noexcept { return impl_->dialect; }

void RecordReader::read(const std::function<void(const Record&)>& visit) {
    if (impl_->workbook) {
        impl_->workbook->read(visit);
        return;
    }
    const FormatEntry& entry = entry_of(impl_->format);
    if (entry.read_text) {
        entry.read_text(*impl_->text, visit, impl_->options);
    } else {
        detail::read_delimited(*impl_->text, impl_->dialect.delimiter, visit);
    }
}

void read_records(InputSource& input, InputFormat format,
                  const std::function<void(const Record&)>& visit, const ReadOptions& options) {
    RecordReader(input, format, options).read(visit);
}

} // namespace jobkb
