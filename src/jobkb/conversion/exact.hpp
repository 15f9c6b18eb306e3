#pragma once
// Exact arithmetic for conversions: non-negative rationals of 128-bit integers, always reduced,
// every operation checked for overflow (Error(kInvalidArgument), never a wrapped value), and
// rounding half to even. Money never meets a float here.

#include "jobkb/decimal.hpp"

#include <string>

namespace jobkb::detail {

// GCC and Clang both have __int128; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef __int128 Int128;

// 10^exponent for 0..38. Throws Error(kInvalidArgument) beyond.
Int128 power_of_ten(int exponent);

// a × b and a + b of non-negative values; throw Error(kInvalidArgument) on overflow.
Int128 checked_multiply(Int128 a, Int128 b);
Int128 checked_add(Int128 a, Int128 b);

// Decimal digits of a non-negative value.
std::string to_string(Int128 value);

// numerator / denominator, non-negative, reduced (gcd 1), denominator positive.
class Rational {
public:
    Rational() = default;
    // Throws Error(kInvalidArgument) for a negative numerator or a denominator that is not
    // positive.
    Rational(Int128 numerator, Int128 denominator);
    static Rational of(const Decimal& decimal);

    Int128 numerator() const noexcept { return numerator_; }
    Int128 denominator() const noexcept { return denominator_; }
    bool is_zero() const noexcept { return numerator_ == 0; }

    // Products and quotients cancel common factors crosswise before multiplying, so they
    // overflow only when the reduced result does not fit. Division by zero throws.
    Rational operator*(const Rational& other) const;
    Rational operator/(const Rational& other) const;
    // × 10^exponent; the exponent may be negative.
    Rational scaled(int exponent) const;

    // The nearest integer, halves to the even one.
    Int128 round_half_even() const;

    // Rounded half to even to `digits` significant digits, as plain decimal text without
    // trailing zeros ("1.32736", "0.000123457", "18606.6"); "0" for zero.
    std::string to_significant(int digits) const;
    // Exact text: decimal when the value ends ("0.8477"), else "numerator/denominator".
    std::string to_exact() const;

    friend bool operator==(const Rational&, const Rational&) = default;

private:
    Int128 numerator_ = 0;
    Int128 denominator_ = 1;
};

// value × 10^-scale as plain decimal text, without trailing zeros after the point.
std::string decimal_text(Int128 value, int scale);

} // namespace jobkb::detail
