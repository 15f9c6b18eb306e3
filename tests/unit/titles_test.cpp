// Titles taught, listed and forgotten by hand (titles.hpp), and how a lookup uses them.
#include "jobkb/aliases.hpp"
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/names.hpp"
#include "jobkb/titles.hpp"
#include "support/errors.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

class Titles : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadWrite);

    template <typename Fn> Error failure(Fn&& fn, ErrorCode code) {
        return test::error_of(fn, code);
    }

    std::string resolved(const std::string& name) {
        return NameResolver(*database_).resolve(NameKind::kRole, name).name;
    }
};

TEST_F(Titles, ATitleFindsItsRoleUntilASecondRoleHasItToo) {
    const auto added = add_role_title(*database_, "Machine Learning Engineer", " ML Engineer ");
    EXPECT_EQ(added.title.title, "ML Engineer");
    EXPECT_EQ(added.title.kind, "user");
    EXPECT_TRUE(added.also_names.empty());
    EXPECT_EQ(resolved("ml engineer"), "Machine Learning Engineer");

    const auto second = add_role_title(*database_, "MLOps Engineer", "ML Engineer");
    EXPECT_EQ(second.also_names, std::vector<std::string>{"Machine Learning Engineer"});
    const auto ambiguous = failure([&] { resolved("ML Engineer"); }, ErrorCode::kAmbiguous);
    EXPECT_EQ(std::string(ambiguous.what()),
              "ambiguous role 'ML Engineer': it names 2 roles: Machine Learning Engineer, MLOps "
              "Engineer");

    const auto listed = list_role_titles(*database_);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].role, "Machine Learning Engineer") << "by role, then title";
    EXPECT_EQ(list_role_titles(*database_, std::string("machine learning engineer")).size(), 1u);

    const auto removed = remove_role_title(*database_, "mlops-engineer", "ml engineer");
    EXPECT_EQ(removed.title, "ML Engineer");
    EXPECT_EQ(resolved("ML Engineer"), "Machine Learning Engineer");
    EXPECT_EQ(failure([&] { remove_role_title(*database_, "MLOps Engineer", "ML Engineer"); },
                      ErrorCode::kNotFound)
                  .hint()
                  .kind,
              HintKind::kListTitles);
}

TEST_F(Titles, ATitleThatANameOrAliasWouldShadowIsRefused) {
    const std::string before = test::content_dump(path_);
    for (const auto& [role, title] :
         std::vector<std::pair<std::string, std::string>>{{"Data Scientist", "data scientist"},
                                                          {"Data Scientist", "Data Scientists"},
                                                          {"Data Scientist", "NLP Engineer"},
                                                          {"Data Scientist", "NLP Engineers"},
                                                          {"Data Scientist", ""},
                                                          {"Data Scientist", "a\nb"},
                                                          {"Data Scientist", "\xc3"}}) {
        failure([&] { add_role_title(*database_, role, title); }, ErrorCode::kInvalidArgument);
    }
    failure([&] { add_role_title(*database_, "Nobody", "Somebody"); }, ErrorCode::kNotFound);
    add_role_title(*database_, "Data Scientist", "Quant");
    failure([&] { add_role_title(*database_, "Data Scientist", "quant"); },
            ErrorCode::kInvalidArgument);
    remove_role_title(*database_, "Data Scientist", "Quant");
    EXPECT_EQ(test::content_dump(path_), before);
}

// Teaching another role's name as an alias says what would help: merging or renaming.
TEST_F(Titles, AnAliasThatIsAnotherRolesNameSuggestsMergingOrRenaming) {
    const auto error =
        failure([&] { add_role_alias(*database_, "Data Scientist", "nlp engineer"); },
                ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.hint().kind, HintKind::kMergeOrRename);
    EXPECT_EQ(error.hint().value, "NLP Engineer");
    EXPECT_EQ(error.hint().field, "Data Scientist");
    EXPECT_EQ(std::string(error.what()),
              "alias 'nlp engineer' is the name of another role, NLP Engineer: merge NLP Engineer "
              "into Data Scientist, or rename NLP Engineer first");
    EXPECT_EQ(failure([&] { add_role_alias(*database_, "Data Scientist", "NLP Engineers"); },
                      ErrorCode::kInvalidArgument)
                  .hint()
                  .kind,
              HintKind::kRemoveAliasFirst);
}

} // namespace
} // namespace jobkb
