// Renaming, merging (and unmerging) and deleting roles, on a seeded base.
#include "jobkb/check.hpp"
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/names.hpp"
#include "jobkb/role_management.hpp"
#include "support/errors.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

class RoleManagement : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadWrite);

    std::string scalar(const std::string& sql) { return test::query(path_, sql).at(0).at(0); }

    // Everything but the record of merges, which a merge and its undo add to.
    std::string content() {
        std::string kept;
        bool skipping = false;
        for (const auto& line : test::lines_of(test::content_dump(path_))) {
            if (line.starts_with("== ")) {
                // The search index is derived (its rows are renumbered when a role comes back);
                // expect_healthy() checks it against the tables it indexes.
                skipping = line == "== role_merges" || line.starts_with("== search_");
            }
            if (!skipping) {
                kept += line + "\n";
            }
        }
        return kept;
    }

    void expect_healthy() {
        const auto problems = check_knowledge_base(*database_);
        for (const auto& problem : problems) {
            ADD_FAILURE() << problem.check << ": " << problem.detail;
        }
    }

    template <typename Fn> Error failure(Fn&& fn, ErrorCode code) {
        return test::error_of(fn, code);
    }

    std::string resolved(const std::string& name) {
        return NameResolver(*database_).resolve(NameKind::kRole, name).name;
    }
};

TEST_F(RoleManagement, RenameKeepsTheSlugAndTheOldNameAsAnAlias) {
    const auto renamed = rename_role(*database_, "big data engineer", "Data Engineer");
    EXPECT_EQ(renamed.old_name, "Big Data Engineer");
    EXPECT_EQ(renamed.name, "Data Engineer");
    EXPECT_EQ(renamed.slug, "big-data-engineer");
    EXPECT_TRUE(renamed.old_name_kept);
    EXPECT_EQ(resolved("Big Data Engineer"), "Data Engineer");
    EXPECT_EQ(resolved("big-data-engineer"), "Data Engineer");
    // An alias that becomes the name stops being an alias; no alias for a change of case.
    const auto back = rename_role(*database_, "Data Engineer", "big data engineer", false);
    EXPECT_FALSE(back.old_name_kept);
    EXPECT_EQ(scalar("SELECT count(*) FROM role_aliases WHERE alias = 'Big Data Engineer'"), "0");
    rename_role(*database_, "big data engineer", "Big Data Engineer");
    EXPECT_EQ(scalar("SELECT count(*) FROM role_aliases WHERE alias = 'big data engineer'"), "0");
    rename_role(*database_, "Data Scientist", "Data Scientists"); // its own alias
    EXPECT_EQ(resolved("data scientists"), "Data Scientists");
    EXPECT_EQ(scalar("SELECT count(*) FROM role_aliases WHERE alias = 'Data Scientists'"), "0");
    expect_healthy();
}

TEST_F(RoleManagement, RenameRefusesAnotherRolesNameOrAliasAndBadText) {
    const std::string before = content();
    auto error = failure([&] { rename_role(*database_, "MLOps Engineer", "nlp engineer"); },
                         ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.hint().kind, HintKind::kMergeOrRename);
    EXPECT_EQ(error.hint().value, "NLP Engineer");
    EXPECT_EQ(error.hint().field, "MLOps Engineer");
    error = failure([&] { rename_role(*database_, "MLOps Engineer", "Data Scientists"); },
                    ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.hint().kind, HintKind::kRemoveAliasFirst);
    for (const char* bad : {"", "  ", "two\nlines", "tab\there", "\xff\xfe"}) {
        failure([&] { rename_role(*database_, "MLOps Engineer", bad); },
                ErrorCode::kInvalidArgument);
    }
    failure([&] { rename_role(*database_, "MLOps Engineer", "MLOps Engineer"); },
            ErrorCode::kInvalidArgument);
    failure([&] { rename_role(*database_, "Nobody", "Somebody"); }, ErrorCode::kNotFound);
    EXPECT_EQ(content(), before);
}

// The seeded MLOps and Machine Learning Engineers share skills (INTO keeps its own), each has
// figures in two countries, and FROM gets a title, a code and relations of its own here.
TEST_F(RoleManagement, MergeMovesEverythingAndUndoPutsItBackExactly) {
    database_->execute("adding what a merge must carry", R"sql(
INSERT INTO role_titles (title, role_id, kind) SELECT 'Platform Engineer', id, 'user'
FROM roles WHERE slug = 'mlops-engineer';
INSERT INTO role_titles (title, role_id, kind) SELECT 'ML Platform Engineer', id, 'user'
FROM roles WHERE slug IN ('mlops-engineer', 'machine-learning-engineer');
INSERT INTO role_codes (role_id, scheme, code, relation) SELECT id, 'onet-soc-2019',
'15-1299.08', 'within' FROM roles WHERE slug = 'mlops-engineer';
INSERT INTO role_relations (role_id, related_role_id, source_id, tier, position)
SELECT f.id, t.id, 1, 'Primary-Short', 1 FROM roles f, roles t
WHERE f.slug = 'mlops-engineer' AND t.slug IN ('data-scientist', 'machine-learning-engineer');
INSERT INTO role_relations (role_id, related_role_id, source_id, tier, position)
SELECT f.id, t.id, 1, 'Primary-Short', 2 FROM roles f, roles t
WHERE f.slug = 'nlp-engineer' AND t.slug = 'mlops-engineer';
)sql");
    const std::string before = content();
    const std::string from_observations =
        scalar("SELECT count(*) FROM salary_observations o JOIN roles r ON r.id = o.role_id "
               "WHERE r.slug = 'mlops-engineer'");
    const std::string into_observations =
        scalar("SELECT count(*) FROM salary_observations o JOIN roles r ON r.id = o.role_id "
               "WHERE r.slug = 'machine-learning-engineer'");

    const auto merged = merge_roles(*database_, "mlops engineer", "Machine Learning Engineer");
    EXPECT_EQ(merged.merge.id, 1);
    EXPECT_EQ(merged.merge.from, "MLOps Engineer");
    EXPECT_EQ(std::to_string(merged.observations), from_observations);
    EXPECT_EQ(merged.titles, 1) << "Platform Engineer; ML Platform Engineer INTO has";
    EXPECT_EQ(merged.codes, 2) << "15-1299.08 added here, and the seeded 15-1252.00 (within)";
    EXPECT_NE(std::find(merged.kept.begin(), merged.kept.end(), "title ML Platform Engineer"),
              merged.kept.end());
    EXPECT_EQ(scalar("SELECT count(*) FROM roles WHERE slug = 'mlops-engineer'"), "0");
    EXPECT_EQ(resolved("MLOps Engineer"), "Machine Learning Engineer") << "its name, an alias";
    EXPECT_EQ(resolved("MLOps Engineers"), "Machine Learning Engineer") << "its alias, moved";
    EXPECT_EQ(resolved("Platform Engineer"), "Machine Learning Engineer");
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations o JOIN roles r ON r.id = "
                     "o.role_id WHERE r.slug = 'machine-learning-engineer'"),
              std::to_string(std::stoi(from_observations) + std::stoi(into_observations)));
    EXPECT_EQ(scalar("SELECT count(*) FROM role_relations r JOIN roles n ON n.id = r.role_id "
                     "JOIN roles t ON t.id = r.related_role_id WHERE n.slug = 'nlp-engineer' "
                     "AND t.slug = 'machine-learning-engineer'"),
              "1");
    expect_healthy();
    const auto merges = list_role_merges(*database_);
    ASSERT_EQ(merges.size(), 1u);
    EXPECT_EQ(merges[0].into, "Machine Learning Engineer");
    EXPECT_FALSE(merges[0].undone_at);

    const auto undone = undo_role_merge(*database_, merged.merge.id);
    EXPECT_EQ(undone.from_role_id, merged.merge.from_role_id) << "the same id";
    EXPECT_EQ(content(), before);
    expect_healthy();
    EXPECT_TRUE(list_role_merges(*database_)[0].undone_at);
    const auto again =
        failure([&] { undo_role_merge(*database_, 1); }, ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(again.what()).find("already undone"), std::string::npos);
    EXPECT_EQ(failure([&] { undo_role_merge(*database_, 9); }, ErrorCode::kNotFound).hint().kind,
              HintKind::kListMerges);
    failure([&] { merge_roles(*database_, "Data Scientist", "data scientists"); },
            ErrorCode::kInvalidArgument);
}

TEST_F(RoleManagement, MergesOfMergedRolesUndoNewestFirst) {
    const std::string before = content();
    merge_roles(*database_, "NLP Engineer", "Data Scientist");
    const std::string middle = content();
    merge_roles(*database_, "Data Scientist", "AI/ML Research Scientist");
    expect_healthy();
    EXPECT_EQ(resolved("NLP Engineer"), "AI/ML Research Scientist");
    const auto refused =
        failure([&] { undo_role_merge(*database_, 1); }, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.hint().kind, HintKind::kUndoMergeFirst);
    EXPECT_EQ(refused.hint().value, "2");
    undo_role_merge(*database_, 2);
    EXPECT_EQ(content(), middle);
    undo_role_merge(*database_, 1);
    EXPECT_EQ(content(), before);
    expect_healthy();
}

// Ids are reused: a role created after the merge may take the merged role's. Undo then gives it
// a new one rather than refusing.
TEST_F(RoleManagement, UndoGivesANewIdWhenTheOldOneWasTaken) {
    const std::string id = scalar("SELECT max(id) FROM roles");
    const std::string name = scalar("SELECT name FROM roles WHERE id = " + id);
    merge_roles(*database_, name, "Data Scientist");
    database_->execute("creating a role", "INSERT INTO roles (slug, name) VALUES ('x', 'X')");
    EXPECT_EQ(scalar("SELECT id FROM roles WHERE slug = 'x'"), id);
    expect_healthy(); // a reused id is no damage
    const auto undone = undo_role_merge(*database_, 1);
    EXPECT_EQ(undone.from_role_id, std::stoll(id) + 1);
    EXPECT_EQ(resolved(name), name);
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE role_id = " +
                     std::to_string(undone.from_role_id)),
              "2");
    expect_healthy();
}

TEST_F(RoleManagement, DeleteIsRefusedWhileFiguresOrAMergeReferToTheRole) {
    const std::string before = content();
    const auto refused =
        failure([&] { delete_role(*database_, "MLOps Engineer"); }, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.hint().kind, HintKind::kMergeInstead);
    EXPECT_NE(std::string(refused.what()).find("2 salary observation(s)"), std::string::npos)
        << refused.what();
    EXPECT_EQ(content(), before);

    database_->execute("adding roles without figures", R"sql(
INSERT INTO roles (slug, name) VALUES ('prompt-engineer', 'Prompt Engineer'),
                                      ('prompt-designer', 'Prompt Designer');
INSERT INTO role_aliases (alias, role_id) SELECT 'Prompt Whisperer', id FROM roles
WHERE slug = 'prompt-engineer';
INSERT INTO role_titles (title, role_id, kind) SELECT 'AI Prompt Engineer', id, 'user'
FROM roles WHERE slug = 'prompt-engineer';
INSERT INTO role_skills (role_id, skill_id, relevance, position)
SELECT r.id, s.id, 'key', 1 FROM roles r, skills s WHERE r.slug = 'prompt-engineer'
AND s.slug = 'python';
INSERT INTO responsibilities (role_id, position, description) SELECT id, 1, 'Write prompts'
FROM roles WHERE slug = 'prompt-engineer';
)sql");
    merge_roles(*database_, "Prompt Designer", "Prompt Engineer");
    const auto blocked =
        failure([&] { delete_role(*database_, "Prompt Engineer"); }, ErrorCode::kInvalidArgument);
    EXPECT_EQ(blocked.hint().kind, HintKind::kUndoMergeFirst);
    undo_role_merge(*database_, 1);
    const auto deleted = delete_role(*database_, "prompt whisperer");
    EXPECT_EQ(deleted.name, "Prompt Engineer");
    EXPECT_EQ(deleted.aliases, 1);
    EXPECT_EQ(deleted.titles, 1);
    EXPECT_EQ(deleted.links, 1);
    EXPECT_EQ(deleted.responsibilities, 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM role_merges"), "0") << "the undone merge's record";
    EXPECT_EQ(scalar("SELECT count(*) FROM role_aliases WHERE alias = 'Prompt Whisperer'"), "0");
    delete_role(*database_, "Prompt Designer");
    EXPECT_EQ(content(), before);
    expect_healthy();
}

TEST_F(RoleManagement, CheckFindsMergesThatCannotBeUndone) {
    merge_roles(*database_, "NLP Engineer", "Data Scientist");
    expect_healthy();
    // The merged role back by hand while its merge stands.
    database_->execute("breaking a merge",
                       "INSERT INTO roles (id, slug, name) SELECT from_role_id, "
                       "json_extract(snapshot, '$.role.slug'), 'NLP Again' FROM role_merges");
    auto problems = check_knowledge_base(*database_);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].check, "role merges");
    EXPECT_NE(problems[0].detail.find("stands, but the merged role exists again"),
              std::string::npos);
    database_->execute("breaking a snapshot", "PRAGMA ignore_check_constraints = ON; "
                                              "UPDATE role_merges SET snapshot = '[1'; "
                                              "PRAGMA ignore_check_constraints = OFF");
    // SQLite's integrity check sees the broken CHECK first (and the other checks then wait).
    problems = check_knowledge_base(*database_);
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].detail.find("role_merges"), std::string::npos) << problems[0].detail;
}

} // namespace
} // namespace jobkb
