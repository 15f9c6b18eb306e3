// The observation writer: 64 rows to a statement, the rest in one partial statement at the end,
// the batch's latest figures in one statement at its end (migration 0012), and undo's removal of
// a batch's observations.
#include "jobkb/import/observation_writer.hpp"

#include "jobkb/check.hpp"

#include "support.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace jobkb::detail {
namespace {

class Writer : public test::SeededBase {
protected:
    void SetUp() override {
        role_ = count("SELECT id FROM roles WHERE slug = 'data-scientist'");
        source_ = count("SELECT min(id) FROM sources");
        database_->execute("testing",
                           fmt::format("INSERT INTO import_batches (file_name, sha256, settings, "
                                       "input_format, source_id, rows_read, rows_inserted, "
                                       "rows_rejected, imported_at) VALUES ('t.csv', '{}', '', "
                                       "'csv', {}, 0, 0, 0, '2026-11-23T00:00:00Z')",
                                       std::string(64, '0'), source_));
        batch_ = count("SELECT max(id) FROM import_batches");
        // Counts the INSERTs SQLite runs on the connection (trigger bodies aside).
        sqlite3_trace_v2(
            database_->native_handle(), SQLITE_TRACE_STMT,
            [](unsigned, void* context, void*, void* sql) {
                if (std::string_view(static_cast<const char*>(sql))
                        .starts_with("INSERT INTO salary_observations")) {
                    ++*static_cast<int*>(context);
                }
                return 0;
            },
            &inserts_);
    }
    void TearDown() override { sqlite3_trace_v2(database_->native_handle(), 0, nullptr, nullptr); }

    Observation row(int i) const {
        Observation observation;
        observation.role_id = role_;
        observation.country = "IN";
        observation.currency = &inr_;
        observation.amount_minor = 100000 + i;
        observation.period = "year";
        observation.statistic = "point";
        observation.as_of = "2026-01";
        observation.source_id = source_;
        if (i % 2 == 0) {
            observation.note = fmt::format("note {}", i);
        }
        return observation;
    }

    std::int64_t written() {
        return count("SELECT count(*) FROM salary_observations WHERE batch_id = " +
                     std::to_string(batch_));
    }

    Currency inr_{"INR", "₹", 2, DigitGrouping::kIndian};
    std::int64_t role_ = 0;
    std::int64_t source_ = 0;
    std::int64_t batch_ = 0;
    int inserts_ = 0;
};

TEST_F(Writer, SixtyFourRowsGoInOneStatement) {
    ObservationWriter writer(*database_, "testing", batch_);
    for (int i = 0; i < 63; ++i) {
        writer.add(row(i));
    }
    EXPECT_EQ(written(), 0) << "63 rows wait for the 64th";
    EXPECT_EQ(writer.pending(), 63u);
    writer.add(row(63));
    EXPECT_EQ(written(), 64);
    EXPECT_EQ(inserts_, 1) << "one statement for 64 rows";
    EXPECT_EQ(writer.pending(), 0u);
    for (int i = 64; i < 130; ++i) {
        writer.add(row(i));
    }
    EXPECT_EQ(inserts_, 2);
    EXPECT_EQ(written(), 128);
    EXPECT_EQ(writer.rows_written(), 128);
}

TEST_F(Writer, APartialFlushWritesTheRestInOneStatement) {
    ObservationWriter writer(*database_, "testing", batch_);
    writer.flush();
    EXPECT_EQ(inserts_, 0) << "nothing pending, nothing run";
    for (int i = 0; i < 70; ++i) {
        writer.add(row(i));
    }
    writer.flush();
    EXPECT_EQ(inserts_, 2);
    EXPECT_EQ(writer.rows_written(), 70);
    EXPECT_EQ(written(), 70);
    // Every value arrives, text included (bound without a copy), and NULL notes stay NULL.
    EXPECT_EQ(scalar("SELECT sum(amount_minor) FROM salary_observations WHERE batch_id = " +
                     std::to_string(batch_)),
              std::to_string(70 * 100000 + 69 * 70 / 2));
    EXPECT_EQ(count("SELECT count(*) FROM salary_observations WHERE note IS NULL AND batch_id = " +
                    std::to_string(batch_)),
              35);
    EXPECT_EQ(scalar("SELECT note FROM salary_observations WHERE amount_minor = 100068"),
              "note 68");
    EXPECT_EQ(count("SELECT count(*) FROM salary_observations WHERE batch_id = " +
                    std::to_string(batch_) +
                    " AND (country_code, currency_code, period, statistic, as_of) IS NOT ('IN', "
                    "'INR', 'year', 'point', '2026-01')"),
              0);
}

// Until finish() the batch's rows leave salary_latest as it was (the trigger skips a pending
// batch); finish() makes it what the per-row trigger made it: per key the latest as_of_key, of
// equals the last row. Inserts of anyone else keep the trigger's per-row upkeep meanwhile.
TEST_F(Writer, TheBatchsLatestFiguresComeAtItsEnd) {
    const auto latest = [&] {
        return count("SELECT coalesce(max(observation_id), 0) FROM salary_latest WHERE role_id = " +
                     std::to_string(role_) +
                     " AND country_code = 'IN' AND statistic = 'point' AND period = 'year' "
                     "AND dimensions = ''");
    };
    const auto stale = [&] {
        std::size_t found = 0;
        for (const auto& problem : check_knowledge_base(*database_)) {
            found += problem.check == "latest salaries" ? 1U : 0U;
        }
        return found;
    };
    const auto before = latest();
    ObservationWriter writer(*database_, "testing", batch_);
    EXPECT_EQ(count("SELECT count(*) FROM salary_latest_pending"), 1);
    for (int i = 0; i < 100; ++i) {
        Observation observation = row(i);
        // A year ends after its January, so the year's rows outrank the month's; of them the
        // last (i == 90) wins.
        observation.as_of = i % 10 == 0 ? "2026" : "2026-01";
        writer.add(std::move(observation));
    }
    writer.flush();
    EXPECT_EQ(latest(), before) << "no row of a pending batch is upkept by the trigger";
    EXPECT_GT(stale(), 0u) << "check sees the pending batch's figures missing from salary_latest";

    // A hand-written insert of another key, meanwhile, is upkept at once.
    database_->execute("testing", fmt::format("INSERT INTO salary_observations (role_id, "
                                              "country_code, currency_code, amount_minor, period, "
                                              "statistic, as_of, source_id) VALUES ({}, 'US', "
                                              "'USD', 12345600, 'year', 'median', '2026-11', {})",
                                              role_, source_));
    EXPECT_EQ(
        count("SELECT observation_id FROM salary_latest WHERE role_id = " + std::to_string(role_) +
              " AND country_code = 'US' AND statistic = 'median' AND period = 'year'"),
        count("SELECT max(id) FROM salary_observations"));

    writer.finish();
    EXPECT_EQ(latest(), count(fmt::format("SELECT id FROM salary_observations WHERE batch_id = {} "
                                          "AND amount_minor = 100090",
                                          batch_)));
    EXPECT_EQ(count("SELECT count(*) FROM salary_latest_pending"), 0);
    EXPECT_EQ(stale(), 0u);
}

// A batch left on salary_latest_pending (a base written by hand, or by a broken importer) is a
// finding of `jobkb check`.
TEST_F(Writer, CheckReportsABatchLeftPending) {
    { ObservationWriter writer(*database_, "testing", batch_); }
    const auto problems = check_knowledge_base(*database_);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].check, "latest salaries");
    EXPECT_EQ(problems[0].detail,
              fmt::format("batch {} is still listed in salary_latest_pending (an import that "
                          "never finished its latest figures)",
                          batch_));
}

TEST_F(Writer, UndoRemovesTheBatchsObservationsOnly) {
    const auto others = count("SELECT count(*) FROM salary_observations");
    ObservationWriter writer(*database_, "testing", batch_);
    for (int i = 0; i < 10; ++i) {
        writer.add(row(i));
    }
    writer.flush();
    EXPECT_EQ(remove_batch_observations(*database_, batch_), 10);
    EXPECT_EQ(count("SELECT count(*) FROM salary_observations"), others);
    EXPECT_EQ(remove_batch_observations(*database_, batch_), 0);
}

} // namespace
} // namespace jobkb::detail
