#include "jobkb/import/xlsx/cells.hpp"

#include <array>
#include <charconv>

namespace jobkb::detail::xlsx {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
    for (const char c : text) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return !text.empty();
}

// The longest exponent written out: far past a double's (1E+308), short enough to stay small.
constexpr int kMaxExponent = 400;

// Excel keeps 15 significant digits of what is typed, but writes some numbers with 17
// (37.659999999999997 for the double nearest 37.66): such a text is given as the shortest
// decimal that names the same double (37.66), which is what Excel shows. A conversion between
// a double and its text, never arithmetic.
constexpr std::size_t kExcelDigits = 15;

std::size_t significant_digits(std::string_view digits) {
    const std::size_t first = digits.find_first_not_of('0');
    return first == std::string_view::npos ? 0 : digits.size() - first;
}

std::string shortest_text(std::string_view stored) {
    double value = 0;
    const auto [end, error] = std::from_chars(stored.data(), stored.data() + stored.size(), value);
    if (error != std::errc() || end != stored.data() + stored.size()) {
        return std::string(stored);
    }
    std::array<char, 512> buffer{};
    const auto [last, failed] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                              std::chars_format::fixed);
    return failed == std::errc() ? std::string(buffer.data(), last) : std::string(stored);
}

} // namespace

std::optional<std::uint32_t> parse_row_number(std::string_view text) {
    std::uint32_t row = 0;
    if (!all_digits(text) || text.size() > 7) {
        return std::nullopt;
    }
    std::from_chars(text.data(), text.data() + text.size(), row);
    if (row < 1 || row > kMaxRows) {
        return std::nullopt;
    }
    return row;
}

std::optional<CellReference> parse_cell_reference(std::string_view text) {
    CellReference reference;
    std::size_t letters = 0;
    std::uint32_t column = 0;
    while (letters < text.size() && letters < 4) {
        const char c = static_cast<char>(text[letters] & ~0x20); // upper case
        if (c < 'A' || c > 'Z') {
            break;
        }
        column = column * 26 + static_cast<std::uint32_t>(c - 'A' + 1);
        ++letters;
    }
    if (letters == 0 || column > kMaxColumns) {
        return std::nullopt;
    }
    const auto row = parse_row_number(text.substr(letters));
    if (!row) {
        return std::nullopt;
    }
    reference.column = column - 1;
    reference.row = *row;
    return reference;
}

std::string column_letters(std::uint32_t column) {
    std::string letters;
    for (std::uint32_t rest = column + 1; rest > 0; rest = (rest - 1) / 26) {
        letters.insert(letters.begin(), static_cast<char>('A' + (rest - 1) % 26));
    }
    return letters;
}

std::string number_text(std::string_view stored) {
    std::string_view rest = stored;
    const bool negative = rest.starts_with('-');
    if (negative) {
        rest.remove_prefix(1);
    }
    const std::size_t e = std::min(rest.find_first_of("eE"), rest.size());
    const std::string_view mantissa = rest.substr(0, e);
    std::string_view exponent_text = e < rest.size() ? rest.substr(e + 1) : "0";
    const bool exponent_negative = exponent_text.starts_with('-');
    if (exponent_text.starts_with('-') || exponent_text.starts_with('+')) {
        exponent_text.remove_prefix(1);
    }
    const std::size_t point = mantissa.find('.');
    const std::string_view whole = mantissa.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : mantissa.substr(point + 1);
    if (!all_digits(whole) || (!fraction.empty() && !all_digits(fraction)) ||
        !all_digits(exponent_text) || exponent_text.size() > 3) {
        return std::string(stored); // no number
    }
    if (significant_digits(std::string(whole) + std::string(fraction)) > kExcelDigits) {
        return shortest_text(stored);
    }
    if (e == rest.size()) {
        return std::string(stored); // plain, exactly as stored
    }
    int exponent = 0;
    std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
    if (exponent > kMaxExponent) {
        return std::string(stored);
    }
    exponent = exponent_negative ? -exponent : exponent;
    // digits × 10^(exponent - fraction digits): the point moves `exponent` places.
    std::string digits = std::string(whole) + std::string(fraction);
    long long point_at = static_cast<long long>(whole.size()) + exponent;
    if (point_at <= 0) {
        digits.insert(0, static_cast<std::size_t>(-point_at) + 1, '0');
        point_at = 1;
    } else if (point_at > static_cast<long long>(digits.size())) {
        digits.append(static_cast<std::size_t>(point_at) - digits.size(), '0');
    }
    std::string integer = digits.substr(0, static_cast<std::size_t>(point_at));
    std::string decimals = digits.substr(static_cast<std::size_t>(point_at));
    integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size() - 1));
    decimals.erase(decimals.find_last_not_of('0') + 1);
    std::string text = negative ? "-" : "";
    text += integer;
    if (!decimals.empty()) {
        text += "." + decimals;
    }
    return text;
}

} // namespace jobkb::detail::xlsx
