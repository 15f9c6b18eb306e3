// `jobkb import onet`, `jobkb import roles` and what `jobkb role` and `jobkb roles --skill` show
// after them: the real binary from a fresh base (the "done when"), and the CLI in process
// for the import's messages, its repeat detection and undo.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace jobkb {
namespace {

using Json = nlohmann::json;

const test::fs::path kSubset = test::source_dir() / "tests" / "data" / "onet" / "29.2-subset";
const std::string kAttribution =
    "This page includes information from the O*NET 29.2 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® "
    "is a trademark of USDOL/ETA.";

class OnetCli : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = dir_ / "fresh.db";
    const test::Variables today_{{"JOBKB_TODAY", "2026-11-23"}};

    test::CommandResult binary(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_binary(arguments, today_);
    }

    test::CommandResult cli(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_cli(arguments, today_);
    }

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }

    void load_release() {
        ASSERT_EQ(binary({"init"}).exit_code, 0);
        const auto loaded = binary({"import", "onet", kSubset.string()});
        ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
        ASSERT_NE(loaded.err.find("97 occupation(s), 96 new role(s)"), std::string::npos)
            << loaded.err;
    }
};

TEST_F(OnetCli, FromAFreshBaseOneCommandLoadsTheReleaseAndTheRolesAnswer) {
    load_release();

    // Technology skills count as skills; --key-only leaves them out.
    const auto spark = binary({"roles", "--skill", "Apache Spark", "--csv"});
    ASSERT_EQ(spark.exit_code, 0) << spark.err;
    EXPECT_NE(spark.out.find("\nData Scientist,data-scientist,"), std::string::npos) << spark.out;
    EXPECT_NE(spark.out.find("\nDatabase Architects,"), std::string::npos) << spark.out;
    const auto key_only = binary({"roles", "--skill", "Apache Spark", "--key-only", "--csv"});
    ASSERT_EQ(key_only.exit_code, 0) << key_only.err;
    EXPECT_EQ(key_only.out.find("\nData Scientist,"), std::string::npos) << key_only.out;
    EXPECT_NE(key_only.out.find("\nBig Data Engineer,"), std::string::npos) << key_only.out;

    // One role: the article's figures next to O*NET's content, the source and its licence.
    const auto role = binary({"role", "Data Scientist"});
    ASSERT_EQ(role.exit_code, 0) << role.err;
    for (const std::string& expected : std::vector<std::string>{
             "Occupation: O*NET-SOC 2019 15-2051.00 Data Scientists",
             "Description (O*NET 29.2 Database)", "Develop and implement a set of techniques",
             "Tasks (O*NET 29.2 Database)", "Technology skills (O*NET 29.2 Database)",
             "Python (Hot Technology, In Demand)", "Key skills", "Titles (",
             "version 29.2; licence CC BY 4.0", "₹", kAttribution}) {
        EXPECT_NE(role.out.find(expected), std::string::npos) << expected << "\n" << role.out;
    }
    EXPECT_EQ(test::query(path_, "SELECT count(*) FROM roles WHERE name = 'Data Scientists'"),
              (std::vector<std::vector<std::string>>{{"0"}}))
        << "O*NET's occupation enriched the article's role instead of adding one beside it";

    // A role by its occupation code, and everything in JSON.
    const auto by_code = binary({"role", "15-1221.00", "--json"});
    ASSERT_EQ(by_code.exit_code, 0) << by_code.err;
    const Json json = Json::parse(by_code.out);
    EXPECT_EQ(json.at("role"), "Computer and Information Research Scientists");
    EXPECT_EQ(json.at("codes").at(0).at("code"), "15-1221.00");
    EXPECT_EQ(json.at("codes").at(0).at("relation"), "is");
    EXPECT_GT(json.at("titles").size(), 20U) << "JSON has every title";
    EXPECT_FALSE(json.at("tasks").empty());
    EXPECT_FALSE(json.at("technology_skills").empty());
    EXPECT_NE(by_code.out.find("CC BY 4.0"), std::string::npos);
}

TEST_F(OnetCli, TheSameReleaseAgainChangesNothingAndUndoLeavesTheSeededBase) {
    ASSERT_EQ(binary({"init"}).exit_code, 0);
    ASSERT_EQ(binary({"import", "onet", kSubset.string()}).exit_code, 0);
    const std::string loaded = test::content_dump(path_);
    const auto again = cli({"import", "onet", kSubset.string()});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("already imported"), std::string::npos) << again.err;
    EXPECT_EQ(test::content_dump(path_), loaded);

    const auto undone = cli({"imports", "undo", "1"});
    ASSERT_EQ(undone.exit_code, 0) << undone.err;
    const auto role = cli({"role", "Data Scientist"});
    ASSERT_EQ(role.exit_code, 0) << role.err;
    EXPECT_EQ(role.out.find("O*NET 29.2"), std::string::npos) << role.out;
    EXPECT_EQ(test::query(path_, "SELECT count(*) FROM roles"),
              (std::vector<std::vector<std::string>>{{"7"}}));
}

TEST_F(OnetCli, ARoleWithinAnOccupationShowsTheBroaderOnesFiguresLabelledAsTheirs) {
    load_release();
    // The occupation's own role, by name (codes in a salary file are the name resolver's).
    const auto salaries = file("broader.csv", "role,country,currency,amount,as_of\n"
                                              "Computer and Information Research Scientists,US,"
                                              "USD,140000,2025-05\n");
    ASSERT_EQ(cli({"import", "salaries", salaries.string(), "--quiet"}).exit_code, 0);
    const auto nlp = cli({"role", "NLP Engineer"});
    ASSERT_EQ(nlp.exit_code, 0) << nlp.err;
    EXPECT_NE(nlp.out.find("Broader occupation: within O*NET-SOC 2019 15-1221.00 Computer and "
                           "Information Research Scientists"),
              std::string::npos)
        << nlp.out;
    EXPECT_NE(nlp.out.find("Latest salaries of Computer and Information Research Scientists, the "
                           "broader occupation 15-1221.00 (its figures, not this role's)"),
              std::string::npos)
        << nlp.out;
    EXPECT_NE(nlp.out.find("$140,000"), std::string::npos) << nlp.out;
}

TEST_F(OnetCli, ImportRolesDryRunThenImportThenRepeatThenUndo) {
    ASSERT_EQ(binary({"init"}).exit_code, 0);
    const std::string before = test::content_dump(path_);
    const auto roles =
        file("roles.csv", "role,summary,codes,aliases,key_skills\n"
                          "Prompt Engineer,Designs prompts.,within:15-1221.00,"
                          "Prompt Designer;LLM Prompt Engineer,Python;Prompt Design\n"
                          "Data Scientist,,15-2051.00,,Polars\n");
    const auto dry = cli({"import", "roles", roles.string(), "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("Prompt Engineer"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("new role"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("updated"), std::string::npos) << dry.out;
    EXPECT_NE(dry.err.find("dry run, nothing written"), std::string::npos) << dry.err;
    EXPECT_EQ(test::content_dump(path_), before);

    const auto done = binary({"import", "roles", roles.string()});
    ASSERT_EQ(done.exit_code, 0) << done.err;
    EXPECT_NE(done.err.find("1 new role(s), 1 updated"), std::string::npos) << done.err;
    const auto shown = cli({"role", "Prompt Designer"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find("within O*NET-SOC 2019 15-1221.00"), std::string::npos) << shown.out;

    const std::string imported = test::content_dump(path_);
    const auto again = cli({"import", "roles", roles.string()});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_NE(again.err.find("already imported with these settings as batch 1"), std::string::npos)
        << again.err;
    // The same bytes under another name are the same import.
    const auto copy = file("copy.csv", test::read_bytes(roles));
    const auto same = cli({"import", "roles", copy.string()});
    EXPECT_EQ(same.exit_code, 0);
    EXPECT_NE(same.err.find("already imported with these settings as batch 1"), std::string::npos)
        << same.err;
    // Other bytes whose content the base holds already change nothing either.
    const auto reordered = file("reordered.csv", test::read_bytes(roles) + "\n");
    const auto unchanged = cli({"import", "roles", reordered.string()});
    EXPECT_EQ(unchanged.exit_code, 0);
    EXPECT_NE(unchanged.err.find("nothing to change"), std::string::npos) << unchanged.err;
    EXPECT_EQ(test::content_dump(path_), imported);

    ASSERT_EQ(cli({"imports", "undo", "1"}).exit_code, 0);
    EXPECT_EQ(cli({"role", "Prompt Engineer"}).exit_code, 1);
    const auto ds = cli({"role", "Data Scientist", "--json"});
    EXPECT_EQ(ds.out.find("Polars"), std::string::npos) << "undo took back the added skill";
}

TEST_F(OnetCli, ABadRolesFileIsRefusedLineByLineAndChangesNothing) {
    ASSERT_EQ(binary({"init"}).exit_code, 0);
    const std::string before = test::content_dump(path_);
    const auto bad = file("bad.csv", "role,codes\nX Role,15-2051\nY Role,15-20\n");
    const auto refused = binary({"import", "roles", bad.string()});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("bad.csv:3: codes: '15-20' is not an occupation code"),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("nothing imported"), std::string::npos) << refused.err;
    EXPECT_EQ(test::content_dump(path_), before);
}

} // namespace
} // namespace jobkb
