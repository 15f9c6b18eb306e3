// How a salary import finds its roles: an unknown or ambiguous name reported once for all its
// rows, a title mapping (read_title_mapping, ImportOptions::role_titles) and what it records, and
// the roles a batch creates, which undo removes when nothing else refers to them.
#include "jobkb/import.hpp"

#include "support.hpp"

#include <sstream>

namespace jobkb {
namespace {

const std::string kHeader = "role,country,currency,amount,as_of\n";

class RoleNames : public test::SeededBase {
protected:
    ImportReport import(const std::string& text, ImportOptions options = {}) {
        if (options.file_name.empty()) {
            options.file_name = "in.csv";
        }
        options.today = "2026-11-23";
        std::istringstream in(text);
        InputSource input(in, options.file_name);
        return import_salaries(*database_, input, options);
    }

    TitleMappingFile mapping(const std::string& text) {
        std::istringstream in(text);
        InputSource input(in, "titles.csv");
        return read_title_mapping(*database_, input, "titles.csv");
    }

    static std::string rows(const std::string& role, int count) {
        std::string text;
        for (int i = 0; i < count; ++i) {
            text += role + ",US,USD," + std::to_string(100000 + i) + ",2026\n";
        }
        return text;
    }
};

TEST_F(RoleNames, AnUnknownNameIsOneProblemForAllItsRows) {
    const std::string before = test::content_dump(path_);
    const auto report = import(kHeader + rows("ML Engineer", 5) + rows("Data Scientis", 3) +
                               rows("ml engineer", 2) + "Data Scientist,XX,USD,1,2026\n" +
                               "Data Scientist,XX,USD,2,2026\n");
    EXPECT_FALSE(report.committed);
    EXPECT_EQ(report.rows_rejected, 12);
    EXPECT_EQ(report.error_count, 3u) << "two names and one country, each once";
    ASSERT_EQ(report.errors.size(), 3u);
    ASSERT_EQ(report.error_rows.size(), 3u);
    EXPECT_EQ(report.errors[0].line, 2u);
    EXPECT_EQ(report.error_rows[0], 7u) << "in any letter case";
    EXPECT_EQ(report.errors[1].line, 7u);
    EXPECT_EQ(report.error_rows[1], 3u);
    EXPECT_EQ(report.errors[2].field, "country");
    EXPECT_EQ(report.error_rows[2], 2u);
    EXPECT_EQ(report.unknown_roles, 2u);
    EXPECT_EQ(report.unknown_role_rows, 10);
    EXPECT_EQ(describe(report.errors[0], report.error_rows[0]),
              "in.csv:2: role: unknown role 'ML Engineer': did you mean Machine Learning Engineer "
              "or Big Data Engineer? (in 7 rows, the first at line 2; expected a known role, title "
              "or occupation code; allow creating roles, map titles to roles, or teach the name as "
              "a title of a known role)");
    EXPECT_EQ(test::content_dump(path_), before);

    ImportOptions few;
    few.max_errors = 1;
    const auto stopped = import(kHeader + rows("ML Engineer", 5) + rows("Nobody", 5), few);
    EXPECT_EQ(stopped.error_count, 1u) << "max_errors counts distinct problems";
    EXPECT_TRUE(stopped.stopped_early);
}

TEST_F(RoleNames, AnAmbiguousTitleIsReportedWithItsRolesAndNeverCreated) {
    database_->execute(
        "adding a title of two roles",
        "INSERT INTO role_titles (title, role_id, kind) SELECT 'Data Analyst', id, "
        "'alternate' FROM roles WHERE slug IN ('data-scientist', 'big-data-engineer')");
    ImportOptions create;
    create.create_roles = true;
    const auto report = import(kHeader + rows("Data Analyst", 2), create);
    EXPECT_FALSE(report.committed);
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.errors[0].problem,
              "ambiguous role 'Data Analyst': it names 2 roles: Big Data Engineer, Data Scientist");
    EXPECT_EQ(report.errors[0].hint.kind, HintKind::kMapTitles);
    EXPECT_TRUE(report.created_roles.empty());
}

TEST_F(RoleNames, AMappingIsReadAndCheckedWithFileAndLine) {
    const auto good = mapping("Title,ROLE\nML Engineer,Machine Learning Engineer\n"
                              "Sr. DS,data-scientist\nml engineer,machine learning engineers\n");
    EXPECT_EQ(good.error_count, 0u);
    ASSERT_EQ(good.mappings.size(), 2u) << "the same title to the same role once";
    EXPECT_EQ(good.mappings[1].title, "Sr. DS");
    EXPECT_EQ(good.mappings[1].line, 3u);

    const auto bad = mapping("title,role\nA,Data Scientis\nB,Data Scientist\nb,NLP Engineer\n"
                             ",NLP Engineer\n\"x\ty\",NLP Engineer\nC,D,E\n");
    EXPECT_EQ(bad.error_count, 5u);
    ASSERT_EQ(bad.errors.size(), 5u);
    EXPECT_EQ(describe(bad.errors[0]),
              "titles.csv:2: role: unknown role 'Data Scientis': did you mean Data Scientist? "
              "(expected a known role, by its name, slug, alias or code)");
    EXPECT_EQ(describe(bad.errors[1]),
              "titles.csv:4: title: 'b' is mapped on line 3 to another role (expected each title "
              "once)");
    EXPECT_EQ(bad.errors[2].line, 5u);
    EXPECT_EQ(bad.errors[2].field, "title");
    EXPECT_EQ(bad.errors[3].line, 6u);
    EXPECT_EQ(bad.errors[4].field, "row");
    EXPECT_EQ(bad.mappings.size(), 1u);

    try {
        mapping("title,job\nA,Data Scientist\n");
        ADD_FAILURE() << "a header without role";
    } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()),
                  "titles.csv:1: header: unknown column 'job' (expected the columns title and "
                  "role); missing required column 'role' (expected the columns title and role)");
    }
    EXPECT_THROW(mapping("title,role\n"), Error);
    EXPECT_THROW(mapping(""), Error);
}

TEST_F(RoleNames, MappedTitlesImportOnceAndTheUnknownOnesAreRecorded) {
    const auto titles = mapping("title,role\nML Engineer,Machine Learning Engineer\n"
                                "Data Scientists,NLP Engineer\nUnused,Data Scientist\n");
    ImportOptions options;
    options.role_titles = titles.mappings;
    const std::string file = kHeader + rows("ml engineer", 2) + rows("Data Scientists", 1);
    const auto report = import(file, options);
    ASSERT_TRUE(report.committed) << (report.errors.empty() ? "" : describe(report.errors[0]));
    EXPECT_EQ(count("SELECT count(*) FROM salary_observations o JOIN roles r ON r.id = o.role_id "
                    "WHERE r.slug = 'nlp-engineer' AND o.batch_id IS NOT NULL"),
              1)
        << "the mapping comes before the base's own alias";
    // Only the title the base did not know, and only one that rows used.
    const std::vector<std::pair<std::string, std::string>> added = {
        {"ML Engineer", "Machine Learning Engineer"}};
    EXPECT_EQ(report.titles_added, added);
    EXPECT_EQ(scalar("SELECT kind || ' ' || batch_id FROM role_titles WHERE title = 'ML Engineer'"),
              "user " + std::to_string(report.batch_id));

    EXPECT_TRUE(import(file, options).already_imported) << "the same file, the same mapping";
    ImportOptions other = options;
    other.role_titles[0].role = "MLOps Engineer";
    const auto again = import(file, other);
    EXPECT_FALSE(again.already_imported) << "another mapping is another import";
    EXPECT_TRUE(again.committed);

    undo_import_batch(*database_, again.batch_id);
    const auto undone = undo_import_batch_by_content(*database_, report.batch_id);
    // Every kind of content, in undo's order: figures (observations, rates, factors), what a batch
    // of roles changed, then titles, then roles, then areas.
    ASSERT_EQ(undone.size(), 7u);
    EXPECT_EQ(undone[0].what, "salary observations");
    EXPECT_EQ(undone[0].rows, 3);
    EXPECT_EQ(undone[4].what, "role titles");
    EXPECT_EQ(undone[4].rows, 1);
    EXPECT_EQ(count("SELECT count(*) FROM role_titles"), 0);
}

// "Nothing else refers to it": no observation of another batch, and no alias, title, code, link,
// responsibility, relation or description that a person or another batch added.
TEST_F(RoleNames, UndoRemovesTheRolesABatchCreatedUnlessSomethingElseRefersToThem) {
    ImportOptions create;
    create.create_roles = true;
    const std::string before = test::content_dump(path_);
    const auto first = import(kHeader + rows("Prompt Engineer", 2) + rows("Prompt Designer", 1) +
                                  rows("Prompt Tester", 1) + rows("Prompt Poet", 1),
                              create);
    ASSERT_TRUE(first.committed);
    EXPECT_EQ(
        count("SELECT count(*) FROM roles WHERE batch_id = " + std::to_string(first.batch_id)), 4);
    ImportOptions elsewhere = create; // the same figure from another source is no repeat
    elsewhere.source = "Another survey";
    const auto second = import(kHeader + rows("prompt designer", 1), elsewhere);
    ASSERT_TRUE(second.committed);
    database_->execute("referring to created roles", R"sql(
INSERT INTO role_aliases (alias, role_id) SELECT 'Prompt Wrangler', id FROM roles
WHERE name = 'Prompt Tester';
INSERT INTO role_skills (role_id, skill_id, relevance, position) SELECT r.id, s.id, 'key', 1
FROM roles r, skills s WHERE r.name = 'Prompt Poet' AND s.slug = 'python';
)sql");
    const auto undone = undo_import_batch_by_content(*database_, first.batch_id);
    ASSERT_EQ(undone.size(), 7u);
    EXPECT_EQ(undone[5].what, "roles");
    EXPECT_EQ(undone[5].rows, 1) << "Prompt Engineer only";
    EXPECT_EQ(count("SELECT count(*) FROM roles WHERE name = 'Prompt Engineer'"), 0);
    for (const char* kept : {"Prompt Designer", "Prompt Tester", "Prompt Poet"}) {
        EXPECT_EQ(count(std::string("SELECT count(*) FROM roles WHERE name = '") + kept + "'"), 1)
            << kept;
    }
    undo_import_batch(*database_, second.batch_id);
    EXPECT_EQ(count("SELECT count(*) FROM roles WHERE name = 'Prompt Designer'"), 1)
        << "undo of the batch that did not create it leaves it";
    EXPECT_EQ(count("SELECT count(*) FROM roles"), 10);
    EXPECT_EQ(before.empty(), false);
}

} // namespace
} // namespace jobkb
