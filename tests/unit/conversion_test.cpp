// Which rate a conversion takes, and what it says about it: cross rates through the base, a
// day's rate within the window, month and year averages that cover their period, PPP factors,
// sources, revisions and undo, rounding half to even at 0, 2 and 3 decimals, and the cache.
// The amounts themselves are checked against an independent computation in
// conversion_expected_test.cpp.
#include "jobkb/amount.hpp"
#include "jobkb/catalog.hpp"
#include "jobkb/conversion.hpp"
#include "jobkb/error.hpp"
#include "jobkb/import.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"
#include "support/rate_fixture.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

namespace jobkb {
namespace {

class Conversions : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    test::LoadedRates loaded_ = test::load_test_rates(path_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadOnly);

    CurrencyConversion convert(std::int64_t amount, const char* from, const char* as_of,
                               const char* to, const ConversionOptions& options = {}) {
        CurrencyConverter converter(*database_, options);
        return converter.convert(amount, from, as_of, to);
    }

    PppConversion ppp(std::int64_t amount, const char* currency, const char* country,
                      const char* as_of, const ConversionOptions& options = {}) {
        CurrencyConverter converter(*database_, options);
        return converter.to_international_dollars(amount, currency, country, as_of);
    }

    void reopen() { database_ = open_knowledge_base(path_, Access::kReadOnly); }
};

TEST_F(Conversions, TheFixtureLoadsTheEcbAndPppSubsets) {
    EXPECT_EQ(test::query(path_, "SELECT count(*) FROM exchange_rates")[0][0],
              std::to_string(loaded_.rates));
    EXPECT_GT(loaded_.rates, 10000);
    EXPECT_GT(loaded_.skipped, 0); // N/A cells, and retired currencies such as CYP
    EXPECT_EQ(loaded_.factors, 62);
}

TEST_F(Conversions, CrossRatesGoThroughTheBase) {
    const auto gbp = convert(10000000, "USD", "2025-05-09", "GBP");
    ASSERT_TRUE(gbp.converted()) << gbp.note;
    ASSERT_TRUE(gbp.rate);
    EXPECT_EQ(gbp.currency.code, "GBP");
    EXPECT_EQ(gbp.rate->base, "EUR");
    EXPECT_TRUE(gbp.rate->cross);
    EXPECT_EQ(gbp.rate->exact_rate, "8477/11252"); // EUR->GBP 0.8477 over EUR->USD 1.1252
    EXPECT_EQ(gbp.rate->rate, "0.753377");
    EXPECT_EQ(gbp.rate->applies_to, "2025-05-09");
    EXPECT_EQ(gbp.rate->span, RateSpan::kDay);
    EXPECT_EQ(gbp.rate->days, 1);
    EXPECT_EQ(gbp.rate->source, "ECB euro foreign exchange reference rates");
    EXPECT_EQ(gbp.rate->source_id, loaded_.rate_source);
    EXPECT_TRUE(gbp.note.empty());

    // One leg is the base: the published rate itself, or its inverse.
    const auto inr = convert(100, "EUR", "2025-05-09", "INR");
    ASSERT_TRUE(inr.rate);
    EXPECT_FALSE(inr.rate->cross);
    EXPECT_EQ(inr.rate->exact_rate, "96.0755");
    EXPECT_EQ(inr.amount_minor, 9608); // 96.0755 rupees rounded to paise
    const auto eur = convert(9607550, "INR", "2025-05-09", "EUR");
    ASSERT_TRUE(eur.rate);
    EXPECT_FALSE(eur.rate->cross);
    EXPECT_EQ(eur.rate->exact_rate, "2000/192151");
    EXPECT_EQ(eur.amount_minor, 100000); // ₹96,075.50 is exactly €1,000
}

TEST_F(Conversions, TheSameCurrencyIsUnchangedWithoutARate) {
    const auto same = convert(16117400, "USD", "2026-04-06", "usd");
    EXPECT_TRUE(same.converted());
    EXPECT_EQ(same.amount_minor, 16117400);
    EXPECT_FALSE(same.rate);
    EXPECT_EQ(same.reason, NoConversion::kNone);
}

TEST_F(Conversions, AWeekendOrHolidayTakesTheLastBusinessDayBefore) {
    for (const char* day : {"2025-05-10", "2025-05-11", "2025-05-16"}) {
        const auto result = convert(10000000, "USD", day, "GBP");
        ASSERT_TRUE(result.rate) << day << ": " << result.note;
        EXPECT_EQ(result.rate->applies_to, "2025-05-09") << day;
    }
    EXPECT_EQ(convert(100, "USD", "2025-04-21", "GBP").rate->applies_to, "2025-04-17"); // Easter
    EXPECT_EQ(convert(100, "USD", "2025-01-01", "GBP").rate->applies_to, "2024-12-31");
}

TEST_F(Conversions, EightDaysBackIsTooFar) {
    const auto result = convert(10000000, "USD", "2025-05-17", "GBP");
    EXPECT_FALSE(result.converted());
    EXPECT_FALSE(result.rate);
    EXPECT_EQ(result.reason, NoConversion::kNoRateInWindow);
    EXPECT_EQ(result.note, "no USD/GBP rate of ECB euro foreign exchange reference rates within 7 "
                           "days up to 2025-05-17: its latest USD rate before then is of "
                           "2025-05-09");
    // The figures of the seeded article are dated 2026-04-06, a year after the last rate.
    EXPECT_FALSE(convert(6212600, "GBP", "2026-04-06", "USD").converted());
}

TEST_F(Conversions, TheWindowIsAnOption) {
    ConversionOptions wide;
    wide.max_days_back = 8;
    EXPECT_EQ(convert(100, "USD", "2025-05-17", "GBP", wide).rate->applies_to, "2025-05-09");
    ConversionOptions exact_day;
    exact_day.max_days_back = 0;
    EXPECT_FALSE(convert(100, "USD", "2025-05-10", "GBP", exact_day).converted());
    EXPECT_TRUE(convert(100, "USD", "2025-05-09", "GBP", exact_day).converted());
}

TEST_F(Conversions, ACurrencyTheEcbStoppedQuotingHasNoLaterRate) {
    const auto result = convert(10000000, "USD", "2022-03-09", "RUB");
    EXPECT_EQ(result.reason, NoConversion::kNoRateInWindow);
    EXPECT_NE(result.note.find("its latest RUB rate before then is of 2022-03-01"),
              std::string::npos)
        << result.note;
    EXPECT_EQ(convert(100, "USD", "2022-03-08", "RUB").rate->applies_to, "2022-03-01");
}

TEST_F(Conversions, AMonthOrYearFigureTakesThePeriodsAverage) {
    const auto april = convert(10000000, "USD", "2025-04", "GBP");
    ASSERT_TRUE(april.rate) << april.note;
    EXPECT_EQ(april.rate->span, RateSpan::kMonth);
    EXPECT_EQ(april.rate->applies_to, "2025-04");
    EXPECT_EQ(april.rate->first_day, "2025-04-01");
    EXPECT_EQ(april.rate->last_day, "2025-04-30");
    EXPECT_EQ(april.rate->days, 20); // 22 weekdays less Good Friday and Easter Monday
    // The ratio of the sums, not a day's rate.
    EXPECT_EQ(april.rate->exact_rate, "1707573/2242790");

    const auto year = convert(10000000, "USD", "2022", "GBP");
    ASSERT_TRUE(year.rate) << year.note;
    EXPECT_EQ(year.rate->span, RateSpan::kYear);
    EXPECT_EQ(year.rate->applies_to, "2022");
    EXPECT_EQ(year.rate->first_day, "2022-01-03");
    EXPECT_EQ(year.rate->last_day, "2022-12-30");
    EXPECT_EQ(year.rate->days, 257);
}

TEST_F(Conversions, APeriodTheRatesDoNotCoverIsNotAveraged) {
    const auto may = convert(10000000, "USD", "2025-05", "GBP");
    EXPECT_FALSE(may.converted());
    EXPECT_EQ(may.reason, NoConversion::kPeriodNotCovered);
    EXPECT_EQ(may.note, "no average USD/GBP rate of ECB euro foreign exchange reference rates for "
                        "2025-05: no rate from 2025-05-10 to 2025-05-31 (an average needs a rate "
                        "at least every 8 days)");
    EXPECT_EQ(convert(100, "USD", "2025", "GBP").reason, NoConversion::kPeriodNotCovered);
    const auto rub = convert(100, "USD", "2022", "RUB");
    EXPECT_NE(rub.note.find("no rate from 2022-03-02 to 2022-12-31"), std::string::npos)
        << rub.note;
    EXPECT_FALSE(convert(100, "USD", "2022-03", "RUB").converted());
    EXPECT_TRUE(convert(100, "USD", "2022-02", "RUB").converted());
    // 2023 is not in the test rates at all; 2024 only from December.
    EXPECT_NE(convert(100, "USD", "2023", "GBP").note.find("no rate from 2023-01-01 to 2023-12-31"),
              std::string::npos);
    EXPECT_NE(convert(100, "USD", "2024", "GBP").note.find("no rate from 2024-01-01 to 2024-12-01"),
              std::string::npos);
}

TEST_F(Conversions, RateOnOverridesTheFiguresDate) {
    ConversionOptions options;
    options.rate_on = "2025-05-09";
    for (const char* as_of : {"2022", "2025-04", "2026-04-06"}) {
        const auto result = convert(6212600, "GBP", as_of, "USD", options);
        ASSERT_TRUE(result.rate) << as_of;
        EXPECT_EQ(result.rate->span, RateSpan::kDay);
        EXPECT_EQ(result.rate->applies_to, "2025-05-09");
        EXPECT_EQ(result.amount_minor, 8246334); // £62,126 × 1.1252 / 0.8477
    }
}

TEST_F(Conversions, NoSourceWithThePairSaysSo) {
    const auto result = convert(100, "USD", "2025-05-09", "KWD");
    EXPECT_EQ(result.reason, NoConversion::kNoRates);
    EXPECT_EQ(result.note, "no source has exchange rates between USD and KWD");
}

TEST_F(Conversions, BadArgumentsAreRefused) {
    auto code_of = [](auto&& work) {
        try {
            work();
        } catch (const Error& error) {
            return error.code();
        }
        return ErrorCode::kSqlite; // nothing thrown
    };
    EXPECT_EQ(code_of([&] { convert(100, "XYZ", "2025-05-09", "USD"); }), ErrorCode::kNotFound);
    EXPECT_EQ(code_of([&] { convert(100, "USD", "2025-05-09", "US"); }), ErrorCode::kNotFound);
    EXPECT_EQ(code_of([&] { convert(100, "USD", "2025-02-30", "GBP"); }),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(code_of([&] { convert(100, "USD", "May 2025", "GBP"); }),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(code_of([&] { convert(-1, "USD", "2025-05-09", "GBP"); }),
              ErrorCode::kInvalidArgument);
    std::vector<ConversionOptions> bad(5);
    bad[0].rate_on = "2025-13-01";
    bad[1].rate_on = "yesterday";
    bad[2].max_days_back = -1;
    bad[3].max_days_back = 367;
    bad[4].max_ppp_years_back = -1;
    for (const auto& options : bad) {
        EXPECT_EQ(code_of([&] { CurrencyConverter(*database_, options); }),
                  ErrorCode::kInvalidArgument);
    }
    ConversionOptions unknown_source;
    unknown_source.rate_source = "Reserve Bank of Nowhere";
    EXPECT_EQ(code_of([&] { CurrencyConverter(*database_, unknown_source); }),
              ErrorCode::kNotFound);
    ConversionOptions source_without_rates;
    source_without_rates.rate_source = "igmguru-ml-engineer-jobs-2026"; // the article
    EXPECT_EQ(code_of([&] { CurrencyConverter(*database_, source_without_rates); }),
              ErrorCode::kNotFound);
    ConversionOptions rates_as_factors;
    rates_as_factors.ppp_source = "ECB euro foreign exchange reference rates";
    EXPECT_EQ(code_of([&] { CurrencyConverter(*database_, rates_as_factors); }),
              ErrorCode::kNotFound);
}

TEST_F(Conversions, PppDividesTheLocalAmountByTheFactorOfTheYear) {
    const auto india = ppp(107500000, "INR", "IN", "2026-04-06"); // ₹10,75,000
    ASSERT_TRUE(india.converted()) << india.note;
    ASSERT_TRUE(india.factor);
    EXPECT_EQ(india.factor->year, 2024); // 2026 and 2025 have none; 2024 is within 3 years
    EXPECT_EQ(india.factor->factor, "20.4219876045922");
    EXPECT_EQ(india.factor->currency, "INR");
    EXPECT_EQ(india.factor->country_code, "IN");
    EXPECT_EQ(india.factor->source, "World Bank ICP PPP conversion factor, GDP");
    EXPECT_FALSE(india.local);
    EXPECT_EQ(india.amount_minor, 5263934); // Int$52,639.34

    const auto us = ppp(16117400, "USD", "US", "2026-04-06");
    EXPECT_EQ(us.amount_minor, 16117400); // the US factor is 1
    EXPECT_EQ(ppp(100, "JPY", "JP", "2019").factor->year, 2019);
    EXPECT_EQ(international_dollar().code, "Int$");
    EXPECT_EQ(format_money(5263934, international_dollar()), "Int$52,639.34");
}

TEST_F(Conversions, PppOfAFigureInAnotherCurrencyConvertsItFirst) {
    const auto result = ppp(10000000, "USD", "IN", "2025-05-09");
    ASSERT_TRUE(result.converted()) << result.note;
    ASSERT_TRUE(result.local);
    EXPECT_EQ(result.local->currency.code, "INR");
    EXPECT_EQ(result.local->amount_minor, 853852648); // $100,000 at 96.0755 / 1.1252
    ASSERT_TRUE(result.local->rate);
    EXPECT_EQ(result.local->rate->applies_to, "2025-05-09");
    EXPECT_EQ(result.factor->year, 2024);

    const auto uncovered = ppp(1000000, "USD", "GB", "2025-05");
    EXPECT_FALSE(uncovered.converted());
    EXPECT_EQ(uncovered.reason, NoConversion::kPeriodNotCovered);
    ASSERT_TRUE(uncovered.factor);
    EXPECT_EQ(uncovered.note.rfind("the USD amount is needed in GBP first: no average USD/GBP", 0),
              0u)
        << uncovered.note;
}

TEST_F(Conversions, PppWithoutAFactorInTheWindowIsNotConverted) {
    const auto late = ppp(500000000, "JPY", "JP", "2028");
    EXPECT_FALSE(late.converted());
    EXPECT_EQ(late.reason, NoConversion::kNoPppFactor);
    EXPECT_FALSE(late.factor);
    EXPECT_EQ(late.note, "no PPP factor for JP from 2025 to 2028: its latest is of 2024");
    EXPECT_EQ(ppp(100, "EUR", "FR", "2024").note, "no PPP factor for FR from 2021 to 2024");
    ConversionOptions wider;
    wider.max_ppp_years_back = 4;
    EXPECT_EQ(ppp(500000000, "JPY", "JP", "2028", wider).factor->year, 2024);
    ConversionOptions rate_on;
    rate_on.rate_on = "2019-07-01";
    EXPECT_EQ(ppp(500000000, "JPY", "JP", "2028", rate_on).factor->year, 2019);
}

TEST_F(Conversions, RoundingIsHalfToEvenAtTheTargetsMinorUnit) {
    // Rates chosen so that results fall exactly on halves of the target's minor unit.
    test::add_rates(path_, "Rounding rates",
                    {{"2030-01-02", "EUR", "USD", "0.5"},
                     {"2030-01-02", "EUR", "JPY", "10"},
                     {"2030-01-02", "EUR", "BHD", "0.25"},
                     {"2030-01-02", "EUR", "KWD", "0.2"}});
    reopen();
    ConversionOptions options;
    options.rate_source = "Rounding rates";
    CurrencyConverter converter(*database_, options);
    auto to = [&](std::int64_t amount, const char* from, const char* target) {
        return converter.convert(amount, from, "2030-01-02", target).amount_minor.value_or(-1);
    };
    // Two decimals: EUR 0.01 × 0.5 = USD 0.005, half a cent.
    EXPECT_EQ(to(1, "EUR", "USD"), 0); // 0.5 -> 0
    EXPECT_EQ(to(3, "EUR", "USD"), 2); // 1.5 -> 2
    EXPECT_EQ(to(5, "EUR", "USD"), 2); // 2.5 -> 2
    EXPECT_EQ(to(7, "EUR", "USD"), 4); // 3.5 -> 4
    EXPECT_EQ(to(4, "EUR", "USD"), 2); // no half
    // No decimals: EUR 0.05 × 10 = ¥0.5.
    EXPECT_EQ(to(5, "EUR", "JPY"), 0);  // 0.5 -> 0
    EXPECT_EQ(to(15, "EUR", "JPY"), 2); // 1.5 -> 2
    EXPECT_EQ(to(25, "EUR", "JPY"), 2); // 2.5 -> 2
    EXPECT_EQ(to(35, "EUR", "JPY"), 4); // 3.5 -> 4
    // Three decimals: EUR 0.01 × 0.25 = BHD 0.0025, two and a half fils.
    EXPECT_EQ(to(1, "EUR", "BHD"), 2);  // 2.5 -> 2
    EXPECT_EQ(to(3, "EUR", "BHD"), 8);  // 7.5 -> 8
    EXPECT_EQ(to(5, "EUR", "BHD"), 12); // 12.5 -> 12
    EXPECT_EQ(to(7, "EUR", "BHD"), 18); // 17.5 -> 18
    // From three decimals, across the base: KWD -> USD is 0.5 / 0.2 = 2.5; 1 fils = 0.25 cents.
    EXPECT_EQ(to(2, "KWD", "USD"), 0);  // 0.5 -> 0
    EXPECT_EQ(to(6, "KWD", "USD"), 2);  // 1.5 -> 2
    EXPECT_EQ(to(10, "KWD", "USD"), 2); // 2.5 -> 2
    EXPECT_EQ(to(14, "KWD", "USD"), 4); // 3.5 -> 4
    EXPECT_EQ(converter.convert(14, "KWD", "2030-01-02", "USD").rate->exact_rate, "2.5");
    // JPY -> BHD: 0.25 / 10 = 0.025 BHD per yen, 25 fils exactly.
    EXPECT_EQ(to(3, "JPY", "BHD"), 75);
}

TEST_F(Conversions, HugeAmountsAreRefusedNotWrapped) {
    const auto result =
        convert(std::numeric_limits<std::int64_t>::max(), "EUR", "2025-05-09", "IDR");
    EXPECT_FALSE(result.converted());
    EXPECT_EQ(result.reason, NoConversion::kTooLarge);
    EXPECT_FALSE(result.note.empty());
    // The largest amount jobkb imports (ten trillion) converts to dollars, not to rupiah.
    EXPECT_TRUE(convert(kMaxAmountMinor, "EUR", "2025-05-09", "USD").converted());
    EXPECT_EQ(convert(kMaxAmountMinor, "EUR", "2025-05-09", "IDR").reason, NoConversion::kTooLarge);
}

} // namespace
} // namespace jobkb
