#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// A sheet's cells as text: their references (B7) and the exact text of their numbers.
namespace jobkb::detail::xlsx {

// Excel's bounds: columns A to XFD, rows 1 to 1048576.
inline constexpr std::uint32_t kMaxColumns = 16384;
inline constexpr std::uint32_t kMaxRows = 1048576;

struct CellReference {
    std::uint32_t column = 0; // 0-based: A is 0
    std::uint32_t row = 0;    // 1-based, as the sheet numbers it
};

// "B7" as column 1, row 7; nullopt for anything else, or out of Excel's bounds.
std::optional<CellReference> parse_cell_reference(std::string_view text);

// A row number attribute ("7"), within Excel's bounds.
std::optional<std::uint32_t> parse_row_number(std::string_view text);

// The column's letters: 0 is "A", 27 is "AB".
std::string column_letters(std::uint32_t column);

// A number as a workbook stores it, as plain decimal text: "108020" and "52.04" stay as they are;
// an exponent is written out exactly, with no floating point ("1.5E-3" is "0.0015", "1E+20" is
// "100000000000000000000"). Text that is no number stays as it is.
std::string number_text(std::string_view stored);

} // namespace jobkb::detail::xlsx
