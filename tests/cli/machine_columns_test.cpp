// CSV, TSV, JSON and NDJSON are for programs: their columns never depend on the data found (a
// base without a GB figure, without the article, without reports, roles without salaries).
#include "support/fixtures.hpp"
#include "support/rate_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace jobkb {
namespace {

using Json = nlohmann::ordered_json;

class MachineColumns : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        seeded_ = new test::fs::path(test::make_seeded_database(*dir_));
        bare_ = new test::fs::path(*dir_ / "bare.db");
        EXPECT_EQ(test::run_cli({"--db", bare_->string(), "init", "--no-seed"}).exit_code, 0);
        // The seeded base plus individual reports, an import batch, an alias and two roles
        // without skills or salaries.
        rich_ = new test::fs::path(*dir_ / "rich.db");
        test::fs::copy_file(*seeded_, *rich_);
        const auto imported =
            test::run_cli(test::survey_import_arguments(*rich_), {{"JOBKB_TODAY", "2026-06-01"}});
        EXPECT_EQ(imported.exit_code, 0) << imported.err;
        for (const auto& sql :
             {"INSERT INTO roles (slug, name) VALUES ('role-a', 'Role A'), ('role-b', 'Role B')",
              "INSERT INTO role_aliases (alias, role_id) SELECT 'Machine Learning Eng', id FROM "
              "roles "
              "WHERE slug = 'machine-learning-engineer'",
              "INSERT INTO role_titles (title, role_id, kind) SELECT 'ML Eng', id, 'user' FROM "
              "roles WHERE slug = 'machine-learning-engineer'"}) {
            const auto result = test::run_cli({"--db", rich_->string(), "sql", "--write", sql});
            EXPECT_EQ(result.exit_code, 0) << result.err;
        }
        test::load_test_rates(*rich_); // the seeded and bare bases have no rates
        // And a merge of two roles the import created.
        const auto merged = test::run_cli(
            {"--db", rich_->string(), "role", "merge", "ETL Developer", "Data Engineer"});
        EXPECT_EQ(merged.exit_code, 0) << merged.err;
    }
    static void TearDownTestSuite() {
        delete seeded_;
        delete bare_;
        delete rich_;
        delete dir_;
    }

    static std::string run(const test::fs::path& base, std::vector<std::string> arguments,
                           const std::string& format) {
        arguments.insert(arguments.begin(), {"--db", base.string()});
        arguments.insert(arguments.end(), {"--format", format});
        const auto result = test::run_cli(arguments);
        EXPECT_EQ(result.exit_code, 0) << testing::PrintToString(arguments) << result.err;
        return result.out;
    }

    static std::string header(const test::fs::path& base, const std::vector<std::string>& arguments,
                              const std::string& format) {
        const std::string out = run(base, arguments, format);
        return out.substr(0, out.find('\n'));
    }

    // The key lists of every object in a JSON array (or NDJSON lines).
    static std::set<std::vector<std::string>> keys(const test::fs::path& base,
                                                   const std::vector<std::string>& arguments,
                                                   const std::string& format) {
        std::set<std::vector<std::string>> found;
        const std::string out = run(base, arguments, format);
        auto add = [&](const Json& object) {
            std::vector<std::string> names;
            for (const auto& [key, value] : object.items()) {
                names.push_back(key);
            }
            found.insert(names);
        };
        if (format == "json") {
            for (const auto& object : Json::parse(out)) {
                add(object);
            }
        } else {
            for (const auto& line : test::lines_of(out)) {
                add(Json::parse(line));
            }
        }
        return found;
    }

    // Each call (base, arguments) gives the same CSV and TSV header and the same JSON and NDJSON
    // keys in every object; at least one of them has rows.
    static void expect_same_columns(
        const std::vector<std::pair<test::fs::path, std::vector<std::string>>>& calls) {
        const auto& [first_base, first_arguments] = calls.front();
        std::set<std::vector<std::string>> all_keys;
        for (const auto& [base, arguments] : calls) {
            const std::string shown =
                base.filename().string() + " " + testing::PrintToString(arguments);
            EXPECT_EQ(header(base, arguments, "csv"), header(first_base, first_arguments, "csv"))
                << shown;
            EXPECT_EQ(header(base, arguments, "tsv"), header(first_base, first_arguments, "tsv"))
                << shown;
            const auto json = keys(base, arguments, "json");
            EXPECT_EQ(json, keys(base, arguments, "nl")) << shown;
            all_keys.insert(json.begin(), json.end());
        }
        EXPECT_EQ(all_keys.size(), 1u) << testing::PrintToString(first_arguments);
    }

    static test::TempDir* dir_;
    static test::fs::path* seeded_;
    static test::fs::path* bare_;
    static test::fs::path* rich_;
};

test::TempDir* MachineColumns::dir_ = nullptr;
test::fs::path* MachineColumns::seeded_ = nullptr;
test::fs::path* MachineColumns::bare_ = nullptr;
test::fs::path* MachineColumns::rich_ = nullptr;

TEST_F(MachineColumns, RolesWhateverTheCountriesWithFigures) {
    // All roles have IN and US figures, one has GB; docker's only role has no GB figure; the
    // bare base has no role at all; Role A has no figure.
    expect_same_columns({{*seeded_, {"roles"}},
                         {*seeded_, {"roles", "--skill", "docker"}},
                         {*rich_, {"roles"}},
                         {*bare_, {"roles"}}});
    EXPECT_EQ(header(*seeded_, {"roles"}, "csv"),
              "role,slug,key_skills,industries,headline_salaries\r");
    expect_same_columns({{*seeded_, {"roles", "--country", "GB"}},
                         {*seeded_, {"roles", "--country", "IN"}},
                         {*seeded_, {"roles", "--country", "FR"}},
                         {*bare_, {"roles", "--country", "GB"}}});
    EXPECT_EQ(header(*seeded_, {"roles", "--country", "GB"}, "csv"),
              "role,slug,key_skills,industries,country,avg_yearly,avg_yearly_currency,"
              "avg_yearly_qualifier\r");
}

TEST_F(MachineColumns, SalariesAndReportsWithAndWithoutFigures) {
    expect_same_columns({{*seeded_, {"salaries"}}, {*bare_, {"salaries"}}});
    // The seeded base has no reports; the rich one has, some without a published average.
    expect_same_columns({{*rich_, {"salaries", "--reports"}},
                         {*seeded_, {"salaries", "--reports"}},
                         {*rich_, {"salaries", "--reports", "--country", "US"}}});
    EXPECT_NE(header(*seeded_, {"salaries", "--reports"}, "csv").find("published_average_currency"),
              std::string::npos);
}

TEST_F(MachineColumns, SkillsIndustriesRelatedGapImportsAliasesTitlesMerges) {
    expect_same_columns({{*seeded_, {"skills"}}, {*bare_, {"skills"}}});
    expect_same_columns({{*seeded_, {"skills", "--role", "NLP Engineer"}},
                         {*rich_, {"skills", "--role", "Role A"}}});
    expect_same_columns({{*seeded_, {"industries"}}, {*bare_, {"industries"}}});
    expect_same_columns(
        {{*seeded_, {"related", "MLOps Engineer"}}, {*rich_, {"related", "Role A"}}});
    expect_same_columns({{*seeded_, {"gap", "Data Scientist", "NLP Engineer"}},
                         {*rich_, {"gap", "Role A", "Role B"}}});
    expect_same_columns({{*rich_, {"imports"}}, {*seeded_, {"imports"}}});
    expect_same_columns({{*rich_, {"alias", "list"}}, {*bare_, {"alias", "list"}}});
    expect_same_columns({{*seeded_, {"search", "chatbot"}}, {*bare_, {"search", "chatbot"}}});
    EXPECT_EQ(header(*seeded_, {"search", "chatbot"}, "csv"), "kind,name,field,snippet,score\r");
    expect_same_columns({{*rich_, {"title", "list"}}, {*bare_, {"title", "list"}}});
    expect_same_columns({{*rich_, {"merges"}}, {*bare_, {"merges"}}});
}

// --in and --ppp add the same columns whether or not a figure has a rate, or there is a figure.
TEST_F(MachineColumns, ConvertedFiguresWithAndWithoutRates) {
    for (const auto& unit : std::vector<std::vector<std::string>>{
             {"--in", "USD", "--rate-on", "2025-05-09"}, {"--ppp"}}) {
        const auto with = [&unit](std::vector<std::string> arguments) {
            arguments.insert(arguments.end(), unit.begin(), unit.end());
            return arguments;
        };
        expect_same_columns({{*rich_, with({"salaries"})},
                             {*seeded_, with({"salaries"})},
                             {*bare_, with({"salaries"})},
                             {*rich_, with({"salaries", "--history", "--country", "GB"})}});
        expect_same_columns({{*rich_, with({"salaries", "--reports"})},
                             {*seeded_, with({"salaries", "--reports"})}});
        expect_same_columns({{*rich_, with({"roles", "--country", "IN"})},
                             {*seeded_, with({"roles", "--country", "IN"})},
                             {*bare_, with({"roles", "--country", "FR"})}});
        expect_same_columns({{*rich_, with({"roles"})}, {*seeded_, with({"roles"})}});
        expect_same_columns({{*rich_, with({"compare", "Data Scientist", "NLP Engineer"})},
                             {*seeded_, with({"compare", "Data Scientist", "NLP Engineer"})}});
    }
    EXPECT_NE(header(*seeded_, {"salaries", "--in", "EUR"}, "csv")
                  .find(",amount_in,amount_in_currency,rate,rate_date,rate_source,"
                        "conversion_note,"),
              std::string::npos);
}

// compare has one column per role asked (that is the question); each is a money column, so a
// comparison without salary rows has the same shape as one with them.
TEST_F(MachineColumns, CompareHasAColumnPerRoleAskedWhateverTheirFigures) {
    EXPECT_EQ(header(*rich_, {"compare", "Role A", "Role B"}, "csv"),
              "aspect,item,Role A,Role A_currency,Role A_qualifier,Role B,Role B_currency,Role "
              "B_qualifier,shared_by\r");
    EXPECT_EQ(header(*seeded_, {"compare", "Data Scientist", "NLP Engineer"}, "csv"),
              "aspect,item,Data Scientist,Data Scientist_currency,Data Scientist_qualifier,NLP "
              "Engineer,NLP Engineer_currency,NLP Engineer_qualifier,shared_by\r");
}

} // namespace
} // namespace jobkb
