// import_roles() through the library: new roles with all they carry, existing roles found by code
// or name and updated, lists in every format, the checks before any write, repeats, dry runs, and
// undo putting back exactly what was there.
#include "jobkb/role_import.hpp"

#include "support.hpp"

#include <sstream>

namespace jobkb {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::string kHeader = "role,summary,codes,aliases,titles,key_skills,mentioned_skills,"
                            "industries,responsibilities\n";

class RoleImport : public test::SeededBase {
protected:
    RoleImportReport import(const std::string& text, FileImportOptions options = {}) {
        if (options.file_name.empty()) {
            options.file_name = "roles.csv";
        }
        if (const auto format = input_format_for(options.file_name)) {
            options.format = *format;
        }
        options.today = "2026-11-23";
        std::istringstream in(text);
        InputSource input(in, options.file_name);
        return import_roles(*database_, input, options);
    }

    std::vector<std::string> problems(const RoleImportReport& report) {
        std::vector<std::string> lines;
        for (const auto& error : report.errors) {
            lines.push_back(describe(error));
        }
        return lines;
    }
};

TEST_F(RoleImport, AddsANewRoleWithEverythingItCarries) {
    const auto report =
        import(kHeader + "Prompt Engineer,Writes and tests prompts.,within:15-1221.00,"
                         "Prompt Designer,LLM Prompt Engineer;Prompt Writer,Python;Prompt "
                         "Design,BERT,IT;Media,Write prompts;Evaluate outputs\n");
    ASSERT_TRUE(report.committed) << (problems(report).empty() ? "" : problems(report)[0]);
    EXPECT_EQ(report.rows_inserted, 1);
    EXPECT_EQ(report.roles_created, 1);
    ASSERT_EQ(report.changes.size(), 1u);
    const RoleChange& change = report.changes[0];
    EXPECT_TRUE(change.created);
    EXPECT_EQ(change.codes, 1);
    EXPECT_EQ(change.aliases, 1);
    EXPECT_EQ(change.titles, 2);
    EXPECT_EQ(change.key_skills, 2);
    EXPECT_EQ(change.mentioned_skills, 1);
    EXPECT_EQ(change.industries, 2);
    EXPECT_EQ(change.responsibilities, 2);
    EXPECT_EQ(report.created_skills, (std::vector<std::string>{"Prompt Design"}));
    EXPECT_EQ(report.created_industries, (std::vector<std::string>{"Media"}));
    const std::string batch = std::to_string(report.batch_id);
    EXPECT_EQ(scalar("SELECT content FROM import_batches WHERE id = " + batch), "roles");
    EXPECT_EQ(rows("SELECT slug, summary, batch_id FROM roles WHERE name = 'Prompt Engineer'"),
              (Rows{{"prompt-engineer", "Writes and tests prompts.", batch}}));
    EXPECT_EQ(rows("SELECT c.code, c.relation FROM role_codes c JOIN roles r ON r.id = c.role_id "
                   "WHERE r.name = 'Prompt Engineer'"),
              (Rows{{"15-1221.00", "within"}}));
    EXPECT_EQ(rows("SELECT t.title, t.kind FROM role_titles t JOIN roles r ON r.id = t.role_id "
                   "WHERE r.name = 'Prompt Engineer' ORDER BY t.title"),
              (Rows{{"LLM Prompt Engineer", "user"}, {"Prompt Writer", "user"}}));
    EXPECT_EQ(
        rows("SELECT s.name, rs.relevance, rs.position FROM role_skills rs JOIN skills s ON "
             "s.id = rs.skill_id JOIN roles r ON r.id = rs.role_id WHERE r.name = "
             "'Prompt Engineer' ORDER BY rs.relevance, rs.position"),
        (Rows{{"Python", "key", "1"}, {"Prompt Design", "key", "2"}, {"BERT", "mentioned", "1"}}));
    // Everything the batch added names its source (the file) and the batch.
    for (const char* table :
         {"role_skills", "role_industries", "responsibilities", "role_codes", "role_titles"}) {
        EXPECT_EQ(
            count(std::string("SELECT count(*) FROM ") + table + " WHERE batch_id = " + batch +
                  " AND source_id = (SELECT id FROM sources WHERE title = "
                  "'roles.csv')"),
            count(std::string("SELECT count(*) FROM ") + table + " WHERE batch_id = " + batch))
            << table;
    }
}

TEST_F(RoleImport, FindsARoleByItsCodeThenByNameAndUpdatesIt) {
    const std::string before = content_but_batches();
    const auto report = import(
        "role,summary,codes,key_skills,mentioned_skills,responsibilities\n"
        "Data Scientist II,Finds what data says.,15-2051.00,Kafka;SQL,Python,Design experiments\n"
        "mlops engineers,,,Terraform,,\n");
    ASSERT_TRUE(report.committed) << (problems(report).empty() ? "" : problems(report)[0]);
    EXPECT_EQ(report.roles_created, 0);
    ASSERT_EQ(report.changes.size(), 2u);
    EXPECT_EQ(report.changes[0].role, "Data Scientist");
    EXPECT_TRUE(report.changes[0].summary_changed);
    EXPECT_EQ(report.changes[0].aliases, 1) << "the file's name for it becomes an alias";
    EXPECT_EQ(report.changes[0].key_skills, 1) << "SQL was a key skill already";
    EXPECT_EQ(report.changes[0].mentioned_skills, 1) << "Python: key, now mentioned";
    EXPECT_EQ(report.changes[0].responsibilities, 0) << "the article lists it (letter case aside)";
    EXPECT_EQ(report.changes[1].role, "MLOps Engineer") << "by its alias";
    EXPECT_EQ(scalar("SELECT summary FROM roles WHERE slug = 'data-scientist'"),
              "Finds what data says.");
    EXPECT_EQ(scalar("SELECT r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id WHERE "
                     "a.alias = 'Data Scientist II'"),
              "Data Scientist");
    EXPECT_EQ(rows("SELECT rs.relevance, rs.position FROM role_skills rs JOIN skills s ON s.id = "
                   "rs.skill_id JOIN roles r ON r.id = rs.role_id WHERE r.slug = "
                   "'data-scientist' AND s.name IN ('Kafka', 'Python') ORDER BY s.name"),
              (Rows{{"key", "6"}, {"mentioned", "4"}}));
    EXPECT_EQ(count("SELECT count(*) FROM import_changes WHERE batch_id = " +
                    std::to_string(report.batch_id)),
              2)
        << "the old summary and Python's key link, whole";

    const auto undone = undo_import_batch(*database_, report.batch_id);
    EXPECT_GT(undone, 0);
    EXPECT_EQ(content_but_batches(), before) << "undo puts back exactly what was there";
}

TEST_F(RoleImport, ListsComeAsJsonArraysOrInACell) {
    const std::string json =
        R"([{"role": "Prompt Engineer", "key_skills": ["Python", "Prompt Design"],)"
        R"( "aliases": ["Prompt Designer"], "codes": ["isco-08:2512", "within:15-1252.00"]}])";
    auto report = import(json, [] {
        FileImportOptions options;
        options.file_name = "roles.json";
        return options;
    }());
    ASSERT_TRUE(report.committed) << (problems(report).empty() ? "" : problems(report)[0]);
    EXPECT_EQ(report.changes.at(0).key_skills, 2);
    EXPECT_EQ(rows("SELECT scheme, code, relation FROM role_codes c JOIN roles r ON r.id = "
                   "c.role_id WHERE r.name = 'Prompt Engineer' ORDER BY scheme"),
              (Rows{{"isco-08", "2512", "is"}, {"onet-soc-2019", "15-1252.00", "within"}}));
    report = import("role,industries\nData Engineer,\"[\"\"Ad; Tech\"\", \"\"IT\"\"]\"\n");
    ASSERT_TRUE(report.committed) << (problems(report).empty() ? "" : problems(report)[0]);
    EXPECT_EQ(report.created_industries, (std::vector<std::string>{"Ad; Tech"}))
        << "a JSON array in a cell keeps a ; inside a name";
    report = import(R"({"role": "X Engineer", "summary": ["a", "b"]})"
                    "\n",
                    [] {
                        FileImportOptions options;
                        options.file_name = "roles.ndjson";
                        return options;
                    }());
    EXPECT_EQ(problems(report), (std::vector<std::string>{
                                    "roles.ndjson:1: summary: holds a list (expected one value)"}));
}

TEST_F(RoleImport, ChecksEveryRowBeforeWritingAndSaysWhereAndWhy) {
    const std::string before = test::content_dump(path_);
    const auto report =
        import("role,codes,aliases,key_skills,mentioned_skills\n"
               "Quant Analyst,15-20511,,,\n"                     // 2: a code of no shape
               "Quant Researcher,soc-2018:15-2051.00,,,\n"       // 3: not a SOC code
               "Machine Learning Engineer,15-2051.00,,,\n"       // 4: Data Scientist's code
               "Data Scientist,,NLP Engineers,,\n"               // 5: NLP Engineer's alias
               "Data Scientist,,,,\n"                            // 6: again
               "Robotics Engineer,15-1299.08;15-1221.00,,,\n"    // 7: two occupations
               "Robotics Engineer 2,17-2199.08,,Python,python\n" // 8: key and mentioned
               "Robotics Engineer 3,17-2199.08,,,\n"             // 9: line 8's code
               "Robotics Engineer 4,,Big Data Engineer,,\n",     // 10: another role's name
               [] {
                   FileImportOptions options;
                   options.max_errors = 50;
                   return options;
               }());
    EXPECT_FALSE(report.committed);
    EXPECT_EQ(report.rows_inserted, 0);
    EXPECT_EQ(
        problems(report),
        (std::vector<std::string>{
            "roles.csv:2: codes: '15-20511' is not an occupation code (expected an O*NET-SOC code "
            "15-2051.00, a SOC code 15-2051, an ISCO-08 code 2511 or an ESCO occupation URI, as "
            "SCHEME:CODE or by shape, with within: for a broader occupation)",
            "roles.csv:3: codes: '15-2051.00' is not a SOC 2018 code (expected NN-NNNN)",
            "roles.csv:4: codes: the codes are Data Scientist's, but 'Machine Learning Engineer' "
            "names Machine Learning Engineer (expected one role's name and codes, or "
            "within:CODE for a specialisation)",
            "roles.csv:5: aliases: 'NLP Engineers' is already an alias of NLP Engineer (expected "
            "a name no other role has)",
            "roles.csv:7: codes: a role is one occupation of O*NET-SOC 2019, not both 15-1299.08 "
            "and 15-1221.00 (expected within:CODE for the broader ones)",
            "roles.csv:8: mentioned_skills: 'python' is a key skill of the row too (expected "
            "each skill in one list)",
            "roles.csv:10: aliases: 'Big Data Engineer' is the name of another role (expected a "
            "name no other role has)",
        }));
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(RoleImport, ARoleTwiceAndACodeClaimedTwiceAreRefused) {
    const auto report = import("role,codes\n"
                               "Robotics Engineer,17-2199.08\n"
                               "Robot Engineer,17-2199.08\n"
                               "robotics engineer,\n");
    EXPECT_FALSE(report.committed);
    // Line 3 names line 2's role by its code.
    EXPECT_EQ(problems(report),
              (std::vector<std::string>{
                  "roles.csv:3: role: 'Robotics Engineer' is named again (first on line 2) "
                  "(expected each role once)",
                  "roles.csv:4: role: 'Robotics Engineer' is named again (first on line 2) "
                  "(expected each role once)"}));
    // Two roles of the base claiming one code: the second is refused.
    const auto claimed =
        import("role,codes\nMLOps Engineer,17-2199.08\nBig Data Engineer,17-2199.08\n");
    EXPECT_EQ(problems(claimed),
              (std::vector<std::string>{
                  "roles.csv:3: codes: the codes are MLOps Engineer's, but 'Big Data Engineer' "
                  "names Big Data Engineer (expected one role's name and codes, or within:CODE "
                  "for a specialisation)"}));
}

TEST_F(RoleImport, TheSameFileOrContentAgainChangesNothing) {
    const std::string file = kHeader + "Prompt Engineer,Writes prompts.,,,,Python,,,\n";
    const auto first = import(file);
    ASSERT_TRUE(first.committed);
    const std::string after = test::content_dump(path_);
    const auto again = import(file);
    EXPECT_TRUE(again.already_imported);
    EXPECT_EQ(again.existing_batch, first.batch_id);
    // Other bytes, the same content: nothing to write, so no batch either.
    const auto same =
        import("role,key_skills,summary\nprompt engineer,python,Writes prompts.\n", [] {
            FileImportOptions options;
            options.file_name = "other.csv";
            return options;
        }());
    EXPECT_FALSE(same.committed);
    EXPECT_EQ(same.rows_inserted, 0);
    EXPECT_EQ(same.rows_unchanged, 1);
    // Only the source the second file would have come from differs: it stays, as sources do.
    EXPECT_EQ(count("SELECT count(*) FROM import_batches"), 1);
    EXPECT_EQ(test::content_dump(path_), after);
}

TEST_F(RoleImport, ADryRunReportsAndWritesNothing) {
    const std::string before = test::content_dump(path_);
    const auto report = import(kHeader + "Prompt Engineer,,,,,Python,,,\n", [] {
        FileImportOptions options;
        options.dry_run = true;
        return options;
    }());
    EXPECT_FALSE(report.committed);
    EXPECT_EQ(report.rows_inserted, 1);
    EXPECT_EQ(report.roles_created, 1);
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(RoleImport, UndoGoesNewestFirstAndKeepsWhatOthersAdded) {
    const auto first = import(kHeader + "Prompt Engineer,,,,,Python,,,\n");
    ASSERT_TRUE(first.committed);
    const auto second = import(kHeader + "Prompt Engineer,A new summary.,,,,,,,\n", [] {
        FileImportOptions options;
        options.file_name = "second.csv";
        return options;
    }());
    ASSERT_TRUE(second.committed);
    try {
        undo_import_batch(*database_, first.batch_id);
        FAIL() << "the earlier batch was undone under the later one";
    } catch (const Error& error) {
        EXPECT_EQ(error.hint().kind, HintKind::kUndoFirst);
        EXPECT_EQ(error.hint().value, std::to_string(second.batch_id));
    }
    undo_import_batch(*database_, second.batch_id);
    EXPECT_EQ(scalar("SELECT coalesce(summary, '') FROM roles WHERE name = 'Prompt Engineer'"), "");
    // Salary figures of a role the batch created keep it: undo refuses, and changes nothing.
    database_->execute("adding a figure",
                       "INSERT INTO salary_observations (role_id, country_code, currency_code, "
                       "amount_minor, as_of, source_id) SELECT id, 'US', 'USD', 100, '2026', 1 "
                       "FROM roles WHERE name = 'Prompt Engineer'");
    const std::string before = test::content_dump(path_);
    try {
        undo_import_batch(*database_, first.batch_id);
        FAIL() << "a role with salary figures was removed";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("'Prompt Engineer', which 1 salary figure(s)"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_EQ(test::content_dump(path_), before);
}

} // namespace
} // namespace jobkb
