#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jobkb {

/// How a currency's amounts group their digits.
enum class DigitGrouping {
    kWestern, ///< in threes: 1,088,060
    kIndian,  ///< three, then twos: 10,88,060
};

/// What it takes to read and write amounts of one ISO 4217 currency.
struct Currency {
    std::string code;   ///< "INR"
    std::string symbol; ///< "₹"; empty when the code itself is what people write
    int minor_unit = 2; ///< decimal digits of the minor unit: 2 for cents and paise
    DigitGrouping grouping = DigitGrouping::kWestern; ///< how its amounts are written
};

/// Minor units in one major unit of the currency: 10 to the power of its minor_unit (100 for
/// cents and paise, 1 for yen).
std::int64_t minor_units_per_major(const Currency& currency);

/// The grouping named "western" or "indian" (as stored with a currency). Throws
/// Error(ErrorCode::kInvalidArgument) for any other name.
DigitGrouping parse_digit_grouping(std::string_view text);

/// A plain decimal ("1088060", "45.5") in the currency's minor unit: 108806000, 4550.
/// nullopt when the text is not digits with at most minor_unit decimals, or overflows.
std::optional<std::int64_t> parse_decimal_amount(std::string_view text, int minor_unit);

/// "₹10,88,060", "$161,321", "$45.50", "CHF 1,200": grouping per currency, decimals only when the
/// amount has a fractional part.
std::string format_money(std::int64_t amount_minor, const Currency& currency);

/// The amount alone, grouped, without a symbol: "10,88,060".
std::string format_amount(std::int64_t amount_minor, const Currency& currency);

} // namespace jobkb
