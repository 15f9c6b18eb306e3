#include "jobkb/tsv.hpp"

#include "jobkb/error.hpp"

#include <algorithm>

namespace jobkb {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab - start));
        if (tab == std::string_view::npos) {
            return fields;
        }
        start = tab + 1;
    }
}

} // namespace

TsvTable::TsvTable(std::string name, std::string_view content) : name_(std::move(name)) {
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start < content.size()) {
        std::size_t end = content.find('\n', start);
        if (end == std::string_view::npos) {
            end = content.size();
        }
        std::string_view line = content.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        auto fields = split_tabs(line);
        if (header_.empty()) {
            header_ = std::move(fields);
            continue;
        }
        if (fields.size() != header_.size()) {
            throw Error(ErrorCode::kBadSeed,
                        name_ + ':' + std::to_string(line_number) + ": has " +
                            std::to_string(fields.size()) + " fields, expected " +
                            std::to_string(header_.size()) + " (one per header column)");
        }
        rows_.push_back(Row{line_number, std::move(fields)});
    }
    if (header_.empty()) {
        throw Error(ErrorCode::kBadSeed, name_ + ":1: empty file, expected a header row");
    }
}

std::size_t TsvTable::column(std::string_view header_name) const {
    const auto found = std::find(header_.begin(), header_.end(), header_name);
    if (found == header_.end()) {
        throw Error(ErrorCode::kBadSeed,
                    name_ + ": header: missing column '" + std::string(header_name) + "'");
    }
    return static_cast<std::size_t>(found - header_.begin());
}

std::string TsvTable::where(const Row& row, std::string_view column_name,
                            std::string_view message) const {
    return name_ + ':' + std::to_string(row.line) + ": " + std::string(column_name) + ": " +
           std::string(message);
}

} // namespace jobkb
