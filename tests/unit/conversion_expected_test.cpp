// Every conversion of tests/data/fx/expected.py, run at test time (so that no expected value
// can be edited by hand): the script computes the cases with Python's decimal and fractions from
// the same files the fixture loads, and jobkb must agree on each amount, rate, day and factor.
// The article's FAQ figures are among them, in USD and in international dollars.
#include "jobkb/conversion.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"
#include "support/rate_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace jobkb {
namespace {

std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream stream(line);
    for (std::string field; std::getline(stream, field, '\t');) {
        fields.push_back(field);
    }
    return fields;
}

std::string or_dash(const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : "-";
}

class ExpectedConversions : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    test::LoadedRates loaded_ = test::load_test_rates(path_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadOnly);
    std::map<std::string, std::unique_ptr<CurrencyConverter>> converters_; // by rate_on

    CurrencyConverter& converter(const std::string& rate_on) {
        auto& slot = converters_[rate_on];
        if (!slot) {
            ConversionOptions options;
            if (rate_on != "-") {
                options.rate_on = rate_on;
            }
            slot = std::make_unique<CurrencyConverter>(*database_, options);
        }
        return *slot;
    }
};

TEST_F(ExpectedConversions, AgreeWithAnIndependentExactComputation) {
    std::size_t fx_cases = 0;
    std::size_t ppp_cases = 0;
    std::size_t faq_cases = 0; // the FAQ's three figures at the rates of 2025-05-09, both ways
    for (const auto& line : test::lines_of(test::expected_conversions())) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto f = fields_of(line);
        ASSERT_EQ(f.size(), 11u) << line;
        const std::int64_t amount = std::stoll(f[1]);
        const bool faq = (amount == 16117400 || amount == 6212600 || amount == 107500000) &&
                         f[4] == "2026-04-06" && f[5] == "2025-05-09";
        faq_cases += faq && f[10] == "none" ? 1u : 0u;
        auto& conversions = converter(f[5]);
        if (f[0] == "fx") {
            ++fx_cases;
            const auto result = conversions.convert(amount, f[2], f[4], f[3]);
            EXPECT_EQ(or_dash(result.amount_minor), f[6]) << line << "\n" << result.note;
            EXPECT_EQ(result.rate ? result.rate->applies_to : "-", f[7]) << line;
            EXPECT_EQ(result.rate ? std::to_string(result.rate->days) : "-", f[8]) << line;
            EXPECT_EQ(result.rate ? result.rate->exact_rate : "-", f[9]) << line;
            EXPECT_EQ(to_string(result.reason), f[10]) << line;
        } else {
            ASSERT_EQ(f[0], "ppp") << line;
            ++ppp_cases;
            const auto result = conversions.to_international_dollars(amount, f[2], f[3], f[4]);
            EXPECT_EQ(or_dash(result.amount_minor), f[6]) << line << "\n" << result.note;
            EXPECT_EQ(result.factor ? std::to_string(result.factor->year) : "-", f[7]) << line;
            EXPECT_EQ(result.factor ? result.factor->factor : "-", f[8]) << line;
            EXPECT_EQ(result.local ? or_dash(result.local->amount_minor) : "-", f[9]) << line;
            EXPECT_EQ(to_string(result.reason), f[10]) << line;
        }
    }
    EXPECT_GE(fx_cases, 40u);
    EXPECT_GE(ppp_cases, 18u);
    EXPECT_EQ(faq_cases, 6u);
}

} // namespace
} // namespace jobkb
