#include "jobkb/conversion/exact.hpp"

#include "jobkb/error.hpp"

#include <algorithm>

namespace jobkb::detail {
namespace {

[[noreturn]] void overflow() {
    throw Error(ErrorCode::kInvalidArgument,
                "the exact computation exceeds 128-bit integers (expected amounts and rates of "
                "realistic size)");
}

Int128 gcd(Int128 a, Int128 b) {
    while (b != 0) {
        const Int128 rest = a % b;
        a = b;
        b = rest;
    }
    return a;
}

int digit_count(Int128 value) {
    int count = 1;
    while (value >= 10) {
        value /= 10;
        ++count;
    }
    return count;
}

// Whether numerator / denominator >= 10^exponent.
bool at_least_power_of_ten(const Rational& value, int exponent) {
    if (exponent >= 0) {
        return value.numerator() >= checked_multiply(value.denominator(), power_of_ten(exponent));
    }
    return checked_multiply(value.numerator(), power_of_ten(-exponent)) >= value.denominator();
}

} // namespace

Int128 power_of_ten(int exponent) {
    if (exponent < 0 || exponent > 38) {
        overflow();
    }
    Int128 value = 1;
    for (int i = 0; i < exponent; ++i) {
        value *= 10;
    }
    return value;
}

Int128 checked_multiply(Int128 a, Int128 b) {
    Int128 product = 0;
    if (__builtin_mul_overflow(a, b, &product)) {
        overflow();
    }
    return product;
}

Int128 checked_add(Int128 a, Int128 b) {
    Int128 sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) {
        overflow();
    }
    return sum;
}

std::string to_string(Int128 value) {
    std::string digits;
    do {
        digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
        value /= 10;
    } while (value > 0);
    std::reverse(digits.begin(), digits.end());
    return digits;
}

std::string decimal_text(Int128 value, int scale) {
    std::string digits = to_string(value);
    if (scale <= 0) {
        return value == 0 ? digits : digits + std::string(static_cast<std::size_t>(-scale), '0');
    }
    const auto places = static_cast<std::size_t>(scale);
    if (digits.size() <= places) {
        digits.insert(0, places - digits.size() + 1, '0');
    }
    digits.insert(digits.size() - places, 1, '.');
    while (digits.back() == '0') {
        digits.pop_back();
    }
    if (digits.back() == '.') {
        digits.pop_back();
    }
    return digits;
}

Rational::Rational(Int128 numerator, Int128 denominator) {
    if (numerator < 0 || denominator <= 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "a rate or amount is negative or divides by zero (expected positive values)");
    }
    const Int128 common = numerator == 0 ? denominator : gcd(numerator, denominator);
    numerator_ = numerator / common;
    denominator_ = denominator / common;
}

Rational Rational::of(const Decimal& decimal) {
    return Rational(decimal.mantissa(), power_of_ten(decimal.scale()));
}

Rational Rational::operator*(const Rational& other) const {
    if (numerator_ == 0 || other.numerator_ == 0) {
        return Rational();
    }
    const Int128 first = gcd(numerator_, other.denominator_);
    const Int128 second = gcd(other.numerator_, denominator_);
    return Rational(checked_multiply(numerator_ / first, other.numerator_ / second),
                    checked_multiply(denominator_ / second, other.denominator_ / first));
}

Rational Rational::operator/(const Rational& other) const {
    if (other.numerator_ == 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "division by a zero rate (expected a positive rate)");
    }
    Rational inverse;
    inverse.numerator_ = other.denominator_;
    inverse.denominator_ = other.numerator_;
    return *this * inverse;
}

Rational Rational::scaled(int exponent) const {
    Rational factor(1, 1);
    if (exponent >= 0) {
        factor.numerator_ = power_of_ten(exponent);
    } else {
        factor.denominator_ = power_of_ten(-exponent);
    }
    return *this * factor;
}

Int128 Rational::round_half_even() const {
    const Int128 quotient = numerator_ / denominator_;
    const Int128 remainder = numerator_ % denominator_;
    const Int128 rest = denominator_ - remainder; // distance to the next integer, times denominator
    if (remainder > rest || (remainder == rest && quotient % 2 == 1)) {
        return quotient + 1;
    }
    return quotient;
}

std::string Rational::to_significant(int digits) const {
    if (numerator_ == 0) {
        return "0";
    }
    // The value lies in [10^(e-1), 10^(e+1)) for e = the difference of the digit counts; one
    // comparison decides which decade, so that scaling by 10^shift leaves `digits` digits.
    int exponent = digit_count(numerator_) - digit_count(denominator_);
    if (!at_least_power_of_ten(*this, exponent)) {
        --exponent;
    }
    int shift = digits - 1 - exponent;
    Int128 rounded = scaled(shift).round_half_even();
    if (rounded == power_of_ten(digits)) { // 9.999995 rounds up to 10.0000
        rounded /= 10;
        --shift;
    }
    return decimal_text(rounded, shift);
}

std::string Rational::to_exact() const {
    // A reduced fraction ends as a decimal exactly when its denominator has no prime factor but
    // 2 and 5; it then needs as many decimals as the larger of the two exponents.
    Int128 rest = denominator_;
    int twos = 0;
    int fives = 0;
    for (; rest % 2 == 0; rest /= 2) {
        ++twos;
    }
    for (; rest % 5 == 0; rest /= 5) {
        ++fives;
    }
    const int scale = std::max(twos, fives);
    Int128 scaled_numerator = 0;
    if (rest == 1 && scale <= 38 &&
        !__builtin_mul_overflow(numerator_, power_of_ten(scale) / denominator_,
                                &scaled_numerator)) {
        return decimal_text(scaled_numerator, scale);
    }
    return to_string(numerator_) + "/" + to_string(denominator_);
}

} // namespace jobkb::detail
