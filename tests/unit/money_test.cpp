#include "jobkb/money.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

const Currency kInr{"INR", "₹", 2, DigitGrouping::kIndian};
const Currency kUsd{"USD", "$", 2, DigitGrouping::kWestern};
const Currency kJpy{"JPY", "¥", 0, DigitGrouping::kWestern};
const Currency kChf{"CHF", "", 2, DigitGrouping::kWestern};
const Currency kXof{"XOF", "F CFA", 0, DigitGrouping::kWestern};

TEST(FormatMoney, IndianGroupingForRupees) {
    EXPECT_EQ(format_money(108806000, kInr), "₹10,88,060");
    EXPECT_EQ(format_money(65000000, kInr), "₹6,50,000");
    EXPECT_EQ(format_money(160000000, kInr), "₹16,00,000");
    EXPECT_EQ(format_money(1234567890000, kInr), "₹12,34,56,78,900");
    EXPECT_EQ(format_money(99900, kInr), "₹999");
    EXPECT_EQ(format_money(100000, kInr), "₹1,000");
    EXPECT_EQ(format_money(1000000, kInr), "₹10,000");
}

TEST(FormatMoney, WesternGroupingAndMinorUnits) {
    EXPECT_EQ(format_money(16132100, kUsd), "$161,321");
    EXPECT_EQ(format_money(4550, kUsd), "$45.50");
    EXPECT_EQ(format_money(5, kUsd), "$0.05");
    EXPECT_EQ(format_money(100000000000, kUsd), "$1,000,000,000");
    EXPECT_EQ(format_money(1234567, kJpy), "¥1,234,567");
    EXPECT_EQ(format_money(120000, kChf), "CHF 1,200");
    EXPECT_EQ(format_money(5000, kXof), "F CFA 5,000");
    EXPECT_EQ(format_money(-4550, kUsd), "-$45.50");
}

TEST(MinorUnitsPerMajor, IsTenToTheMinorUnit) {
    EXPECT_EQ(minor_units_per_major(kUsd), 100);
    EXPECT_EQ(minor_units_per_major(kJpy), 1);
    EXPECT_EQ(minor_units_per_major(Currency{"KWD", "", 3, DigitGrouping::kWestern}), 1000);
}

TEST(ParseDecimalAmount, ReadsWholeAndFractionalAmountsExactly) {
    EXPECT_EQ(parse_decimal_amount("1088060", 2), 108806000);
    EXPECT_EQ(parse_decimal_amount("45.5", 2), 4550);
    EXPECT_EQ(parse_decimal_amount("45.05", 2), 4505);
    EXPECT_EQ(parse_decimal_amount("7", 0), 7);
    EXPECT_EQ(parse_decimal_amount("1.234", 3), 1234);
}

TEST(ParseDecimalAmount, RefusesWhatIsNotAPlainDecimal) {
    for (const char* text : {"", "1,000", "1.", ".5", "12a", "-5", "1.005", "1e6", " 1"}) {
        EXPECT_FALSE(parse_decimal_amount(text, 2)) << text;
    }
    EXPECT_FALSE(parse_decimal_amount("1.5", 0));
    EXPECT_FALSE(parse_decimal_amount("99999999999999999999", 2));
    EXPECT_FALSE(parse_decimal_amount("92233720368547759", 2)); // overflows once scaled
    EXPECT_EQ(parse_decimal_amount("92233720368547758", 2), 9223372036854775800);
}

} // namespace
} // namespace jobkb
