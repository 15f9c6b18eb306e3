#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace jobkb::cli {

enum class Align { kLeft, kRight };

struct TableColumn {
    std::string header;
    Align align = Align::kLeft;
    std::size_t max_width = 0; // wrap cells wider than this at spaces; 0: never wrap
};

// Writes rows as a box-drawn table, columns aligned by display width (₹, accents, CJK).
// bold_header: ANSI bold for the header row, for terminals.
void write_table(std::ostream& out, const std::vector<TableColumn>& columns,
                 const std::vector<std::vector<std::string>>& rows, bool bold_header = false);

} // namespace jobkb::cli
