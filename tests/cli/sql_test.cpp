// `jobkb sql`: read-only by default, defended in depth; every write path is refused and leaves
// the file byte for byte as it was.
#include "cli/app.hpp"
#include "cli/text_width.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace jobkb {
namespace {

class Sql : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);

    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string(), "sql"});
        return test::run_cli(arguments);
    }

    void expect_refused(const std::vector<std::string>& arguments, const std::string& cause) {
        const std::string before = test::read_bytes(path_);
        const auto result = run(arguments);
        EXPECT_EQ(result.exit_code, 1) << arguments.front();
        EXPECT_EQ(result.out, "") << arguments.front();
        EXPECT_NE(result.err.find(cause), std::string::npos) << arguments.front() << "\n"
                                                             << result.err;
        EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
        EXPECT_EQ(test::read_bytes(path_), before) << arguments.front();
    }
};

TEST_F(Sql, ReadsWithBoundParameters) {
    const auto result = run({"SELECT role, amount_minor, currency FROM latest_salaries WHERE "
                             "country = :country AND amount_minor >= :floor ORDER BY role",
                             "-p", "country", "IN", "-p", "floor", "150000000", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto rows = nlohmann::json::parse(result.out);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].at("role"), "Big Data Engineer");
    EXPECT_EQ(rows[0].at("amount_minor"), 160000000); // a number, not text
    EXPECT_EQ(run({"SELECT ?1 + ?2 AS n", "-p", "1", "40", "-p", "2", "2", "--csv"}).out,
              "n\r\n42\r\n");
}

TEST_F(Sql, RefusesEveryWritePath) {
    expect_refused({"DELETE FROM roles"}, "would change the database");
    expect_refused({"WITH doomed AS (SELECT id FROM roles) DELETE FROM roles WHERE id IN "
                    "(SELECT id FROM doomed)"},
                   "would change the database");
    expect_refused({"INSERT INTO roles (slug, name) VALUES ('x', 'X') RETURNING id"},
                   "would change the database");
    expect_refused({"UPDATE roles SET summary = 'x'"}, "would change the database");
    expect_refused({"DROP TABLE roles"}, "would change the database");
    expect_refused({"CREATE TABLE t (x)"}, "would change the database");
    expect_refused({"CREATE TEMP TABLE t (x)"}, "would change the database");
    expect_refused({"ATTACH '" + (dir_ / "other.db").string() + "' AS other"}, "ATTACH");
    expect_refused({"PRAGMA writable_schema = 1"}, "PRAGMA writable_schema");
    expect_refused({"PRAGMA foreign_keys = OFF"}, "PRAGMA foreign_keys");
    expect_refused({"PRAGMA journal_mode = DELETE"}, "PRAGMA journal_mode");
    expect_refused({"SELECT load_extension('/tmp/evil.so')"}, "loading extensions");
    expect_refused({"VACUUM"}, "would change the database");
    expect_refused({"VACUUM INTO '" + (dir_ / "copy.db").string() + "'"},
                   "would change the database");
    expect_refused({"BEGIN"}, "transaction control");
    expect_refused({"SELECT 1; DELETE FROM roles"}, "only one statement");
    expect_refused({"ANALYZE"}, "would change the database");
    EXPECT_FALSE(test::fs::exists(dir_ / "other.db"));
    EXPECT_FALSE(test::fs::exists(dir_ / "copy.db"));
}

TEST_F(Sql, StopsRunawayQueries) {
    expect_refused({"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                    "SELECT count(*) FROM n",
                    "--time-limit", "200"},
                   "stopped after 200 ms");
    expect_refused({"SELECT count(*) FROM salary_observations a, salary_observations b, "
                    "salary_observations c, salary_observations d, salary_observations e, "
                    "salary_observations f",
                    "--time-limit", "200"},
                   "time limit");
    EXPECT_EQ(run({"SELECT 1 UNION ALL SELECT 2", "--max-rows", "2"}).exit_code, 0);
}

// The row cap prints the first N rows, then says on stderr that it stopped there (exit 1).
TEST_F(Sql, MaxRowsPrintsTheFirstRowsAndSaysItStopped) {
    const std::string before = test::read_bytes(path_);
    const std::string endless =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n";
    auto result = run({endless, "--max-rows", "50", "--csv"});
    EXPECT_EQ(result.exit_code, 1);
    const auto lines = test::lines_of(result.out);
    ASSERT_EQ(lines.size(), 51u) << "the header and 50 rows";
    EXPECT_EQ(lines[0], "i\r");
    EXPECT_EQ(lines[1], "1\r");
    EXPECT_EQ(lines[50], "50\r");
    EXPECT_EQ(result.err, "jobkb: query returned more than 50 rows: printed the first 50, "
                          "stopped by the row cap: add a LIMIT, or raise it with --max-rows N\n");
    // Every format, the table too, is complete up to the cap.
    result = run({endless, "--max-rows", "3", "--json"});
    EXPECT_EQ(nlohmann::json::parse(result.out).size(), 3u);
    result = run({endless, "--max-rows", "3"});
    EXPECT_EQ(test::lines_of(result.out).size(), 7u) << result.out; // 3 rows in a box
    // Exactly N rows is not stopped.
    result = run({"SELECT 1 UNION ALL SELECT 2", "--max-rows", "2", "--csv"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    // A second statement is still refused, whatever the first returned.
    expect_refused({"SELECT 1 UNION ALL SELECT 2; SELECT 3", "--max-rows", "1"},
                   "only one statement");
    // With --write the cap still refuses: a write is never stopped half done.
    expect_refused({"--write",
                    "INSERT INTO role_aliases (alias, role_id) SELECT 'x' || id, id "
                    "FROM roles RETURNING alias",
                    "--max-rows", "2"},
                   "more than 2 rows");
    EXPECT_EQ(test::read_bytes(path_), before);
}

// SQLite 3.40 spends 15 s inside one printf call on this (the fuzzer found it): refused at once.
TEST_F(Sql, PrintfCannotOutrunTheTimeLimit) {
    const auto started = std::chrono::steady_clock::now();
    expect_refused({"SELECT length(printf('%.*c', 2147483647, 'x'))", "--time-limit", "200"},
                   "too big");
    expect_refused({"SELECT format('%.6000000c%.6000000c', 'x', 'y')"}, "too big");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
    // Everything else still formats as SQLite's printf does, also in the views that use it.
    EXPECT_EQ(run({"SELECT printf('%5.1f|%-3d|%.3c|%,d|%q|%%', 3.14159, 7, 'x', 1234567, 'it''s'), "
                   "length(printf('%.*c', 100000, 'x')), printf(NULL), printf()",
                   "--csv"})
                  .out,
              "\"printf('%5.1f|%-3d|%.3c|%,d|%q|%%', 3.14159, 7, 'x', 1234567, 'it''s')\","
              "\"length(printf('%.*c', 100000, 'x'))\",printf(NULL),printf()\r\n"
              "\"  3.1|7  |xxx|1,234,567|it''s|%\",100000,,\r\n");
    EXPECT_EQ(run({"SELECT amount FROM latest_salaries WHERE role = 'Machine Learning Engineer' "
                   "AND country = 'IN' AND statistic = 'average' AND period = 'year'",
                   "--csv"})
                  .out,
              "amount\r\n1088060.00\r\n");
}

TEST_F(Sql, ErrorsSayWhereInTheQuery) {
    auto result = run({"SELECT *\nFORM roles"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "jobkb: query:2:1: near \"FORM\": syntax error (at 'FORM roles')\n");
    result = run({"SELECT nme FROM roles"});
    EXPECT_NE(result.err.find("no such column: nme"), std::string::npos) << result.err;
    result = run({"SELECT :missing"});
    EXPECT_NE(result.err.find("-p missing VALUE"), std::string::npos) << result.err;
    result = run({"SELECT 1", "-p", "unused", "1"});
    EXPECT_NE(result.err.find("'unused' is not in the query"), std::string::npos) << result.err;
}

TEST_F(Sql, ReadsTheQueryFromStdin) {
    const auto result = test::run_cli_with_input({"--db", path_.string(), "sql", "-", "--csv"},
                                                 "SELECT count(*) AS roles FROM roles");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "roles\r\n7\r\n");
}

TEST_F(Sql, WriteOptsInAndRunsInOneTransaction) {
    auto result =
        run({"--write", "INSERT INTO role_aliases (alias, role_id) SELECT 'ML Engineer', id FROM "
                        "roles WHERE slug = 'machine-learning-engineer';"
                        "INSERT INTO skill_aliases (alias, skill_id) SELECT 'py', id FROM skills "
                        "WHERE slug = 'python'"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("2 row(s) changed"), std::string::npos) << result.err;
    const auto roles = test::run_cli(
        {"--db", path_.string(), "roles", "--skill", "py", "--skill", "ml engineer", "--csv"});
    EXPECT_EQ(roles.exit_code, 1) << "ml engineer is a role, not a skill: " << roles.out;
    EXPECT_EQ(test::run_cli({"--db", path_.string(), "role", "ML Engineer"}).exit_code, 0);

    // A failure part-way leaves nothing of the batch behind.
    const std::string before = test::content_dump(path_);
    result = run({"--write", "DELETE FROM role_aliases; INSERT INTO roles (id) VALUES (NULL)"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(test::content_dump(path_), before);
    // Even with --write: no ATTACH, no pragma changes.
    expect_refused({"--write", "ATTACH '" + (dir_ / "x.db").string() + "' AS x"}, "ATTACH");
    expect_refused({"--write", "PRAGMA foreign_keys = OFF"}, "PRAGMA foreign_keys");
}

TEST_F(Sql, RefusesTheSubtlerEscapes) {
    expect_refused({"SELECT fts3_tokenizer('simple')"}, "fts3_tokenizer is not allowed");
    expect_refused({"--write", "SELECT fts3_tokenizer('simple', x'4141414141414141')"},
                   "fts3_tokenizer is not allowed");
    expect_refused({"--write", "CREATE VIRTUAL TABLE temp.t USING fts3(x)"}, "virtual tables");
    expect_refused({"PRAGMA optimize"}, "PRAGMA optimize");
    expect_refused({"CREATE TEMP TRIGGER t AFTER INSERT ON roles BEGIN SELECT 1; END"},
                   "would change the database");
    expect_refused({"SELECT length(zeroblob(300000000))"}, "too big");
    expect_refused({std::string("SELECT 1;\0 DELETE FROM roles", 28)}, "NUL byte");
    expect_refused({std::string("SELECT 1;\0 DELETE FROM roles", 28), "--write"}, "NUL byte");
    expect_refused({"SELECT :x", "-p", "x", "1", "-p", "x", "2"}, "given twice");
    EXPECT_EQ(run({"SELECT 1;\f\v"}).exit_code, 0);
}

TEST_F(Sql, TableValuedFunctionsAndDuplicateNamesWork) {
    auto result =
        run({"SELECT name FROM pragma_table_info('roles') ORDER BY cid LIMIT 2", "--csv"});
    EXPECT_EQ(result.out, "name\r\nid\r\nslug\r\n") << result.err;
    result = run({"SELECT value FROM json_each('[1,2]')", "--csv"});
    EXPECT_EQ(result.out, "value\r\n1\r\n2\r\n") << result.err;
    result = run({"SELECT 1 AS a, 2 AS a, :z AS z", "-p", "z", "007", "--json"});
    const auto rows = nlohmann::json::parse(result.out);
    EXPECT_EQ(rows[0].at("a"), 1);
    EXPECT_EQ(rows[0].at("a_2"), 2);
    EXPECT_EQ(rows[0].at("z"), "007") << "leading zeros keep a value text";
}

TEST_F(Sql, ControlCharactersCannotBreakATableOrDriveTheTerminal) {
    const auto result = run({"SELECT 'one' || char(10) || 'two' AS a, char(27) || '[31mred' AS b, "
                             "'x' || char(9) || 'y' AS c"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.find('\033'), std::string::npos);
    EXPECT_NE(result.out.find("␛[31mred"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("x␉y"), std::string::npos) << result.out;
    const auto lines = test::lines_of(result.out);
    for (const auto& line : lines) {
        EXPECT_EQ(cli::display_width(line), cli::display_width(lines.front())) << line;
    }
    EXPECT_EQ(lines.size(), 6u) << "the cell with a line break takes two lines";
}

TEST_F(Sql, ChangeCountsLeaveOutWhatTriggersDid) {
    const auto result =
        run({"--write", "INSERT INTO salary_observations (role_id, country_code, currency_code, "
                        "amount_minor, as_of, source_id) VALUES (1, 'IN', 'INR', 100, '2026', 1)"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("1 row(s) changed"), std::string::npos) << result.err;
}

TEST_F(Sql, ReportingPragmasAreAllowed) {
    auto result = run({"PRAGMA table_info(roles)", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(nlohmann::json::parse(result.out)[1].at("name"), "slug");
    result = run({"PRAGMA user_version"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
}

} // namespace
} // namespace jobkb
