// Individual reports combined across currencies: each report converted before the percentiles,
// the converted ones counted, those without a rate left out and said why; checked against
// tests/data/fx/expected.py (run at test time) on the public data set of 607 reports.
#include "jobkb/combined_reports.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"
#include "support/query_plan.hpp"
#include "support/rate_fixture.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <sstream>

namespace jobkb {
namespace {

class CombinedReports : public ::testing::Test {
protected:
    void SetUp() override {
        const auto result =
            test::run_cli(test::survey_import_arguments(path_), {{"JOBKB_TODAY", "2025-05-10"}});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        database_ = open_knowledge_base(path_, Access::kReadOnly);
    }

    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    test::LoadedRates loaded_ = test::load_test_rates(path_);
    std::unique_ptr<Database> database_;

    std::vector<CombinedReportSummary> in(const char* role, const char* country,
                                          const std::string& unit) {
        Catalog catalog(*database_);
        CurrencyConverter converter(*database_);
        SalaryQuery query;
        query.role = std::string(role);
        query.country = std::string(country);
        return unit == "Int$" ? report_summaries_in_international_dollars(catalog, converter, query)
                              : report_summaries_in(catalog, converter, query, unit);
    }
};

TEST_F(CombinedReports, AgreeWithAnIndependentComputation) {
    std::size_t cases = 0;
    for (const auto& line : test::lines_of(test::expected_conversions("reports"))) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::vector<std::string> f;
        std::istringstream stream(line);
        for (std::string field; std::getline(stream, field, '\t');) {
            f.push_back(field);
        }
        ASSERT_EQ(f.size(), 12u) << line;
        const auto summaries = in(f[1].c_str(), f[2].c_str(), f[4]);
        const auto found = std::find_if(summaries.begin(), summaries.end(), [&](const auto& s) {
            return s.year == f[3] && s.period == "year";
        });
        ASSERT_NE(found, summaries.end()) << line;
        ++cases;
        EXPECT_EQ(found->unit.code, f[4]) << line;
        EXPECT_EQ(std::to_string(found->count), f[5]) << line;
        EXPECT_EQ(std::to_string(found->converted), f[6]) << line;
        EXPECT_EQ(std::to_string(found->left_out), f[7]) << line;
        EXPECT_EQ(std::to_string(found->p25_minor), f[8]) << line;
        EXPECT_EQ(std::to_string(found->median_minor), f[9]) << line;
        EXPECT_EQ(std::to_string(found->mean_minor), f[10]) << line;
        EXPECT_EQ(std::to_string(found->p75_minor), f[11]) << line;
    }
    EXPECT_GE(cases, 8u);
}

TEST_F(CombinedReports, ACadGroupAndAUsdGroupBecomeOne) {
    const auto summaries = in("Data Scientist", "CA", "USD");
    ASSERT_EQ(summaries.size(), 2u); // 2021 and 2022
    const auto& later = summaries[1];
    EXPECT_EQ(later.year, "2022");
    EXPECT_EQ(later.count, 3);
    EXPECT_EQ(later.converted, 2);
    const std::vector<std::pair<std::string, std::int64_t>> reported = {{"CAD", 2}, {"USD", 1}};
    EXPECT_EQ(later.reported_in, reported);
    ASSERT_EQ(later.rates.size(), 1u);
    EXPECT_EQ(later.rates[0].from, "CAD");
    EXPECT_EQ(later.rates[0].span, RateSpan::kYear);
    EXPECT_EQ(later.rates[0].applies_to, "2022");
    EXPECT_EQ(later.rates[0].days, 257);
    EXPECT_TRUE(later.notes.empty());
    // 2021 has no rates in the test data: every report is left out, and the note says why.
    const auto& earlier = summaries[0];
    EXPECT_EQ(earlier.count, 0);
    EXPECT_EQ(earlier.left_out, 3);
    ASSERT_EQ(earlier.notes.size(), 1u);
    EXPECT_NE(earlier.notes[0].find("no average CAD/USD rate"), std::string::npos);
}

TEST_F(CombinedReports, OneCurrencyGivesTheSameFiguresAsTheReportSummaries) {
    Catalog catalog(*database_);
    SalaryQuery query;
    query.role = "Data Scientist";
    query.country = "US";
    const auto plain = catalog.report_summaries(query);
    const auto combined = in("Data Scientist", "US", "USD");
    ASSERT_EQ(plain.size(), combined.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
        EXPECT_EQ(plain[i].year, combined[i].year);
        EXPECT_EQ(plain[i].count, combined[i].count);
        EXPECT_EQ(combined[i].converted, 0);
        EXPECT_EQ(plain[i].p25_minor, combined[i].p25_minor);
        EXPECT_EQ(plain[i].median_minor, combined[i].median_minor);
        EXPECT_EQ(plain[i].mean_minor, combined[i].mean_minor);
        EXPECT_EQ(plain[i].p75_minor, combined[i].p75_minor);
        EXPECT_EQ(plain[i].published_average.has_value(),
                  combined[i].published_average.has_value());
    }
}

TEST_F(CombinedReports, InternationalDollarsUseTheCountrysFactor) {
    const auto summaries = in("Data Scientist", "CA", "Int$");
    ASSERT_EQ(summaries.size(), 2u);
    const auto& later = summaries[1];
    EXPECT_EQ(later.unit.code, "Int$");
    ASSERT_TRUE(later.factor);
    EXPECT_EQ(later.factor->year, 2022);
    EXPECT_EQ(later.factor->factor, "1.145083");
    EXPECT_EQ(later.converted, 3);
    ASSERT_EQ(later.rates.size(), 1u); // the USD report went to CAD first
    EXPECT_EQ(later.rates[0].from, "USD");
    EXPECT_EQ(later.rates[0].to, "CAD");
}

TEST_F(CombinedReports, ThePublishedAverageComesInTheUnit) {
    // The seeded Machine Learning Engineer has a published yearly average in the US (USD).
    const auto summaries = in("Machine Learning Engineer", "US", "USD");
    ASSERT_FALSE(summaries.empty());
    ASSERT_TRUE(summaries[0].published_average);
    EXPECT_EQ(summaries[0].published_average_minor, summaries[0].published_average->amount_minor);
    // In rupees the published average (dated 2026-04-06) has no rate within the window.
    const auto in_inr = in("Machine Learning Engineer", "US", "INR");
    ASSERT_FALSE(in_inr.empty());
    ASSERT_TRUE(in_inr[0].published_average);
    EXPECT_FALSE(in_inr[0].published_average_minor);
}

TEST_F(CombinedReports, ReadIndexes) {
    const auto statements = plan::statements_of(database_->native_handle(), [&] {
        in("Data Scientist", "CA", "USD");
        in("Data Scientist", "CA", "Int$");
    });
    SQLite::Database connection(path_.string(), SQLite::OPEN_READONLY);
    for (const std::string& sql : statements) {
        EXPECT_EQ(plan::full_scans(connection, sql), std::vector<std::string>{}) << sql;
    }
}

} // namespace
} // namespace jobkb
