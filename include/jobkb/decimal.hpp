#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jobkb {

/// An exact non-negative decimal number, mantissa × 10^-scale, as exchange rates and price-level
/// factors are published ("96.0755", "20.4219876045922", "1"). Always canonical: a non-zero
/// scale has no trailing zero in the mantissa, so equal numbers compare equal field by field and
/// print the same text. Never a float.
class Decimal {
public:
    /// The most significant digits a Decimal holds: its mantissa stays below 10^18, so products
    /// of two mantissas fit the 128-bit arithmetic of conversions.
    static constexpr int kMaxDigits = 18;
    /// The most decimals a Decimal holds (the World Bank's factors of the 1990s reach 27).
    static constexpr int kMaxScale = 30;

    /// Zero.
    Decimal() = default;

    /// Reads plain decimal text: digits with at most one point between digits ("1", "0.8477",
    /// "0001.50" reads as 1.5). Throws Error(kInvalidArgument), with `what` naming the value in
    /// the message ("rate: '1e3' ..."), for anything else: empty text, signs, exponents, spaces,
    /// commas, a point without a digit on both sides, more than kMaxDigits significant digits or
    /// more than kMaxScale decimals once trailing zeros are dropped.
    static Decimal parse(std::string_view text, std::string_view what = "decimal");

    /// The same as parse(), with nullopt instead of an Error.
    static std::optional<Decimal> try_parse(std::string_view text) noexcept;

    /// The number mantissa × 10^-scale. Throws Error(kInvalidArgument) when mantissa is negative
    /// or not below 10^kMaxDigits, or scale is outside 0..kMaxScale; the result is canonical.
    static Decimal from_parts(std::int64_t mantissa, int scale);

    /// The digits without the point: 960755 for 96.0755.
    std::int64_t mantissa() const noexcept { return mantissa_; }
    /// How many of the digits are decimals: 4 for 96.0755.
    int scale() const noexcept { return scale_; }
    /// Whether the number is zero.
    bool is_zero() const noexcept { return mantissa_ == 0; }

    /// The canonical text: "96.0755", "1", "0.000123"; parse(to_string()) is the same number.
    /// This is the form the database stores (its CHECK accepts exactly this shape).
    std::string to_string() const;

    /// Equal numbers (canonical, so field by field).
    friend bool operator==(const Decimal&, const Decimal&) = default;

private:
    std::int64_t mantissa_ = 0;
    int scale_ = 0;
};

} // namespace jobkb
