// Exact decimals and rationals: what reads as a rate, what is refused, rounding half to even,
// display to significant digits, and overflow refused instead of wrapped.
#include "jobkb/conversion/exact.hpp"
#include "jobkb/decimal.hpp"
#include "jobkb/error.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace jobkb {
namespace {

using detail::Int128;
using detail::Rational;

TEST(Decimal, ReadsPublishedRatesExactly) {
    const Decimal inr = Decimal::parse("96.0755");
    EXPECT_EQ(inr.mantissa(), 960755);
    EXPECT_EQ(inr.scale(), 4);
    EXPECT_EQ(inr.to_string(), "96.0755");
    EXPECT_EQ(Decimal::parse("20.4219876045922").to_string(), "20.4219876045922");
    EXPECT_EQ(Decimal::parse("1").to_string(), "1");
    EXPECT_EQ(Decimal::parse("18606.59").scale(), 2);
    // The World Bank's smallest factors: 25 decimals, 15 significant digits.
    const Decimal tiny = Decimal::parse("0.0000000000268098258972168");
    EXPECT_EQ(tiny.mantissa(), 268098258972168);
    EXPECT_EQ(tiny.scale(), 25);
    EXPECT_EQ(tiny.to_string(), "0.0000000000268098258972168");
}

TEST(Decimal, IsCanonical) {
    EXPECT_EQ(Decimal::parse("1.0"), Decimal::parse("1"));
    EXPECT_EQ(Decimal::parse("1.50").to_string(), "1.5");
    EXPECT_EQ(Decimal::parse("0001.50").to_string(), "1.5");
    EXPECT_EQ(Decimal::parse("0.000").to_string(), "0");
    EXPECT_TRUE(Decimal::parse("0.000").is_zero());
    EXPECT_EQ(Decimal::parse("0.0100").to_string(), "0.01");
    EXPECT_EQ(Decimal::parse("100").to_string(), "100"); // zeros before the point stay
    EXPECT_EQ(Decimal::from_parts(15000, 4).to_string(), "1.5");
    EXPECT_EQ(Decimal::from_parts(15000, 4), Decimal::parse("1.5"));
    EXPECT_EQ(Decimal::from_parts(0, 7), Decimal());
    // Trailing zeros do not count against the limits.
    EXPECT_EQ(Decimal::parse("1.0000000000000000000000000000000000000").to_string(), "1");
}

TEST(Decimal, RefusesAnythingButPlainDigits) {
    for (const char* text : {"",          " 1",  "1 ",  "+1",   "-1",    "1e3", "1E3",  "1,5",
                             "1.000,5",   ".5",  "1.",  "1..2", "1.2.3", "N/A", "0x10", "١",
                             "1\xc2\xa0", "inf", "nan", "½",    "1/2",   "$1",  "1 000"}) {
        EXPECT_FALSE(Decimal::try_parse(text)) << text;
        EXPECT_THROW(Decimal::parse(text), Error) << text;
    }
    EXPECT_FALSE(Decimal::try_parse(std::string_view("1\0"
                                                     "2",
                                                     3)));
}

TEST(Decimal, RefusesMoreDigitsThanItHolds) {
    EXPECT_EQ(Decimal::parse("999999999999999999").mantissa(), 999'999'999'999'999'999);
    EXPECT_EQ(Decimal::parse("0.000000000000999999999999999999").scale(), 30);
    EXPECT_FALSE(Decimal::try_parse("1000000000000000000"));               // 19 digits
    EXPECT_FALSE(Decimal::try_parse("1.000000000000000001"));              // 19 significant
    EXPECT_FALSE(Decimal::try_parse("0.0000000000000000000000000000001")); // 31 decimals
    EXPECT_FALSE(Decimal::try_parse(std::string(100000, '9')));
    EXPECT_THROW(Decimal::from_parts(-1, 0), Error);
    EXPECT_THROW(Decimal::from_parts(1, 31), Error);
    EXPECT_THROW(Decimal::from_parts(1'000'000'000'000'000'000, 0), Error);
}

TEST(Decimal, RefusalsNameTheValueAndWhatWasExpected) {
    try {
        Decimal::parse("1e3", "rate");
        FAIL() << "1e3 was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(std::string(error.what()),
                  "rate: '1e3' is not a plain decimal (expected digits with at most one decimal "
                  "point, such as 96.0755)");
    }
    try {
        Decimal::parse("1.0000000000000000000000000000001", "factor");
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("more than 30 decimals"), std::string::npos);
    }
}

TEST(Rational, RoundsHalfToEven) {
    const std::pair<std::pair<int, int>, int> cases[] = {
        {{1, 2}, 0}, {{3, 2}, 2},   {{5, 2}, 2},   {{7, 2}, 4},       {{9, 2}, 4},
        {{1, 3}, 0}, {{2, 3}, 1},   {{5, 4}, 1},   {{7, 4}, 2},       {{0, 5}, 0},
        {{6, 3}, 2}, {{25, 10}, 2}, {{35, 10}, 4}, {{2501, 1000}, 3}, {{2499, 1000}, 2}};
    for (const auto& [fraction, expected] : cases) {
        EXPECT_EQ(Rational(fraction.first, fraction.second).round_half_even(), expected)
            << fraction.first << "/" << fraction.second;
    }
}

TEST(Rational, StaysReducedAndCancelsBeforeMultiplying) {
    const Rational rate =
        Rational::of(Decimal::parse("0.8477")) / Rational::of(Decimal::parse("1.1252"));
    EXPECT_EQ(rate.numerator(), 8477);
    EXPECT_EQ(rate.denominator(), 11252);
    // 10^30 / 10^29 would overflow if multiplied out first; cancelled, it is 10.
    const Rational big(detail::power_of_ten(30), 1);
    EXPECT_EQ((big * Rational(1, detail::power_of_ten(29))).numerator(), 10);
    EXPECT_EQ(Rational(6, 4), Rational(3, 2));
}

TEST(Rational, RefusesOverflowInsteadOfWrapping) {
    const Int128 max = std::numeric_limits<Int128>::max();
    EXPECT_THROW(Rational(max / 2, 1) * Rational(3, 1), Error);
    EXPECT_THROW(Rational(max / 2 + 1, 7) * Rational(11, 13), Error);
    EXPECT_THROW(detail::checked_add(max, 1), Error);
    EXPECT_THROW(detail::checked_multiply(max / 10 + 1, 10), Error);
    EXPECT_THROW(detail::power_of_ten(39), Error);
    EXPECT_THROW(Rational(1, 0), Error);
    EXPECT_THROW(Rational(-1, 2), Error);
    EXPECT_THROW(Rational(1, 2) / Rational(0, 1), Error);
    try {
        detail::checked_add(max, max);
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    }
}

TEST(Rational, ShowsSignificantDigitsRoundedHalfToEven) {
    EXPECT_EQ(Rational(11252, 8477).to_significant(6), "1.32736");
    EXPECT_EQ(Rational(1, 3).to_significant(6), "0.333333");
    EXPECT_EQ(Rational(2, 3).to_significant(6), "0.666667");
    EXPECT_EQ(Rational::of(Decimal::parse("18606.59")).to_significant(6), "18606.6");
    EXPECT_EQ(Rational(12345678, 10).to_significant(6), "1234570");
    EXPECT_EQ(Rational(9999995, 1000000).to_significant(6), "10");      // a tie, 9 is odd: up
    EXPECT_EQ(Rational(9999985, 1000000).to_significant(6), "9.99998"); // a tie, 8 is even
    EXPECT_EQ(Rational(1, 1).to_significant(6), "1");
    EXPECT_EQ(Rational(0, 1).to_significant(6), "0");
    EXPECT_EQ(Rational(105, 1).to_significant(6), "105");
    EXPECT_EQ(Rational::of(Decimal::parse("0.0000000000268098258972168")).to_significant(6),
              "0.0000000000268098");
    EXPECT_EQ(Rational(detail::power_of_ten(30), 7).to_significant(6),
              "142857000000000000000000000000");
}

TEST(Rational, ShowsExactValues) {
    EXPECT_EQ(Rational(8477, 10000).to_exact(), "0.8477");
    EXPECT_EQ(Rational(1, 8).to_exact(), "0.125");
    EXPECT_EQ(Rational(1, 3).to_exact(), "1/3");
    EXPECT_EQ(Rational(5, 1).to_exact(), "5");
    EXPECT_EQ(Rational(11252, 8477).to_exact(), "11252/8477");
    EXPECT_EQ(Rational(1, detail::power_of_ten(30)).to_exact(), "0.000000000000000000000000000001");
    EXPECT_EQ(detail::decimal_text(123, 5), "0.00123");
    EXPECT_EQ(detail::decimal_text(12300, 2), "123");
    EXPECT_EQ(detail::decimal_text(123, -2), "12300");
}

} // namespace
} // namespace jobkb
