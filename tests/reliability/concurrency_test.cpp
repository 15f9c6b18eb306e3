// Concurrency: real jobkb processes side by side on one database. The file is in WAL mode, so
// readers never wait for a writer and see the data as it was before or after each import, never
// half of one; writers take the write lock up front and wait for each other (busy timeout 5 s).
#include "reliability/support.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <signal.h>

#include <set>
#include <thread>

namespace jobkb {
namespace {

using namespace std::chrono_literals;
using test::fs::path;

// Small enough that two imports one after the other stay well inside the busy timeout, even in
// the sanitized build on a busy machine.
const std::size_t kRows = test::kSanitizedBuild ? 4'000 : 20'000;

std::vector<std::string> import_arguments(const path& database, const path& input) {
    return {"--db", database.string(), "import", "salaries", input.string(), "--quiet"};
}

std::string scalar(const path& database, const std::string& sql) {
    return test::query(database, sql).at(0).at(0);
}

void expect_check_ok(const path& database) {
    const auto check = test::run_binary({"--db", database.string(), "check"});
    EXPECT_EQ(check.out, "ok\n") << check.err;
}

class Concurrency : public ::testing::Test {
protected:
    test::TempDir dir_;
    path database_ = test::make_seeded_database(dir_);

    path input(const std::string& name, int variant) {
        const auto file = dir_ / name;
        test::write_bytes(file, test::salary_csv(kRows, variant));
        return file;
    }
};

TEST_F(Concurrency, TheDatabaseIsInWalModeAndAWriterWaitsForTheWriteLock) {
    EXPECT_EQ(scalar(database_, "PRAGMA journal_mode"), "wal");
    const auto file = input("reports.csv", 1);
    SQLite::Database holder(database_.string(), SQLite::OPEN_READWRITE);
    holder.exec("BEGIN IMMEDIATE");
    test::Process import(import_arguments(database_, file), test::kToday);
    std::this_thread::sleep_for(1s);
    EXPECT_TRUE(import.running()) << "the import waits for the write lock: " << import.wait().err;
    holder.exec("ROLLBACK");
    const auto& outcome = import.wait();
    EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
    EXPECT_GE(outcome.elapsed, 1s);
    EXPECT_EQ(scalar(database_, "SELECT rows_inserted FROM import_batches"), std::to_string(kRows));
}

TEST_F(Concurrency, AWriterThatWaitsLongerThanTheBusyTimeoutSaysSoAndChangesNothing) {
    const auto file = input("reports.csv", 1);
    const std::string before = test::read_bytes(database_);
    SQLite::Database holder(database_.string(), SQLite::OPEN_READWRITE);
    holder.exec("BEGIN IMMEDIATE");
    const auto outcome = test::run_process(import_arguments(database_, file), test::kToday);
    holder.exec("ROLLBACK");
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_EQ(outcome.err, "jobkb: " + database_.string() +
                               ": starting a write transaction: the database is busy: another "
                               "process kept it locked for more than 5000 ms (try again when it "
                               "has finished)\n");
    EXPECT_GE(outcome.elapsed, 5s);
    EXPECT_EQ(test::read_bytes(database_), before);
}

TEST_F(Concurrency, ReadersSeeTheDataBeforeOrAfterAnImportNeverBetween) {
    const auto file = input("reports.csv", 1);
    const std::string before = scalar(database_, "SELECT count(*) FROM salary_observations");
    const std::string after = std::to_string(std::stoul(before) + kRows);
    const std::string batch_line =
        fmt::format("1,{},reports.csv,csv,salaries,{},{},0,", file.string(), kRows, kRows);
    test::Process import(import_arguments(database_, file), test::kToday);
    int rounds = 0;
    std::set<std::string> counts_seen;
    while (import.running()) {
        ++rounds;
        // Three readers at once, each a process of its own.
        test::Process count({"--db", database_.string(), "sql",
                             "SELECT count(*) FROM salary_observations", "--csv"});
        test::Process batches({"--db", database_.string(), "imports", "--csv"});
        test::Process roles({"--db", database_.string(), "roles", "--csv"});
        const auto& counted = count.wait();
        EXPECT_EQ(counted.exit_code, 0) << counted.err;
        EXPECT_EQ(counted.err, "");
        const auto count_lines = test::lines_of(counted.out);
        ASSERT_EQ(count_lines.size(), 2u) << counted.out;
        const std::string seen = count_lines[1].substr(0, count_lines[1].find('\r'));
        EXPECT_TRUE(seen == before || seen == after) << seen;
        counts_seen.insert(seen);

        // The batch row is written first and completed last, in the same transaction: a reader
        // sees no batch, or the whole one.
        const auto& listed = batches.wait();
        EXPECT_EQ(listed.exit_code, 0) << listed.err;
        const auto batch_lines = test::lines_of(listed.out);
        ASSERT_TRUE(batch_lines.size() == 1 || batch_lines.size() == 2) << listed.out;
        if (batch_lines.size() == 2) {
            EXPECT_EQ(batch_lines[1].rfind(batch_line, 0), 0u) << batch_lines[1];
        }
        const auto& listed_roles = roles.wait();
        EXPECT_EQ(listed_roles.exit_code, 0) << listed_roles.err;
        EXPECT_EQ(listed_roles.err, "");
    }
    const auto& imported = import.wait();
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(scalar(database_, "SELECT count(*) FROM salary_observations"), after);
    std::cout << "[          ] " << rounds
              << " round(s) of readers during the import, counts seen:";
    for (const auto& seen : counts_seen) {
        std::cout << " " << seen;
    }
    std::cout << "\n";
    EXPECT_GE(rounds, 2) << "the readers ran while the import did";
    expect_check_ok(database_);
}

TEST_F(Concurrency, TwoImportsStartedTogetherBothCompleteOneAfterTheOther) {
    const auto first_file = input("first.csv", 1);
    const auto second_file = input("second.csv", 2);
    test::Process first(import_arguments(database_, first_file), test::kToday);
    test::Process second(import_arguments(database_, second_file), test::kToday);
    const auto& first_outcome = first.wait();
    const auto& second_outcome = second.wait();
    EXPECT_EQ(first_outcome.exit_code, 0) << first_outcome.err;
    EXPECT_EQ(second_outcome.exit_code, 0) << second_outcome.err;
    const auto batches = test::query(
        database_, "SELECT b.file_name, b.rows_inserted, (SELECT count(*) FROM "
                   "salary_observations o WHERE o.batch_id = b.id) FROM import_batches b "
                   "ORDER BY b.file_name");
    const std::string rows = std::to_string(kRows);
    EXPECT_EQ(batches, (std::vector<std::vector<std::string>>{{first_file.string(), rows, rows},
                                                              {second_file.string(), rows, rows}}));
    expect_check_ok(database_);
}

TEST_F(Concurrency, AnImportCompletesWhileAnotherProcessHoldsALongRead) {
    // This process holds a read transaction open: the import does not wait for it, and does not
    // change what it sees.
    const std::string before = scalar(database_, "SELECT count(*) FROM salary_observations");
    {
        SQLite::Database reader(database_.string(), SQLite::OPEN_READONLY);
        reader.exec("BEGIN");
        const auto count = [&] {
            return reader.execAndGet("SELECT count(*) FROM salary_observations").getString();
        };
        EXPECT_EQ(count(), before);
        const auto imported =
            test::run_binary(import_arguments(database_, input("first.csv", 1)), test::kToday);
        EXPECT_EQ(imported.exit_code, 0) << imported.err;
        EXPECT_EQ(count(), before) << "the reader's snapshot";
        reader.exec("COMMIT");
        EXPECT_EQ(count(), std::to_string(std::stoul(before) + kRows));
    }

    // A jobkb sql in a query that reads the observations until it is stopped.
    test::Process long_read({"--db", database_.string(), "sql", "--time-limit", "120000",
                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                             "SELECT count(*) FROM n, salary_observations"});
    std::this_thread::sleep_for(500ms);
    const auto imported =
        test::run_binary(import_arguments(database_, input("second.csv", 2)), test::kToday);
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_TRUE(long_read.running()) << "the reader was still reading: " << long_read.wait().err;
    long_read.kill(SIGKILL);
    long_read.wait();
    EXPECT_EQ(scalar(database_, "SELECT count(*) FROM import_batches WHERE rows_inserted = " +
                                    std::to_string(kRows)),
              "2");
    expect_check_ok(database_);
}

} // namespace
} // namespace jobkb
