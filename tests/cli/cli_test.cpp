#include "cli/text_width.hpp"
#include "jobkb/database.hpp"
#include "jobkb/migrator.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

namespace jobkb {
namespace {

using test::lines_of;

using test::run_cli;
using test::TempDir;

class SeededCli : public ::testing::Test {
protected:
    TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return run_cli(arguments);
    }
};

TEST_F(SeededCli, RolesShowsEveryRoleWithTheArticlesFigures) {
    const auto result = run({"roles"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    for (const char* expected : {"Machine Learning Engineer",
                                 "Data Scientist",
                                 "AI/ML Research Scientist",
                                 "NLP Engineer",
                                 "Computer Vision Engineer",
                                 "MLOps Engineer",
                                 "Big Data Engineer",
                                 "₹10,88,060",
                                 "$161,321",
                                 "₹10,00,000",
                                 "$117,212",
                                 "₹4,68,000",
                                 "$127,564",
                                 "₹8,50,000",
                                 "$150,000",
                                 "₹6,50,000",
                                 "$130,000",
                                 "₹13,30,539",
                                 "$110,190",
                                 "₹16,00,000",
                                 "$148,216",
                                 "£62,126",
                                 "IN avg/yr",
                                 "US avg/yr"}) {
        EXPECT_NE(result.out.find(expected), std::string::npos) << expected << "\n" << result.out;
    }
    // The FAQ's figures are history, not headlines.
    EXPECT_EQ(result.out.find("$161,174"), std::string::npos);
    EXPECT_EQ(result.out.find("₹10,75,000"), std::string::npos);
}

// Only the named command's group is registered: the word after --db is its value, not a command,
// and a global option after the command still works.
TEST(Cli, TheCommandIsFoundPastGlobalOptions) {
    TempDir dir;
    const auto base = test::make_seeded_database(dir);
    const auto named_like_a_command = dir.path() / "check";
    test::fs::copy_file(base, named_like_a_command);
    const auto roles = run_cli({"--db", named_like_a_command.string(), "roles", "--csv"});
    EXPECT_EQ(roles.exit_code, 0) << roles.err;
    EXPECT_NE(roles.out.find("MLOps Engineer"), std::string::npos) << roles.out;
    const auto after = run_cli({"role", "MLOps Engineer", "--db", base.string()});
    EXPECT_EQ(after.exit_code, 0) << after.err;
    const auto unknown = run_cli({"--db", base.string(), "rol"});
    EXPECT_EQ(unknown.exit_code, 2);
}

TEST_F(SeededCli, RolesTableLinesAllHaveTheSameDisplayWidth) {
    const auto lines = lines_of(run({"roles"}).out);
    ASSERT_GT(lines.size(), 10u);
    for (const auto& line : lines) {
        EXPECT_EQ(cli::display_width(line), cli::display_width(lines.front())) << line;
    }
}

TEST_F(SeededCli, MigrateStatusListsAppliedMigrations) {
    const auto result = run({"migrate", "status"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("0001_initial"), std::string::npos);
    EXPECT_NE(result.out.find("applied 20"), std::string::npos);
    EXPECT_EQ(result.out.find("pending"), std::string::npos);
}

TEST_F(SeededCli, MigrateOnACurrentBaseAppliesNothing) {
    const std::string before = test::read_bytes(path_);
    const auto result = run({"migrate"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("0 migration(s) applied"), std::string::npos) << result.err;
    EXPECT_EQ(test::read_bytes(path_), before);
}

TEST_F(SeededCli, CheckPassesOnAHealthyBase) {
    const auto result = run({"check"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(result.out, "ok\n");
}

TEST_F(SeededCli, CheckFindsAStaleLatestSalary) {
    {
        Database database(path_, Access::kReadWrite);
        database.execute("damaging", "DELETE FROM salary_latest WHERE country_code = 'GB'");
    }
    const auto result = run({"check"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("latest salaries: Machine Learning Engineer / GB"), std::string::npos)
        << result.out;
    EXPECT_NE(result.err.find("check found 1 problem(s)"), std::string::npos) << result.err;
}

TEST_F(SeededCli, CheckFindsAChangedMigration) {
    {
        Database database(path_, Access::kReadWrite);
        database.execute("tampering",
                         "UPDATE schema_migrations SET checksum = replace(checksum, substr("
                         "checksum, 1, 1), CASE substr(checksum, 1, 1) WHEN 'a' THEN 'b' "
                         "ELSE 'a' END) WHERE version = 1");
    }
    const auto result = run({"check"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("migrations: 0001_initial was changed"), std::string::npos)
        << result.out;
    const auto status = run({"migrate", "status"});
    EXPECT_NE(status.out.find("CHANGED"), std::string::npos) << status.out;
}

TEST(Cli, DefaultDatabaseIsCreatedAndSeededOnFirstUse) {
    TempDir home;
    const auto result = run_cli({"roles"}, {{"HOME", home.path().string()}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto expected = home / ".local/share/jobkb/jobkb.db";
    EXPECT_TRUE(test::fs::exists(expected));
    EXPECT_NE(result.err.find("created and seeded " + expected.string()), std::string::npos);
    EXPECT_NE(result.out.find("₹10,88,060"), std::string::npos);
    const auto again = run_cli({"roles"}, {{"HOME", home.path().string()}});
    EXPECT_EQ(again.err, "") << "the second run must not create anything";
    EXPECT_EQ(again.out, result.out);
}

TEST(Cli, XdgDataHomeAndJobkbDbChooseTheFile) {
    TempDir home;
    TempDir data;
    auto result = run_cli(
        {"roles"}, {{"HOME", home.path().string()}, {"XDG_DATA_HOME", data.path().string()}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(test::fs::exists(data / "jobkb/jobkb.db"));
    EXPECT_FALSE(test::fs::exists(home / ".local"));

    // $JOBKB_DB names a file, which must exist like --db.
    result = run_cli({"roles"},
                     {{"HOME", home.path().string()}, {"JOBKB_DB", (home / "named.db").string()}});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find((home / "named.db").string() + ": no such file"), std::string::npos)
        << result.err;
    EXPECT_FALSE(test::fs::exists(home / "named.db"));
}

TEST(Cli, ANamedDatabaseMustExistExceptForInit) {
    TempDir dir;
    const auto path = dir / "team.db";
    auto result = run_cli({"--db", path.string(), "roles"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err,
              "jobkb: " + path.string() + ": no such file: create it with 'jobkb init'\n");
    EXPECT_FALSE(test::fs::exists(path));

    result = run_cli({"--db", path.string(), "init"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("created " + path.string()), std::string::npos) << result.err;
    result = run_cli({"--db", path.string(), "init"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("reference data already loaded; article data already loaded"),
              std::string::npos)
        << result.err;
}

TEST(Cli, GlobalOptionsMayFollowTheCommand) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const auto result = run_cli({"roles", "--db", path.string(), "--skill", "docker", "--csv"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("MLOps Engineer"), std::string::npos);
}

TEST(Cli, ConcurrentFirstUseCreatesOneSeededBase) {
    TempDir dir;
    const auto path = dir / "race.db";
    std::vector<std::thread> racers;
    std::vector<test::CommandResult> results(4);
    for (std::size_t i = 0; i < results.size(); ++i) {
        racers.emplace_back([&, i] {
            results[i] = test::run_binary({"--db", path.string(), "init"});
        });
    }
    for (auto& racer : racers) {
        racer.join();
    }
    for (const auto& result : results) {
        EXPECT_EQ(result.exit_code, 0) << result.err;
    }
    EXPECT_EQ(test::query(path, "SELECT count(*) FROM salary_observations")[0][0], "17");
    EXPECT_EQ(test::run_cli({"--db", path.string(), "check"}).out, "ok\n");
}

TEST(Cli, InitNoSeedMakesABaseWithoutTheArticle) {
    TempDir dir;
    const auto path = dir / "bare.db";
    const auto result = run_cli({"--db", path.string(), "init", "--no-seed"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(test::query(path, "SELECT count(*) FROM roles")[0][0], "0");
    EXPECT_NE(test::query(path, "SELECT count(*) FROM countries")[0][0], "0");
}

TEST(Cli, UsageErrorsExitWithTwo) {
    for (const auto& arguments : std::vector<std::vector<std::string>>{
             {}, {"frobnicate"}, {"roles", "--no-such-flag"}, {"--db"}}) {
        const auto result = run_cli(arguments);
        EXPECT_EQ(result.exit_code, 2) << testing::PrintToString(arguments);
        EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
        EXPECT_EQ(result.err.rfind("jobkb: ", 0), 0u) << result.err;
    }
}

TEST(Cli, HelpDocumentsExitCodesAndExamples) {
    const auto help = run_cli({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Exit codes: 0 success, 1 error"), std::string::npos);
    for (const char* command :
         {"init",    "migrate", "roles",   "role",   "skills", "industries", "salaries",
          "compare", "gap",     "related", "search", "sql",    "import",     "imports",
          "export",  "alias",   "title",   "merges", "check",  "serve",      "completion"}) {
        EXPECT_NE(help.out.find(command), std::string::npos) << command;
        const auto command_help = run_cli({command, "--help"});
        EXPECT_EQ(command_help.exit_code, 0) << command;
        EXPECT_NE(command_help.out.find("Example"), std::string::npos) << command_help.out;
    }
    const auto result = run_cli({"--version"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out.rfind("jobkb ", 0), 0u);
}

} // namespace
} // namespace jobkb
