#include "jobkb/amount.hpp"
#include "jobkb/error.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

const Currency kInr{"INR", "₹", 2, DigitGrouping::kIndian};
const Currency kUsd{"USD", "$", 2, DigitGrouping::kWestern};
const Currency kCad{"CAD", "CA$", 2, DigitGrouping::kWestern};
const Currency kJpy{"JPY", "¥", 0, DigitGrouping::kWestern};
const Currency kKwd{"KWD", "", 3, DigitGrouping::kWestern};
const Currency kEur{"EUR", "€", 2, DigitGrouping::kWestern};

std::int64_t minor(std::string_view text, const Currency& currency) {
    return parse_amount(text, currency).amount_minor;
}

// The message of the error parse_amount throws, or "" when it does not.
std::string refusal(std::string_view text, const Currency& currency) {
    try {
        parse_amount(text, currency);
        return "";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
        return error.what();
    }
}

TEST(ParseAmount, PlainAndGroupedDigits) {
    EXPECT_EQ(minor("1088060", kInr), 108806000);
    EXPECT_EQ(minor("1,088,060", kInr), 108806000);
    EXPECT_EQ(minor("10,88,060", kInr), 108806000);
    EXPECT_EQ(minor("1,27,564", kUsd), 12756400); // the article's Indian-grouped dollars
    EXPECT_EQ(minor("650,000", kInr), 65000000);  // and its Western-grouped rupees
    EXPECT_EQ(minor("45.5", kUsd), 4550);
    EXPECT_EQ(minor("1,234.56", kUsd), 123456);
    EXPECT_EQ(minor("  161321  ", kUsd), 16132100);
}

TEST(ParseAmount, SignsAndCodesThatAgree) {
    EXPECT_EQ(minor("₹10,88,060", kInr), 108806000);
    EXPECT_EQ(minor("₹ 10,88,060", kInr), 108806000);
    EXPECT_EQ(minor("Rs. 10,000", kInr), 1000000);
    EXPECT_EQ(minor("$161,321", kUsd), 16132100);
    EXPECT_EQ(minor("$1,000", kCad), 100000);
    EXPECT_EQ(minor("CA$1,000", kCad), 100000);
    EXPECT_EQ(minor("€70,000", kEur), 7000000);
    EXPECT_EQ(minor("70000 EUR", kEur), 7000000);
    EXPECT_EQ(minor("usd 5", kUsd), 500);
    EXPECT_EQ(minor("¥1,200,000", kJpy), 1200000);
}

TEST(ParseAmount, Shorthands) {
    const auto lpa = parse_amount("12 LPA", kInr);
    EXPECT_EQ(lpa.amount_minor, 120000000);
    EXPECT_EQ(lpa.implied_period, "year");
    EXPECT_EQ(minor("12.5LPA", kInr), 125000000);
    EXPECT_EQ(minor("10.5 lakh", kInr), 105000000);
    EXPECT_EQ(minor("10 lakhs", kInr), 100000000);
    EXPECT_EQ(minor("₹1.2 crore", kInr), 1200000000);
    EXPECT_EQ(minor("1.25 Cr", kInr), 1250000000);
    EXPECT_EQ(minor("150k", kUsd), 15000000);
    EXPECT_EQ(minor("$150.5K", kUsd), 15050000);
    EXPECT_EQ(minor("1.23456k", kKwd), 1234560);
    EXPECT_FALSE(parse_amount("150k", kUsd).implied_period.has_value());
}

TEST(ParseAmount, RefusesWhatIsWrongOrAmbiguous) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "is empty"},
        {"-5000", "negative"},
        {"0", "zero"},
        {"0.00", "zero"},
        {"1,5", "irregular digit groups"},
        {"1.000,50", "ambiguous"},
        {"12,34", "irregular digit groups"},
        {"1234,567", "irregular digit groups"},
        {"45.505", "more decimals than USD has"},
        {"1.000", "more decimals than USD has"},
        {"1.234567k", "more precise"},
        {"£100", "sign £, which does not agree with the currency USD"},
        {"₹100", "does not agree"},
        {"100 EUR", "names another currency than USD"},
        {"abc", "not a number"},
        {"12 per month", "not a number"},
        {"1e6", "not a number"},
        {"10.", "not a number"},
        {"99999999999999999999", "out of range"},
        {"12 LPA", "an Indian unit, for USD"},
        {"CA$100", "sign CA$, which does not agree with the currency USD"},
    };
    for (const auto& [text, cause] : cases) {
        const std::string message = refusal(text, kUsd);
        EXPECT_NE(message.find(cause), std::string::npos) << "'" << text << "' -> " << message;
        EXPECT_NE(message.find("expected"), std::string::npos) << message;
    }
    EXPECT_NE(refusal("1.5", kJpy).find("more decimals than JPY has"), std::string::npos);
    EXPECT_NE(refusal("100000000000 crore", kInr).find("out of range"), std::string::npos);
    EXPECT_EQ(minor("US$150,000", kUsd), 15000000);
}

TEST(AmountTest, AScaleMultipliesExactly) {
    EXPECT_EQ(parse_amount("128.50", kUsd, 3).amount_minor, 12850000);
    EXPECT_EQ(parse_amount("128.505", kUsd, 3).amount_minor, 12850500);
    EXPECT_EQ(parse_amount("1.5", kJpy, 1).amount_minor, 15);
    EXPECT_NE(refusal("128.5051", kUsd).find("more decimals"), std::string::npos);
    EXPECT_THROW(parse_amount("128.505001", kUsd, 3), Error) << "below the cent even scaled";
    EXPECT_EQ(parse_amount("128.5051", kUsd, 3).amount_minor, 12850510);
    EXPECT_THROW(parse_amount("99999999999", kUsd, 6), Error) << "out of range once scaled";
}

TEST(AmountTest, RangesSplitIntoTheirEnds) {
    using Ends = std::pair<std::string, std::string>;
    EXPECT_EQ(split_amount_range("$53K-$91K"), (Ends{"$53K", "$91K"}));
    EXPECT_EQ(split_amount_range(" 53,000 - 91,000 "), (Ends{"53,000", "91,000"}));
    EXPECT_EQ(split_amount_range("10-12 LPA"), (Ends{"10 LPA", "12 LPA"}));
    EXPECT_EQ(split_amount_range("53\u201391k"), (Ends{"53 k", "91k"}));
    EXPECT_EQ(split_amount_range("1088060"), std::nullopt);
    EXPECT_EQ(split_amount_range("-5"), std::nullopt);
    EXPECT_EQ(split_amount_range("5-"), std::nullopt);
    EXPECT_EQ(split_amount_range("$-5"), std::nullopt) << "one bad amount, not a range";
    EXPECT_EQ(minor("10 LPA", kInr), 100000000);
    EXPECT_EQ(minor("53 k", kUsd), 5300000);
}

} // namespace
} // namespace jobkb
