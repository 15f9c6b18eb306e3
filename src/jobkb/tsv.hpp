#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

// A tab-separated table as the seed files write it: a header row, then one record a line, no
// quoting (fields hold no tabs or newlines). Blank lines and lines starting with '#' are skipped.
// Views point into the content passed in, which must outlive the table.
class TsvTable {
public:
    struct Row {
        std::size_t line; // 1-based line number in the file, for messages
        std::vector<std::string_view> fields;
    };

    // Throws Error(kBadSeed, "NAME:LINE: ...") on a ragged row or an empty table.
    TsvTable(std::string name, std::string_view content);

    const std::string& name() const noexcept { return name_; }
    const std::vector<std::string_view>& header() const noexcept { return header_; }
    const std::vector<Row>& rows() const noexcept { return rows_; }

    // Index of a header column; throws Error(kBadSeed) naming the file when it is missing.
    std::size_t column(std::string_view header_name) const;

    // "NAME:LINE: column: message", the form of every data error.
    std::string where(const Row& row, std::string_view column_name, std::string_view message) const;

private:
    std::string name_;
    std::vector<std::string_view> header_;
    std::vector<Row> rows_;
};

} // namespace jobkb
