// read_records(): the table of input formats, and what every reader shares.
#include "jobkb/error.hpp"
#include "jobkb/import/readers.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace jobkb {
namespace {

using detail::RecordVisitor;

// A format: its name (what settings and batches record), the other names and file extensions
// that stand for it, and its reader. A new format is a new row.
struct FormatEntry {
    InputFormat format;
    std::string_view name;
    std::array<std::string_view, 2> other_names; // "" where there are fewer
    void (*read)(InputSource& input, const RecordVisitor& visit, const ReadOptions& options);
};

const std::array<FormatEntry, 4> kFormats = {{
    {InputFormat::kCsv,
     "csv",
     {},
     [](InputSource& input, const RecordVisitor& visit, const ReadOptions&) {
         detail::read_delimited(input, ',', visit);
     }},
    {InputFormat::kTsv,
     "tsv",
     {"tab"},
     [](InputSource& input, const RecordVisitor& visit, const ReadOptions&) {
         detail::read_delimited(input, '\t', visit);
     }},
    {InputFormat::kJson, "json", {}, detail::read_json_array},
    {InputFormat::kNdjson, "ndjson", {"nl", "jsonl"}, detail::read_json_lines},
}};

const FormatEntry& entry_of(InputFormat format) {
    const auto found =
        std::find_if(kFormats.begin(), kFormats.end(),
                     [&](const FormatEntry& entry) { return entry.format == format; });
    return found == kFormats.end() ? kFormats.front() : *found;
}

} // namespace

namespace detail {

void fail_input(const InputSource& input, std::size_t line, const std::string& message) {
    throw Error(ErrorCode::kInvalidArgument, fmt::format("{}:{}: {}", input.name(), line, message));
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
    return extension.size() > 1 ? parse_input_format(extension.substr(1)) : std::nullopt;
}

void read_records(InputSource& input, InputFormat format, const RecordVisitor& visit,
                  const ReadOptions& options) {
    entry_of(format).read(input, visit, options);
}

} // namespace jobkb
