#pragma once

#include "jobkb/money.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace jobkb {

/// The largest amount jobkb accepts, in minor units: 10^15 (ten trillion dollars, a hundred
/// trillion rupees), far above any salary and far below int64 overflow.
inline constexpr std::int64_t kMaxAmountMinor = 1'000'000'000'000'000;

/// An amount read by parse_amount().
struct ParsedAmount {
    std::int64_t amount_minor = 0;             ///< in the currency's minor unit
    std::optional<std::string> implied_period; ///< "year" for "12 LPA" (lakh per annum)
};

/// An amount as people write it, in the given currency, exactly (no floating point):
///   1088060   1,088,060   10,88,060   1088060.50   ₹10,88,060   $161,321   INR 1088060   1088060
///   INR 12 LPA (lakh per annum)   10.5 lakh   1.2 crore   150k
/// Digit groups must be Western (1,234,567) or Indian (12,34,567); a sign (₹ $ £ € ¥) or code must
/// agree with the currency; fractions may not go below the currency's minor unit; the amount must
/// be positive and at most kMaxAmountMinor. Anything else, or anything ambiguous (1,5 or 1.000,50),
/// throws Error(kInvalidArgument) with a message that says what was wrong and what was expected.
/// With `scale_power` p (0 to 18) the amount is multiplied by 10^p, exactly, as a shorthand does
/// (128.505 at 3 is 128505): for a column in thousands; the range is checked on the result.
ParsedAmount parse_amount(std::string_view text, const Currency& currency, int scale_power = 0);

/// The two ends of a range of amounts as people write it: `$53K-$91K`, `53,000 - 91,000`,
/// `10-12 LPA`, `53K–91K` (an en dash), each end a text for parse_amount(). A shorthand (K, LPA,
/// lakh, crore) written once, after the high end, is the low end's too: `10-12 LPA` is `10 LPA` and
/// `12 LPA`. nullopt for text that is no range: one amount, or a '-' that starts it (negative).
/// Whether the ends are amounts, and the low one not above the high one, is the caller's check.
std::optional<std::pair<std::string, std::string>> split_amount_range(std::string_view text);

} // namespace jobkb
