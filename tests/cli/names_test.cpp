// Names through the CLI: titles, role rename/merge/delete and merges, roles found by code and
// title, and what a salary import says about the names it does not know (once per name) and
// does with a title mapping (--roles-from).
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace jobkb {
namespace {

class Names : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    const test::Variables today_{{"JOBKB_TODAY", "2026-11-23"}};

    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_cli(arguments, today_);
    }

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }

    std::string scalar(const std::string& sql) { return test::query(path_, sql).at(0).at(0); }

    // A refusal: exit 1, one line on stderr with this text, nothing on stdout, the base as it was.
    void expect_refused(const std::vector<std::string>& arguments, const std::string& text) {
        const std::string before = test::content_dump(path_);
        const auto result = run(arguments);
        EXPECT_EQ(result.exit_code, 1) << result.err;
        EXPECT_EQ(result.out, "");
        EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
        EXPECT_NE(result.err.find(text), std::string::npos) << result.err;
        EXPECT_EQ(test::content_dump(path_), before);
    }

    test::CommandResult import_survey(std::vector<std::string> options) {
        std::vector<std::string> arguments = {
            "import",
            "salaries",
            (test::source_dir() / "tests" / "data" / "ds_salaries_2022.csv").string(),
            "--map",
            "role=job_title",
            "--map",
            "country=employee_residence",
            "--map",
            "currency=salary_currency",
            "--map",
            "amount=salary",
            "--map",
            "as_of=work_year",
            "--set",
            "statistic=point",
            "--ignore-unknown"};
        arguments.insert(arguments.end(), options.begin(), options.end());
        return run(arguments);
    }
};

TEST_F(Names, TitlesAreTaughtListedAndForgotten) {
    auto result = run({"title", "add", "Machine Learning Engineer", "ML Engineer"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "jobkb: 'ML Engineer' is now a title of Machine Learning Engineer\n");
    EXPECT_NE(run({"role", "ml engineer"}).out.find("Machine Learning Engineer"),
              std::string::npos);
    result = run({"title", "add", "mlops-engineer", "ML Engineer"});
    EXPECT_NE(result.err.find("it is a title of 1 other role(s) too (Machine Learning Engineer): "
                              "looking a role up by it lists them all"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(run({"title", "list", "--csv"}).out,
              "title,role,kind,source\r\nML Engineer,Machine Learning Engineer,user,\r\n"
              "ML Engineer,MLOps Engineer,user,\r\n");
    expect_refused({"role", "ML Engineer"},
                   "jobkb: ambiguous role 'ML Engineer': it names 2 roles: Machine Learning "
                   "Engineer, MLOps Engineer");
    ASSERT_EQ(run({"title", "remove", "MLOps Engineer", "ml engineer"}).exit_code, 0);
    expect_refused({"title", "remove", "MLOps Engineer", "ML Engineer"},
                   "jobkb: 'ML Engineer' is no title of MLOps Engineer: see 'jobkb title list'");
    expect_refused({"title", "add", "Data Scientist", "NLP Engineer"},
                   "title 'NLP Engineer' is the name of another role, NLP Engineer");
    expect_refused({"title", "add", "Data Scientist", "a\nb"}, "title: holds a line break");
    expect_refused({"title", "add", "Data Scientst", "Quant"},
                   "jobkb: unknown role 'Data Scientst': did you mean Data Scientist?");
    EXPECT_EQ(run({"title", "list", "Data Scientist"}).out.find("ML Engineer"), std::string::npos);
}

TEST_F(Names, ARoleIsFoundByItsOccupationCode) {
    // The seed makes Data Scientist O*NET-SOC 15-2051.00 (seed/article/role_codes.tsv).
    for (const char* code : {"15-2051.00", "15-2051"}) {
        const auto result = run({"role", code});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        EXPECT_EQ(result.out.rfind("Data Scientist\n", 0), 0u) << result.out;
    }
    EXPECT_EQ(run({"salaries", "--role", "15-2051", "--csv"}).exit_code, 0);
    EXPECT_EQ(run({"gap", "15-2051.00", "NLP Engineer"}).exit_code, 0);
    EXPECT_EQ(run({"compare", "15-2051.00", "NLP Engineer"}).exit_code, 0);
    EXPECT_EQ(run({"related", "15-2051.00"}).exit_code, 0);
}

TEST_F(Names, RenameMergeUndoAndDelete) {
    const std::string seeded = test::content_dump(path_);
    auto result = run({"role", "rename", "Big Data Engineer", "Data Engineer"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "jobkb: 'Big Data Engineer' is now named 'Data Engineer' (slug "
                          "big-data-engineer; 'Big Data Engineer' stays as an alias)\n");
    ASSERT_EQ(run({"role", "rename", "data engineer", "Big Data Engineer", "--no-alias"}).exit_code,
              0);
    EXPECT_EQ(test::content_dump(path_), seeded) << "renamed back, no alias left";

    expect_refused({"role", "rename", "MLOps Engineer", "NLP Engineer"},
                   "jobkb: 'NLP Engineer' is the name of another role, NLP Engineer: to make them "
                   "one role, merge them with jobkb role merge 'NLP Engineer' 'MLOps Engineer', or "
                   "rename it first with jobkb role rename 'NLP Engineer' NEW");
    expect_refused({"alias", "add", "MLOps Engineer", "NLP Engineer"},
                   "jobkb: alias 'NLP Engineer' is the name of another role, NLP Engineer: to make "
                   "them one role, merge them with jobkb role merge 'NLP Engineer' 'MLOps "
                   "Engineer'");
    expect_refused({"role", "delete", "MLOps Engineer"},
                   "jobkb: MLOps Engineer has 2 salary observation(s), which deleting it would "
                   "lose: merge it into another role instead with jobkb role merge 'MLOps "
                   "Engineer' ROLE");
    expect_refused({"role", "merge", "MLOps Engineer", "mlops-engineer"}, "are the same role");
    expect_refused({"merges", "undo", "7"}, "jobkb: no role merge 7: see 'jobkb merges'");

    result = run({"role", "merge", "MLOps Engineer", "Machine Learning Engineer"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("merged MLOps Engineer into Machine Learning Engineer (merge 1): 2 "
                              "observation(s)"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("undo it with 'jobkb merges undo 1'"), std::string::npos);
    EXPECT_EQ(run({"check"}).out, "ok\n");
    EXPECT_NE(run({"role", "MLOps Engineer"}).out.find("Machine Learning Engineer"),
              std::string::npos);
    result = run({"merges", "--csv"});
    EXPECT_EQ(result.out.substr(0, result.out.find("\r\n")),
              "id,from,into,observations,merged_at,state");
    EXPECT_NE(result.out.find("1,MLOps Engineer,Machine Learning Engineer,2,"), std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find(",standing\r\n"), std::string::npos);

    result = run({"merges", "undo", "1"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "jobkb: merge 1 undone: MLOps Engineer is back (id 6), apart from "
                          "Machine Learning Engineer\n");
    EXPECT_EQ(run({"check"}).out, "ok\n");
    EXPECT_NE(run({"merges"}).out.find("undone "), std::string::npos);
    expect_refused({"merges", "undo", "1"}, "was already undone");

    ASSERT_EQ(run({"import", "salaries",
                   file("p.csv", "role,country,currency,amount,as_of\n"
                                 "Prompt Engineer,US,USD,150000,2026\n")
                       .string(),
                   "--create-roles"})
                  .exit_code,
              0);
    ASSERT_EQ(run({"imports", "undo", "1"}).exit_code, 0);
    result = run({"sql", "--write", "INSERT INTO roles (slug, name) VALUES ('x', 'Prompt Poet')"});
    result = run({"role", "delete", "prompt poet"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "jobkb: deleted Prompt Poet with its 0 alias(es), 0 title(s), 0 "
                          "responsibility(ies) and 0 other link(s)\n");
}

// --max-errors counts distinct problems: 30 rows of one unknown name are one.
TEST_F(Names, RowsOfOneUnknownNameAreOneProblem) {
    std::string same = "role,country,currency,amount,as_of\n";
    for (int i = 0; i < 30; ++i) {
        same += "Nobody,IN,INR,1,2026\n";
    }
    const auto result =
        run({"import", "salaries", file("same.csv", same).string(), "--max-errors", "5"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("same.csv:2: role: unknown role 'Nobody' (in 30 rows, the first at "
                              "line 2; expected"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("1 distinct role name(s) in 30 row(s) name no role or several"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("nothing imported: 30 of 30 row(s) are invalid"), std::string::npos);
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 3) << result.err;
}

TEST_F(Names, AnImportReportsEachUnknownTitleOnceWithItsRows) {
    const std::string before = test::content_dump(path_);
    const auto result = import_survey({"--max-errors", "100"});
    EXPECT_EQ(result.exit_code, 1);
    const std::string file =
        (test::source_dir() / "tests" / "data" / "ds_salaries_2022.csv").string();
    EXPECT_NE(result.err.find(file + ":18: role: unknown role 'Data Engineer': did you mean Big "
                                     "Data Engineer? (in 132 rows, the first at line 18; expected "
                                     "a known role, title or occupation code; add it with "
                                     "--create-roles, map titles with --roles-from FILE, or teach "
                                     "one with 'jobkb title add ROLE TITLE')"),
              std::string::npos)
        << result.err;
    const auto lines = test::lines_of(result.err);
    const auto role_lines = std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
        return line.find(": role: unknown role") != std::string::npos;
    });
    EXPECT_EQ(role_lines, 45) << "one line per distinct title the base does not know";
    EXPECT_NE(result.err.find("jobkb: " + file +
                              ": 45 distinct role name(s) in 408 row(s) name no "
                              "role or several"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(Names, ATitleMappingResolvesManyAtOnceAndUndoTakesItBack) {
    const auto titles =
        file("titles.csv", "title,role\nData Engineer,Big Data Engineer\nML Engineer,Machine "
                           "Learning Engineer\nResearch Scientist,AI/ML Research Scientist\n");
    const std::string before = test::content_dump(path_);
    auto result = import_survey({"--roles-from", titles.string(), "--skip-invalid", "--quiet"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("recorded 'Data Engineer' as a title of Big Data Engineer"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations o JOIN roles r ON r.id = o.role_id "
                     "WHERE r.slug = 'big-data-engineer' AND o.batch_id = 1"),
              "140")
        << "132 Data Engineers and 8 Big Data Engineers";
    EXPECT_EQ(scalar("SELECT count(*) FROM role_titles WHERE batch_id = 1"), "3");
    result = import_survey({"--roles-from", titles.string(), "--skip-invalid", "--quiet"});
    EXPECT_NE(result.err.find("was already imported with these settings as batch 1"),
              std::string::npos)
        << result.err;
    result = run({"imports", "undo", "1"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("observation(s) removed, 3 of its role titles removed"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM role_titles"), "0");
    EXPECT_EQ(run({"check"}).out, "ok\n");

    // A mapping with problems stops the import before the salary file is read.
    const auto bad = file("bad.csv", "title,role\nData Engineer,Big Data Enginer\n"
                                     "ML Engineer,Nobody\n");
    const std::string after = test::content_dump(path_);
    result = import_survey({"--roles-from", bad.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, bad.string() +
                              ":2: role: unknown role 'Big Data Enginer': did you mean Big Data "
                              "Engineer? (expected a known role, by its name, slug, alias or "
                              "code)\n" +
                              bad.string() +
                              ":3: role: unknown role 'Nobody' (expected a known role, by its "
                              "name, slug, alias or code)\njobkb: " +
                              bad.string() +
                              ": nothing imported: 2 problem(s) in the title mapping " +
                              bad.string() + "\n");
    result = import_survey({"--roles-from", file("h.csv", "name,role\nx,y\n").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("h.csv:1: header: unknown column 'name' (expected the columns "
                              "title and role)"),
              std::string::npos)
        << result.err;
    result = import_survey({"--roles-from", (dir_ / "missing.csv").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("missing.csv: cannot read: no such file"), std::string::npos);
    EXPECT_EQ(test::content_dump(path_), after);
    EXPECT_NE(after, before) << "the undone batch stays listed";
}

} // namespace
} // namespace jobkb
