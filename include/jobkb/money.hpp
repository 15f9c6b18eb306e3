#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jobkb {

/// How a currency's digits are grouped when an amount is written.
enum class DigitGrouping {
    kWestern, ///< in threes: 1,088,060
    kIndian,  ///< three, then twos (lakh, crore): 10,88,060
};

/// What it takes to read and write amounts of one ISO 4217 currency.
struct Currency {
    std::string code;   ///< the ISO 4217 code: "INR"
    std::string symbol; ///< "₹"; empty when the code itself is what people write
    int minor_unit = 2; ///< decimal digits of the minor unit: 2 for cents and paise
    DigitGrouping grouping = DigitGrouping::kWestern; ///< how its amounts are grouped
};

/// The grouping named "western" or "indian" (as the seed data and the database store it).
/// Throws Error(kInvalidArgument) for any other text.
DigitGrouping parse_digit_grouping(std::string_view text);

/// A plain decimal ("1088060", "45.5") in the currency's minor unit: 108806000, 4550.
/// Returns nullopt when the text is not digits with at most `minor_unit` decimals, or overflows;
/// throws nothing.
std::optional<std::int64_t> parse_decimal_amount(std::string_view text, int minor_unit);

/// An amount as people read it: "₹10,88,060", "$161,321", "$45.50", "CHF 1,200": grouping per
/// currency, decimals only when the amount has a fractional part. Throws nothing but
/// std::bad_alloc.
std::string format_money(std::int64_t amount_minor, const Currency& currency);

/// The amount alone, grouped, without a symbol: "10,88,060". Throws nothing but std::bad_alloc.
std::string format_amount(std::int64_t amount_minor, const Currency& currency);

} // namespace jobkb
