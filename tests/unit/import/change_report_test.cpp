// The change report: the keys whose latest figure a batch replaces, with the figure before.
#include "jobkb/import/batches.hpp"
#include "jobkb/import/change_report.hpp"
#include "jobkb/import/observation_writer.hpp"

#include "support.hpp"

namespace jobkb::detail {
namespace {

class ChangeReportTest : public test::SeededBase {
protected:
    void SetUp() override {
        source_ = count("SELECT min(id) FROM sources");
        currencies_ = {{"INR", {"INR", "₹", 2, DigitGrouping::kIndian}},
                       {"USD", {"USD", "$", 2, DigitGrouping::kWestern}}};
    }

    std::int64_t role(const std::string& slug) {
        return count("SELECT id FROM roles WHERE slug = '" + slug + "'");
    }

    Observation figure(const std::string& slug, const std::string& country, std::int64_t amount,
                       const std::string& as_of, const std::string& statistic = "average") {
        return {role(slug), country, &currencies_.at(country == "IN" ? "INR" : "USD"),
                amount,     "year",  statistic,
                as_of,      source_, {}};
    }

    // A batch of these observations; supersedes the source's earlier batches when asked.
    std::int64_t batch(const std::vector<Observation>& rows, bool supersede = false) {
        Batches batches(*database_, "testing");
        const auto id =
            batches.start("f.csv", "s" + std::to_string(++batches_), InputFormat::kCsv, source_);
        ObservationWriter writer(*database_, "testing", id);
        for (const auto& row : rows) {
            writer.add(row);
        }
        writer.finish();
        if (supersede) {
            batches.supersede(id, source_);
        }
        return id;
    }

    std::unordered_map<std::string, Currency> currencies_;
    std::int64_t source_ = 0;
    int batches_ = 0;
};

TEST_F(ChangeReportTest, ListsReplacedAndNewKeysWithTheFigureBefore) {
    const auto id = batch({figure("data-scientist", "IN", 110000000, "2026-08"),
                           figure("data-scientist", "IN", 120000000, "2026-09"),
                           figure("data-scientist", "IN", 90000000, "2026-01", "median"),
                           figure("nlp-engineer", "US", 100, "2020")}); // older: changes nothing
    const auto report = collect_changes(*database_, "testing", id, currencies_);
    EXPECT_EQ(report.change_count, 2u);
    ASSERT_EQ(report.changes.size(), 2u);
    const FigureChange* average = nullptr;
    const FigureChange* median = nullptr;
    for (const auto& change : report.changes) {
        (change.statistic == "average" ? average : median) = &change;
    }
    ASSERT_TRUE(average && median);
    EXPECT_EQ(average->role, "Data Scientist");
    EXPECT_EQ(average->country_code, "IN");
    EXPECT_EQ(average->period, "year");
    EXPECT_EQ(average->current_minor, 100000000) << "the article's figure";
    EXPECT_EQ(average->current_currency->code, "INR");
    EXPECT_EQ(average->new_minor, 120000000) << "the batch's latest";
    EXPECT_EQ(average->new_currency.symbol, "₹");
    EXPECT_EQ(average->new_rows, 2);
    EXPECT_EQ(median->current_minor, std::nullopt) << "a new key";
    EXPECT_EQ(median->current_currency, std::nullopt);
    EXPECT_EQ(median->new_rows, 1);
}

TEST_F(ChangeReportTest, AFigureTheBatchSupersedesStillCountsAsBefore) {
    batch({figure("big-data-engineer", "IN", 200000000, "2026-09")});
    const auto revised = batch({figure("big-data-engineer", "IN", 190000000, "2026-08")}, true);
    const auto report = collect_changes(*database_, "testing", revised, currencies_);
    ASSERT_EQ(report.changes.size(), 1u);
    EXPECT_EQ(report.changes[0].current_minor, 200000000);
    EXPECT_EQ(report.changes[0].new_minor, 190000000);
}

TEST_F(ChangeReportTest, ListsAtMostTheLimitAndCountsAll) {
    std::vector<Observation> rows;
    for (const auto* slug : {"data-scientist", "nlp-engineer", "mlops-engineer",
                             "big-data-engineer", "computer-vision-engineer"}) {
        rows.push_back(figure(slug, "US", 20000000, "2026-10"));
    }
    const auto id = batch(rows);
    const auto report = collect_changes(*database_, "testing", id, currencies_, 3);
    EXPECT_EQ(report.change_count, 5u);
    EXPECT_EQ(report.changes.size(), 3u);
    EXPECT_EQ(collect_changes(*database_, "testing", id + 1, currencies_).change_count, 0u)
        << "no such batch, no changes";
}

} // namespace
} // namespace jobkb::detail
