// Ways out of `jobkb sql`'s read-only sandbox, tried with the real binary: each is refused or
// stopped with a one-line message naming the cause, in bounded time and memory, and afterwards the
// database has the same bytes and content and no other file has appeared beside it. The in-process
// tests in tests/cli/sql_test.cpp cover the plain cases; these are the hidden and runaway ones.
#include "reliability/support.hpp"

#include <gtest/gtest.h>

#include <set>

namespace jobkb {
namespace {

using namespace std::chrono_literals;

const long kMemoryBoundKb = test::kSanitizedBuild ? 2'000'000 : 256'000;
// Should a limit fail, the machine is spared (the address-space limit is ignored under ASan).
const test::Limits kLimits{std::uint64_t{2} << 30, std::nullopt};

struct Escape {
    std::string name;
    std::vector<std::string> arguments; // after `jobkb --db FILE sql`; {dir} is the folder
    std::string cause;                  // in the message
};

void PrintTo(const Escape& escape, std::ostream* out) { *out << escape.name; }

const std::vector<Escape>& escapes() {
    static const std::vector<Escape> list = {
        // Writes hidden behind a WITH clause.
        {"InsertAfterACte",
         {"WITH x AS (SELECT 1) INSERT INTO roles (slug, name) VALUES ('a', 'b')"},
         "would change the database"},
        {"UpdateAfterACte",
         {"WITH x AS (SELECT 1) UPDATE roles SET name = 'x'"},
         "would change the database"},
        {"InsertFromARecursiveCte",
         {"WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x WHERE i < 3) "
          "INSERT INTO role_aliases (alias, role_id) SELECT 'a' || i, 1 FROM x"},
         "would change the database"},
        // Other files.
        {"AttachAUriThatCreates", {"ATTACH 'file:{dir}/other.db?mode=rwc' AS o"}, "ATTACH"},
        {"AttachMemory", {"ATTACH ':memory:' AS m"}, "ATTACH"},
        {"DetachMainWithWrite", {"--write", "DETACH main"}, "ATTACH and DETACH are not allowed"},
        {"VacuumMainInto", {"VACUUM main INTO '{dir}/copy.db'"}, "would change the database"},
        {"VacuumIntoWithWrite",
         {"--write", "VACUUM INTO '{dir}/copy.db'"},
         "cannot VACUUM from within a transaction"},
        // Extensions and the schema itself.
        {"LoadExtensionWithWrite",
         {"--write", "SELECT load_extension('libm.so.6')"},
         "loading extensions is not allowed"},
        {"WritableSchemaOfMain",
         {"PRAGMA main.writable_schema = ON"},
         "PRAGMA writable_schema = ON is not allowed"},
        {"WritableSchemaAsATableFunction",
         {"SELECT * FROM pragma_writable_schema"},
         "PRAGMA writable_schema is not allowed"},
        {"WritableSchemaWithWrite",
         {"--write", "PRAGMA writable_schema = 1"},
         "PRAGMA writable_schema = 1 is not allowed"},
        {"RewritingTheSchemaTableWithWrite",
         {"--write",
          "UPDATE sqlite_schema SET sql = 'CREATE TABLE roles (x)' WHERE name = 'roles'"},
         "table sqlite_master may not be modified"},
        {"JournalOffWithWrite",
         {"--write", "PRAGMA journal_mode = OFF"},
         "PRAGMA journal_mode = OFF is not allowed"},
        {"Checkpoint", {"PRAGMA wal_checkpoint(TRUNCATE)"}, "PRAGMA wal_checkpoint"},
        {"QueryOnlyOff", {"PRAGMA query_only = 0"}, "PRAGMA query_only = 0 is not allowed"},
        {"TrustedSchema",
         {"PRAGMA trusted_schema = 1"},
         "PRAGMA trusted_schema = 1 is not allowed"},
        {"Reindex", {"REINDEX"}, "would change the database"},
        {"SavepointWithWrite", {"--write", "SAVEPOINT s"}, "transaction control is not allowed"},
        // Runaway queries.
        {"RecursiveCteThatNeverEnds",
         {"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n",
          "--time-limit", "300"},
         "query stopped after 300 ms: the time limit"},
        {"CrossJoinThatNeverEnds",
         {"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
          "SELECT count(*) FROM n a, n b, n c",
          "--time-limit", "300"},
         "query stopped after 300 ms: the time limit"},
        {"FewHugeRows",
         {"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
          "SELECT printf('%.*c', 1000000, 'x') FROM n",
          "--time-limit", "60000"},
         "query returned more than 64 MiB: stopped by the size cap"},
        {"GiantBlob", {"SELECT randomblob(1000000000)"}, "string or blob too big"},
    };
    return list;
}

std::set<std::string> files_in(const test::fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : test::fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        // A reader of a WAL database may leave its -wal and -shm: they hold no data.
        if (!name.ends_with("-wal") && !name.ends_with("-shm")) {
            names.insert(name);
        }
    }
    return names;
}

class SqlEscape : public ::testing::TestWithParam<Escape> {};

TEST_P(SqlEscape, IsRefusedOrStoppedAndChangesNothing) {
    const Escape& escape = GetParam();
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    std::vector<std::string> arguments = {"--db", database.string(), "sql"};
    for (std::string argument : escape.arguments) {
        if (const auto at = argument.find("{dir}"); at != std::string::npos) {
            argument.replace(at, 5, dir.path().string());
        }
        arguments.push_back(argument);
    }
    const std::string bytes_before = test::read_bytes(database);
    const std::string content_before = test::content_dump(database);
    const auto files_before = files_in(dir.path());

    const auto outcome = test::run_process(arguments, {}, kLimits);
    EXPECT_EQ(outcome.signal, 0);
    EXPECT_EQ(outcome.exit_code, 1) << outcome.out.substr(0, 500);
    EXPECT_EQ(outcome.out, "");
    EXPECT_TRUE(test::are_error_lines(outcome.err));
    EXPECT_EQ(test::lines_of(outcome.err).size(), 1u) << outcome.err;
    EXPECT_NE(outcome.err.find(escape.cause), std::string::npos) << outcome.err;
    EXPECT_LT(outcome.elapsed, 60s) << "stopped by its limits, not left to run";
    EXPECT_LT(outcome.max_rss_kb, kMemoryBoundKb);
    EXPECT_EQ(test::read_bytes(database), bytes_before);
    EXPECT_EQ(test::content_dump(database), content_before);
    EXPECT_EQ(files_in(dir.path()), files_before) << "no file made by ATTACH or VACUUM INTO";
}

INSTANTIATE_TEST_SUITE_P(Queries, SqlEscape, ::testing::ValuesIn(escapes()),
                         [](const auto& test_case) { return test_case.param.name; });

// Endless rows stop at the default row cap: the first 10,000 are printed, then one line says the
// query was stopped there (exit 1), in bounded time and memory, the base unchanged.
TEST(SqlRowCap, EndlessRowsStopAtTheDefaultCapAfterPrintingThem) {
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const std::string bytes_before = test::read_bytes(database);
    const auto outcome = test::run_process(
        {"--db", database.string(), "sql",
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
         "--tsv"},
        {}, kLimits);
    EXPECT_EQ(outcome.signal, 0);
    EXPECT_EQ(outcome.exit_code, 1);
    const auto lines = test::lines_of(outcome.out);
    ASSERT_EQ(lines.size(), 10'001u);
    EXPECT_EQ(lines.back(), "10000");
    EXPECT_TRUE(test::are_error_lines(outcome.err));
    EXPECT_EQ(test::lines_of(outcome.err).size(), 1u) << outcome.err;
    EXPECT_NE(outcome.err.find("query returned more than 10000 rows: printed the first 10000, "
                               "stopped by the row cap"),
              std::string::npos)
        << outcome.err;
    EXPECT_LT(outcome.elapsed, 60s);
    EXPECT_LT(outcome.max_rss_kb, kMemoryBoundKb);
    EXPECT_EQ(test::read_bytes(database), bytes_before);
}

// A parameter's value is data, never SQL: it comes back as the text it is.
TEST(SqlParameters, SqlInAValueIsText) {
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const std::string bytes_before = test::read_bytes(database);
    const auto result = test::run_binary(
        {"--db", database.string(), "sql", "SELECT count(*) AS n FROM roles WHERE name = :name",
         "-p", "name", "x' OR '1'='1'; DROP TABLE roles; --", "--csv"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "n\r\n0\r\n");
    EXPECT_EQ(test::read_bytes(database), bytes_before);
}

} // namespace
} // namespace jobkb
