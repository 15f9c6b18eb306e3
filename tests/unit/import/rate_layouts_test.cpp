// What the rate import knows without a database: the layouts told from their headers, the ECB's
// daily days, the World Bank's alpha-3 codes, and which currency a PPP factor counts.
#include "jobkb/import/rate_layouts.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

TEST(RateLayouts, AreToldFromTheirHeaders) {
    EXPECT_EQ(detect_rate_layout("Date,USD,JPY,BGN,CYP,\n1999-01-04,1.1789,"), RateLayout::kEcb);
    EXPECT_EQ(detect_rate_layout("\xEF\xBB\xBF"
                                 "Date,USD,\r\n"),
              RateLayout::kEcb);
    EXPECT_EQ(detect_rate_layout("Date, USD, JPY, \n09 May 2025, 1.1252, 163.36, \n"),
              RateLayout::kEcbDaily);
    EXPECT_EQ(detect_rate_layout("date,base,quote,rate\n"), RateLayout::kLong);
    EXPECT_EQ(detect_rate_layout("Date , Base,QUOTE,rate"), RateLayout::kLong);
    EXPECT_EQ(detect_rate_layout("Country,Country ID,Year,PPP\n\"India\",IN,2024,20.4"),
              RateLayout::kPpp);
    EXPECT_EQ(detect_rate_layout("\"Data Source\",\"World Development Indicators\",\n"),
              RateLayout::kWorldBank);
    EXPECT_EQ(detect_rate_layout("\"Country Name\",\"Country Code\",\"Indicator Name\","
                                 "\"Indicator Code\",\"1990\",\n"),
              RateLayout::kWorldBank);
    for (const char* header : {"", "\n", "date", "Date,US Dollar", "role,country,currency",
                               "date,base,quote", "Country,Year,PPP"}) {
        EXPECT_EQ(detect_rate_layout(header), std::nullopt) << header;
    }
}

TEST(RateLayouts, NamesReadBackInAnyCase) {
    for (const auto layout : {RateLayout::kAuto, RateLayout::kEcb, RateLayout::kEcbDaily,
                              RateLayout::kLong, RateLayout::kPpp, RateLayout::kWorldBank}) {
        EXPECT_EQ(parse_rate_layout(to_string(layout)), layout);
    }
    EXPECT_EQ(parse_rate_layout("World-Bank"), RateLayout::kWorldBank);
    EXPECT_EQ(parse_rate_layout("csv"), std::nullopt);
    EXPECT_TRUE(holds_ppp_factors(RateLayout::kPpp));
    EXPECT_FALSE(holds_ppp_factors(RateLayout::kEcbDaily));
}

TEST(RateLayouts, TheEcbDailyDays) {
    EXPECT_EQ(detail::ecb_daily_date("09 May 2025"), "2025-05-09");
    EXPECT_EQ(detail::ecb_daily_date("31 dec 1999"), "1999-12-31");
    EXPECT_EQ(detail::ecb_daily_date("30 Feb 2025"), "2025-02-30")
        << "the calendar is checked later";
    for (const char* text : {"9 May 2025", "09 Mai 2025", "09-May-2025", "2025-05-09", "",
                             "09 May 25", "0x May 2025"}) {
        EXPECT_EQ(detail::ecb_daily_date(text), std::nullopt) << text;
    }
}

TEST(RateLayouts, AlphaThreeCodesMapToTheCountriesTable) {
    const auto& codes = detail::alpha2_by_alpha3();
    EXPECT_EQ(codes.at("IND"), "IN");
    EXPECT_EQ(codes.at("USA"), "US");
    EXPECT_EQ(codes.at("BGR"), "BG");
    EXPECT_EQ(codes.count("WLD"), 0u) << "an aggregate is no country";
    EXPECT_EQ(codes.count("EUU"), 0u);
    EXPECT_EQ(codes.size(), 249u);
}

TEST(RateLayouts, AFactorCountsTheCurrencyOfItsCountrysGdpThen) {
    std::string note;
    EXPECT_EQ(detail::ppp_factor_currency("IN", 2024, "INR", note), "INR");
    EXPECT_EQ(note, "");
    EXPECT_EQ(detail::ppp_factor_currency("HR", 2019, "EUR", note), "EUR")
        << "the World Bank restated Croatia's series in euro";
    EXPECT_EQ(detail::ppp_factor_currency("BG", 2024, "EUR", note), "BGN");
    EXPECT_NE(note.find("BG: factors up to 2025 are counted in BGN"), std::string::npos);
    note.clear();
    EXPECT_EQ(detail::ppp_factor_currency("BG", 2026, "EUR", note), "EUR");
    EXPECT_EQ(note, "");
}

TEST(RateLayouts, DefaultSourcesNameTheirPublisherAndTerms) {
    EXPECT_EQ(detail::ecb_source().publisher, "European Central Bank");
    EXPECT_NE(detail::ecb_source().note.find("Source: ECB statistics"), std::string::npos);
    ASSERT_NE(detail::world_bank_source("PA.NUS.PPP"), nullptr);
    EXPECT_EQ(detail::world_bank_source("PA.NUS.PPP")->title,
              "World Bank ICP PPP conversion factor, GDP");
    EXPECT_EQ(detail::world_bank_source("NY.GDP.MKTP.CD"), nullptr);
}

} // namespace
} // namespace jobkb
