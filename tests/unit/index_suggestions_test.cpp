// "Did you mean" from the search index: when no known spelling is near an unknown name, the roles
// whose titles and tasks hold every one of its words are suggested (on the seeded base with
// O*NET's 29.2-mini release imported); the spellings' suggestions are kept as they were.
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/names.hpp"
#include "jobkb/onet_import.hpp"
#include "jobkb/search.hpp"
#include "support/errors.hpp"
#include "support/fixtures.hpp"
#include "support/query_plan.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace jobkb {
namespace {

class IndexSuggestions : public ::testing::Test {
protected:
    void SetUp() override {
        import_onet(*database_,
                    OnetFolder(test::source_dir() / "tests" / "data" / "onet" / "29.2-mini"));
    }

    std::string unknown_role(const std::string& name) {
        return test::error_of([&] { names_.resolve(NameKind::kRole, name); }, ErrorCode::kNotFound)
            .what();
    }
    void sql(const std::string& statement) { database_->execute("test", statement); }

    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadWrite);
    NameResolver names_{*database_};
};

TEST_F(IndexSuggestions, OnlyTheIndexKnowsARoleByItsTasks) {
    // No spelling is near "chatbot developer"; NLP Engineer's tasks say "chatbots" and "develop".
    EXPECT_EQ(unknown_role("chatbot developer"),
              "unknown role 'chatbot developer': did you mean NLP Engineer?");
    // O*NET's task "Design surveys, opinion polls, or other instruments to collect data."
    EXPECT_EQ(unknown_role("Survey Designer"),
              "unknown role 'Survey Designer': did you mean Data Scientist?");
    // Every word must be somewhere in the role's texts: "chatbot" alone is not enough.
    EXPECT_EQ(unknown_role("chatbot astronaut"), "unknown role 'chatbot astronaut'");
}

TEST_F(IndexSuggestions, AtMostThreeFromTheIndexBestFirst) {
    // Five roles whose tasks say "quasar", NLP Engineer's twice: no spelling is near it.
    sql("INSERT INTO responsibilities (role_id, position, description) SELECT id, 99, "
        "'Calibrate the quasar telescopes' FROM roles WHERE name IN ('MLOps Engineer', "
        "'NLP Engineer', 'Data Scientist', 'Big Data Engineer', 'Computer Vision Engineer')");
    sql("INSERT INTO responsibilities (role_id, position, description) SELECT id, 98, "
        "'Report on the quasars' FROM roles WHERE name = 'NLP Engineer'");
    EXPECT_EQ(
        names_.suggestions(NameKind::kRole, "quasar", 10),
        (std::vector<std::string>{"NLP Engineer", "Big Data Engineer", "Computer Vision Engineer"}))
        << "the most texts first, then by name; three of the five";
    EXPECT_EQ(search_candidates(*database_, "quasar", NameKind::kRole, 10).size(), 5u);
    EXPECT_TRUE(names_.suggestions(NameKind::kSkill, "quasar").empty()) << "roles' texts only";
}

TEST(IndexSuggestionsOnTheSeededBase, NearSpellingsComeFirstAndAreNotRepeated) {
    test::TempDir dir;
    const auto database = open_knowledge_base(test::make_seeded_database(dir), Access::kReadOnly);
    NameResolver names(*database);
    // The index's names and titles also hold "ML" and "engineer" for Big Data Engineer, which the
    // spellings already suggest: it is not suggested twice, and nothing else is added.
    EXPECT_EQ(names.suggestions(NameKind::kRole, "ML Engineer"),
              (std::vector<std::string>{"Machine Learning Engineer", "Big Data Engineer"}));
    EXPECT_EQ(names.suggestions(NameKind::kRole, "Data Scientis"),
              (std::vector<std::string>{"Data Scientist"}));
    EXPECT_EQ(names.suggestions(NameKind::kSkill, "pyton"), (std::vector<std::string>{"Python"}));
}

TEST_F(IndexSuggestions, TheIndexFollowsWhatTheBaseSays) {
    sql("INSERT INTO responsibilities (role_id, position, description) SELECT id, 99, "
        "'Calibrate the quasar telescopes' FROM roles WHERE name = 'MLOps Engineer'");
    EXPECT_EQ(unknown_role("quasar engineer"),
              "unknown role 'quasar engineer': did you mean MLOps Engineer?");
    sql("DELETE FROM responsibilities WHERE description LIKE '%quasar%'");
    EXPECT_EQ(unknown_role("quasar engineer"), "unknown role 'quasar engineer'");
}

TEST_F(IndexSuggestions, OneStatementThatReadsTheIndexThenTheDocumentsByKey) {
    std::string sql;
    for (const auto& statement : plan::statements_of(database_->native_handle(), [&] {
             names_.suggestions(NameKind::kRole, "chatbot developer");
         })) {
        if (statement.find("search_index MATCH") != std::string::npos) {
            EXPECT_TRUE(sql.empty()) << "one statement for the index";
            sql = statement;
        }
    }
    ASSERT_FALSE(sql.empty());
    SQLite::Database connection(path_.string(), SQLite::OPEN_READONLY);
    SQLite::Statement plan(connection, "EXPLAIN QUERY PLAN " + sql);
    std::string lines;
    while (plan.executeStep()) {
        lines += plan.getColumn(3).getString() + "\n";
    }
    EXPECT_NE(lines.find("SCAN search_index VIRTUAL TABLE INDEX"), std::string::npos) << lines;
    EXPECT_NE(lines.find("SEARCH d USING INTEGER PRIMARY KEY"), std::string::npos) << lines;
    EXPECT_EQ(lines.find("SCAN d"), std::string::npos) << lines;
    EXPECT_LT(lines.find("SCAN search_index"), lines.find("SEARCH d")) << "index first" << lines;
}

} // namespace
} // namespace jobkb
