// Crash safety: the real binary killed with SIGKILL at moments spread over an import and over a
// migration. Each is one transaction in a WAL database, so whatever the moment, the next jobkb
// finds the database whole and either untouched or completely changed, `jobkb check` passes, and
// the interrupted command can simply be run again.
#include "jobkb/database.hpp"
#include "jobkb/migrator.hpp"
#include "jobkb/seeder.hpp"
#include "reliability/support.hpp"
#include "support/legacy_article.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include <signal.h>

#include <thread>

namespace jobkb {
namespace {

using namespace std::chrono_literals;
using Seconds = std::chrono::duration<double>;
using test::fs::path;

// Large enough that the import spends most of a second in its transaction in release; the
// sanitized build is several times slower, so a smaller file spans about as long there.
const std::size_t kImportRows = test::kSanitizedBuild ? 6'000 : 25'000;
// Observations in the version-1 base: migrating it indexes them all.
const std::size_t kMigrationRows = test::kSanitizedBuild ? 25'000 : 100'000;

// How a writing command's run went, seen through its WAL file: until the WAL grows the
// transaction lives in memory only; then come the commit and, when jobkb closes the file, the
// checkpoint that copies the WAL into the database.
struct Timeline {
    Seconds wal_grows{};
    Seconds ended{};
};

// Waits until the WAL beside the database has content or the process has ended; true for the
// first.
bool wait_for_wal(test::Process& process, const path& database) {
    const std::string wal = database.string() + "-wal";
    while (process.running()) {
        if (test::file_size_or_missing(wal) > 0) {
            return true;
        }
        std::this_thread::sleep_for(200us);
    }
    return false;
}

// Runs the command to its end, timing its phases.
Timeline watch(const std::vector<std::string>& arguments, const path& database) {
    test::Process process(arguments, test::kToday);
    Timeline timeline;
    const bool grew = wait_for_wal(process, database);
    timeline.wal_grows = process.age();
    const auto& outcome = process.wait();
    EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
    timeline.ended = outcome.elapsed;
    if (!grew) {
        timeline.wal_grows = timeline.ended;
    }
    return timeline;
}

// When to kill: `delay` after the start, or after the WAL first grows.
struct Kill {
    bool after_wal_grows = false;
    Seconds delay{};
};

std::string describe(const Kill& kill) {
    return fmt::format("killed {:.0f} ms after {}", kill.delay.count() * 1000,
                       kill.after_wal_grows ? "the WAL grew" : "the start");
}

// Kills spread evenly over the time the transaction is in memory, and over the time from the first
// WAL write to a little past the end (commit, checkpoint, exit), where the file changes.
std::vector<Kill> kill_schedule(const Timeline& timeline, int in_memory, int on_disk) {
    std::vector<Kill> kills;
    for (int k = 0; k < in_memory; ++k) {
        kills.push_back({false, timeline.wal_grows * k / in_memory});
    }
    const Seconds writing = std::max(timeline.ended - timeline.wal_grows, Seconds(0.01));
    for (int k = 0; k < on_disk; ++k) {
        kills.push_back({true, writing * 1.25 * k / (on_disk - 1)});
    }
    // On a loaded machine a run can take several times the reference's time: one kill well after
    // the reference ended keeps "some kill lands after the commit" true there too.
    kills.push_back({true, writing * 4});
    return kills;
}

// Runs the command and kills it as scheduled (unless it has ended by then).
void run_and_kill(const std::vector<std::string>& arguments, const path& database,
                  const Kill& kill) {
    test::Process process(arguments, test::kToday);
    if (!kill.after_wal_grows || wait_for_wal(process, database)) {
        std::this_thread::sleep_for(kill.delay);
    }
    process.kill(SIGKILL);
    const auto& outcome = process.wait();
    EXPECT_TRUE(outcome.signal == SIGKILL || outcome.exit_code == 0)
        << "exit " << outcome.exit_code << ", signal " << outcome.signal << ": " << outcome.err;
}

void expect_integrity_ok(const path& database) {
    EXPECT_EQ(test::query(database, "PRAGMA integrity_check"),
              (std::vector<std::vector<std::string>>{{"ok"}}));
}

void expect_check_ok(const path& database) {
    const auto check = test::run_binary({"--db", database.string(), "check"});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_EQ(check.out, "ok\n");
}

// `kind`: salaries, rates or onet (which shows no progress, so has no --quiet); `options` come
// after the input.
std::vector<std::string> import_command_line(const path& database, const path& input,
                                             const std::string& kind,
                                             const std::vector<std::string>& options) {
    std::vector<std::string> arguments = {"--db", database.string(), "import", kind,
                                          input.string()};
    arguments.insert(arguments.end(), options.begin(), options.end());
    if (kind != "onet") {
        arguments.emplace_back("--quiet");
    }
    return arguments;
}

// Kills `jobkb import KIND input` at moments spread over its run: each time the batch is wholly
// there (`count_sql` counts `rows` of batch 1) or absent, and the import run again completes.
void expect_killed_import_whole_or_absent(const test::TempDir& dir, const std::string& kind,
                                          const path& input, const std::string& count_sql,
                                          std::size_t rows,
                                          const std::vector<std::string>& options = {}) {
    const auto seeded = test::make_seeded_database(dir, "seeded.db");
    const std::string before = test::content_fingerprint(seeded);
    const auto import_arguments = [&kind, &options](const path& database, const path& file) {
        return import_command_line(database, file, kind, options);
    };
    // The import run to its end, for its timeline and its result.
    const auto reference = dir / "reference.db";
    test::copy_database(seeded, reference);
    const Timeline timeline = watch(import_arguments(reference, input), reference);
    const std::string after = test::content_fingerprint(reference);
    ASSERT_EQ(test::query(reference, count_sql),
              (std::vector<std::vector<std::string>>{{std::to_string(rows)}}));

    int absent = 0;
    int whole = 0;
    const auto survivor = dir / "survivor.db";
    int n = 0;
    for (const Kill& kill : kill_schedule(timeline, 8, 12)) {
        SCOPED_TRACE(describe(kill));
        const auto killed = dir / fmt::format("killed-{}.db", ++n);
        test::copy_database(seeded, killed);
        run_and_kill(import_arguments(killed, input), killed, kill);
        expect_check_ok(killed);
        expect_integrity_ok(killed);
        const std::string state = test::content_fingerprint(killed);
        if (state == before) {
            ++absent;
            // Keep the latest absent one, with whatever WAL and shared memory the kill left.
            for (const char* suffix : {"", "-wal", "-shm"}) {
                test::fs::remove(survivor.string() + suffix);
                if (test::fs::exists(killed.string() + suffix)) {
                    test::fs::rename(killed.string() + suffix, survivor.string() + suffix);
                }
            }
        } else if (state == after) {
            ++whole;
        } else {
            ADD_FAILURE() << "the batch is partly there";
        }
        for (const char* suffix : {"", "-wal", "-shm"}) {
            test::fs::remove(killed.string() + suffix);
        }
    }
    std::cout << "[          ] import " << kind << " of " << rows << " rows: " << absent
              << " kill(s) left it absent, " << whole << " whole; WAL grew after "
              << timeline.wal_grows.count() << " s, ended after " << timeline.ended.count()
              << " s\n";
    EXPECT_GE(absent, 1);
    EXPECT_GE(whole, 1);

    // The import, run again on what a kill left behind, completes.
    ASSERT_TRUE(test::fs::exists(survivor));
    const auto again = test::run_binary(import_arguments(survivor, input), test::kToday);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(test::content_fingerprint(survivor), after);
    expect_check_ok(survivor);
}

TEST(CrashSafety, AnImportKilledAtAnyMomentLeavesItsBatchWholeOrAbsent) {
    test::TempDir dir;
    const auto input = dir / "reports.csv";
    test::write_bytes(input, test::salary_csv(kImportRows));
    expect_killed_import_whole_or_absent(
        dir, "salaries", input, "SELECT count(*) FROM salary_observations WHERE batch_id = 1",
        kImportRows);
}

// A wide table in BLS OEWS's layout through the built-in recipe: twelve figures a row (two of
// them `#` top codes, stored as bounds), a role and its code created for every occupation, all in
// one batch.
std::string oews_table(std::size_t rows) {
    std::string text = "AREA,AREA_TITLE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,H_MEAN,A_MEAN,"
                       "H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,"
                       "A_PCT75,A_PCT90\n";
    for (std::size_t row = 0; row < rows; ++row) {
        const std::size_t hour = 20 + row % 50;
        text += fmt::format("99,U.S.,{:02}-{:04},Occupation {},detailed,{},{}.50,{},{},{},{},{},#,"
                            "{},{},{},{},#\n",
                            11 + row / 10'000, row % 10'000, row, 1000 + row, hour, hour * 2080,
                            hour - 5, hour - 2, hour, hour + 3, (hour - 5) * 2080,
                            (hour - 2) * 2080, hour * 2080, (hour + 3) * 2080);
    }
    return text;
}

TEST(CrashSafety, AWideImportKilledAtAnyMomentLeavesItsBatchWholeOrAbsent) {
    test::TempDir dir;
    const std::size_t rows = kImportRows / 12; // twelve figures a row: as many as the rows above
    const auto input = dir / "national_M2023_dl.csv";
    test::write_bytes(input, oews_table(rows));
    expect_killed_import_whole_or_absent(
        dir, "salaries", input, "SELECT count(*) FROM salary_observations WHERE batch_id = 1",
        rows * 12, {"--recipe", "bls-oews-national", "--set", "as_of=2023-05"});
}

// The O*NET subset (97 occupations, 17,469 lines): its 2,014 tasks are the batch's
// responsibilities; roles, titles, skills and relations come in the same transaction.
TEST(CrashSafety, AnOnetImportKilledAtAnyMomentLeavesItsBatchWholeOrAbsent) {
    test::TempDir dir;
    expect_killed_import_whole_or_absent(
        dir, "onet", test::source_dir() / "tests" / "data" / "onet" / "29.2-subset",
        "SELECT count(*) FROM responsibilities WHERE batch_id = 1", 2014);
}

// The ECB's layout, a day a row back from 2025-05-09, ten currencies a day.
std::string ecb_history(std::size_t days) {
    std::string text = "Date,USD,JPY,BGN,CZK,DKK,GBP,HUF,PLN,RON,INR,\n";
    for (std::size_t day = 0; day < days; ++day) {
        const int number = 20'217 - static_cast<int>(day); // 2025-05-09 in days since 1970
        const auto ymd =
            std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{number}}};
        text += fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                            static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        for (int currency = 1; currency <= 10; ++currency) {
            text += fmt::format(",{}.{:04}", currency,
                                (day * 7 + static_cast<std::size_t>(currency)) % 10'000);
        }
        text += ",\n";
    }
    return text;
}

TEST(CrashSafety, ARateImportKilledAtAnyMomentLeavesItsBatchWholeOrAbsent) {
    test::TempDir dir;
    const std::size_t days = kImportRows / 10; // ten rates a day: as many values as rows above
    const auto input = dir / "eurofxref-hist.csv";
    test::write_bytes(input, ecb_history(days));
    expect_killed_import_whole_or_absent(
        dir, "rates", input, "SELECT count(*) FROM exchange_rates WHERE batch_id = 1", days * 10);
}

// A knowledge base at schema version 1 (only the first migration, then the seed data as it was
// then) holding `rows` more salary observations: migrating it indexes them all, which takes a
// while.
path make_version_1_database(const test::TempDir& dir, std::size_t rows) {
    const auto path = dir / "version-1.db";
    test::make_article_base_before_occupations(path, 1);
    Database database(path, Access::kReadWrite);
    database.execute("adding observations", fmt::format(R"sql(
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {})
INSERT INTO salary_observations (role_id, country_code, currency_code, amount_minor, period,
                                 statistic, as_of, source_id, note)
SELECT 1 + i % (SELECT count(*) FROM roles), 'US', 'USD', 4000000 + i, 'year', 'point',
       printf('2025-%02d', 1 + i % 12), (SELECT min(id) FROM sources), 'report ' || i
FROM n;
COMMIT;)sql",
                                                        rows));
    return path;
}

// The database as a whole: its schema and version, and its content.
std::string whole_state(const path& database) {
    return test::schema_dump(database) + test::content_fingerprint(database);
}

// Each migration commits on its own, so a kill between two of them leaves a whole intermediate
// version: the states the base passes through, from version 1 to the latest, each as the
// migrator leaves it.
std::vector<std::string> states_by_version(const path& old_base, const test::TempDir& dir) {
    std::vector<std::string> states;
    for (int version = 1; version <= latest_schema_version(); ++version) {
        const auto copy = dir / fmt::format("state-{}.db", version);
        test::copy_database(old_base, copy);
        {
            Database database(copy, Access::kReadWrite);
            Migrator(database, known_migrations().first(static_cast<std::size_t>(version)))
                .apply_pending();
        }
        states.push_back(whole_state(copy));
    }
    // Then `jobkb migrate` loads the reference data the new version can hold and the old one could
    // not (the other names of countries came with migration 7), in a transaction of its own.
    const auto seeded = dir / "state-seeded.db";
    test::copy_database(old_base, seeded);
    {
        Database database(seeded, Access::kReadWrite);
        Migrator(database).apply_pending();
        Seeder(database).apply({SeedSet::kReference});
    }
    if (whole_state(seeded) != states.back()) {
        states.push_back(whole_state(seeded));
    }
    return states;
}

TEST(CrashSafety, AMigrationKilledAtAnyMomentLeavesTheOldOrTheNewVersion) {
    test::TempDir dir;
    const auto old_base = make_version_1_database(dir, kMigrationRows);
    ASSERT_EQ(test::query(old_base, "PRAGMA user_version")[0][0], "1");
    ASSERT_GT(latest_schema_version(), 1);
    const std::string before = whole_state(old_base);
    const std::vector<std::string> versions = states_by_version(old_base, dir);
    ASSERT_EQ(versions.front(), before);
    // The latest schema before its reference data: check finds nothing missing there.
    const std::string migrated = versions[static_cast<std::size_t>(latest_schema_version()) - 1];

    const auto reference = dir / "reference.db";
    test::copy_database(old_base, reference);
    const Timeline timeline = watch({"--db", reference.string(), "migrate"}, reference);
    const std::string after = whole_state(reference);
    ASSERT_EQ(test::query(reference, "PRAGMA user_version")[0][0],
              std::to_string(latest_schema_version()));
    ASSERT_EQ(versions.back(), after);

    int old_version = 0;
    int new_version = 0;
    int between = 0;
    int n = 0;
    for (const Kill& kill : kill_schedule(timeline, 5, 9)) {
        SCOPED_TRACE(describe(kill));
        const auto killed = dir / fmt::format("killed-{}.db", ++n);
        test::copy_database(old_base, killed);
        run_and_kill({"--db", killed.string(), "migrate"}, killed, kill);
        const std::string state = whole_state(killed);
        // jobkb check runs PRAGMA integrity_check first, and reports nothing else if it fails.
        const auto check = test::run_binary({"--db", killed.string(), "check"});
        const auto version = std::find(versions.begin(), versions.end(), state);
        if (version == versions.end()) {
            ADD_FAILURE() << "the migration is partly applied";
        } else if (state == after) {
            ++new_version;
            EXPECT_EQ(check.out, "ok\n") << check.err;
        } else if (state == migrated) {
            ++between;
            EXPECT_EQ(check.out, "ok\n") << check.err;
        } else {
            ++(state == before ? old_version : between);
            // The only problem check finds in an older base is the migrations it still needs.
            EXPECT_EQ(check.exit_code, 1);
            EXPECT_NE(check.out, "");
            for (const auto& line : test::lines_of(check.out)) {
                EXPECT_NE(line.find("is pending: run 'jobkb migrate'"), std::string::npos) << line;
            }
        }
        // Migrating again completes the job.
        const auto again = test::run_binary({"--db", killed.string(), "migrate"});
        EXPECT_EQ(again.exit_code, 0) << again.err;
        EXPECT_EQ(whole_state(killed), after);
        for (const char* suffix : {"", "-wal", "-shm"}) {
            test::fs::remove(killed.string() + suffix);
        }
    }
    std::cout << "[          ] migration of " << kMigrationRows << " rows: " << old_version
              << " kill(s) left the old version, " << between << " a version in between, "
              << new_version << " the new; WAL grew after " << timeline.wal_grows.count()
              << " s, ended after " << timeline.ended.count() << " s\n";
    EXPECT_GE(old_version, 1);
    EXPECT_GE(new_version, 1);
}

} // namespace
} // namespace jobkb
