#include "jobkb/money.hpp"

#include "jobkb/error.hpp"

#include <algorithm>
#include <limits>
#include <vector>

namespace jobkb {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Inserts separators into a run of digits: groups of three, or for Indian grouping three at the
// right and then twos (10,88,060).
std::string group_digits(const std::string& digits, DigitGrouping grouping) {
    std::string grouped;
    const std::size_t length = digits.size();
    for (std::size_t i = 0; i < length; ++i) {
        const std::size_t remaining = length - i;
        if (i > 0) {
            const bool boundary =
                grouping == DigitGrouping::kIndian
                    ? remaining == 3 || (remaining > 3 && (remaining - 3) % 2 == 0)
                    : remaining % 3 == 0;
            if (boundary) {
                grouped.push_back(',');
            }
        }
        grouped.push_back(digits[i]);
    }
    return grouped;
}

} // namespace

DigitGrouping parse_digit_grouping(std::string_view text) {
    if (text == "western") {
        return DigitGrouping::kWestern;
    }
    if (text == "indian") {
        return DigitGrouping::kIndian;
    }
    throw Error(ErrorCode::kInvalidArgument,
                "digit grouping '" + std::string(text) + "': expected western or indian");
}

std::optional<std::int64_t> parse_decimal_amount(std::string_view text, int minor_unit) {
    const auto point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    if (whole.empty() || (point != std::string_view::npos && fraction.empty()) ||
        fraction.size() > static_cast<std::size_t>(minor_unit)) {
        return std::nullopt;
    }
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    std::int64_t value = 0;
    auto append = [&](char c) {
        if (!is_digit(c) || value > (kMax - (c - '0')) / 10) {
            return false;
        }
        value = value * 10 + (c - '0');
        return true;
    };
    for (char c : whole) {
        if (!append(c)) {
            return std::nullopt;
        }
    }
    for (int i = 0; i < minor_unit; ++i) {
        const auto index = static_cast<std::size_t>(i);
        if (!append(index < fraction.size() ? fraction[index] : '0')) {
            return std::nullopt;
        }
    }
    return value;
}

std::int64_t minor_units_per_major(const Currency& currency) {
    std::int64_t factor = 1;
    for (int i = 0; i < currency.minor_unit; ++i) {
        factor *= 10;
    }
    return factor;
}

std::string format_amount(std::int64_t amount_minor, const Currency& currency) {
    const std::int64_t factor = minor_units_per_major(currency);
    const bool negative = amount_minor < 0;
    // Work on the magnitude as unsigned so that the most negative value cannot overflow.
    const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(amount_minor)
                                             : static_cast<std::uint64_t>(amount_minor);
    const auto unsigned_factor = static_cast<std::uint64_t>(factor);
    std::string text = negative ? "-" : "";
    text += group_digits(std::to_string(magnitude / unsigned_factor), currency.grouping);
    if (const std::uint64_t fraction = magnitude % unsigned_factor; fraction != 0) {
        std::string digits = std::to_string(fraction);
        digits.insert(0, static_cast<std::size_t>(currency.minor_unit) - digits.size(), '0');
        text += '.' + digits;
    }
    return text;
}

std::string format_money(std::int64_t amount_minor, const Currency& currency) {
    const std::string amount = format_amount(amount_minor, currency);
    if (currency.symbol.empty()) {
        return currency.code + ' ' + amount;
    }
    // Letter symbols ("FCFA") read as a word and need a space; sign symbols ("$", "CA$") do not.
    const char last = currency.symbol.back();
    const bool wordlike = (last >= 'A' && last <= 'Z') || (last >= 'a' && last <= 'z');
    const std::string prefix = wordlike ? currency.symbol + ' ' : currency.symbol;
    if (amount_minor < 0) {
        return '-' + prefix + amount.substr(1);
    }
    return prefix + amount;
}

} // namespace jobkb
