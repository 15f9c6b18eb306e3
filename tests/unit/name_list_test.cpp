// names_starting_with, which shell completion calls on every Tab: canonical names by prefix in
// any letter case, country codes with figures, on the names' indexes.
#include "jobkb/knowledge_base.hpp"
#include "jobkb/name_list.hpp"
#include "support/fixtures.hpp"
#include "support/query_plan.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

namespace jobkb {
namespace {

using Names = std::vector<std::string>;

class NameLists : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadOnly);
};

TEST_F(NameLists, NamesByPrefixInAnyCase) {
    EXPECT_EQ(names_starting_with(*database_, NameList::kRoles, "mach"),
              (Names{"Machine Learning Engineer"}));
    EXPECT_EQ(names_starting_with(*database_, NameList::kRoles, "M"),
              (Names{"Machine Learning Engineer", "MLOps Engineer"}));
    EXPECT_EQ(names_starting_with(*database_, NameList::kRoles, "").size(), 7u);
    EXPECT_EQ(names_starting_with(*database_, NameList::kRoles, "", 2),
              (Names{"AI/ML Research Scientist", "Big Data Engineer"}));
    EXPECT_EQ(names_starting_with(*database_, NameList::kRoles, "AI/"),
              (Names{"AI/ML Research Scientist"}));
    EXPECT_EQ(names_starting_with(*database_, NameList::kSkills, "PY"),
              (Names{"Python", "PyTorch"}));
    EXPECT_EQ(names_starting_with(*database_, NameList::kIndustries, "health"),
              (Names{"Healthcare"}));
    EXPECT_EQ(names_starting_with(*database_, NameList::kRoles, "zzz"), Names{});
}

TEST_F(NameLists, CountriesAreTheCodesWithFigures) {
    EXPECT_EQ(names_starting_with(*database_, NameList::kCountries, ""), (Names{"GB", "IN", "US"}));
    EXPECT_EQ(names_starting_with(*database_, NameList::kCountries, "i"), (Names{"IN"}));
}

TEST_F(NameLists, ReadsRangesOfIndexes) {
    const auto statements = plan::statements_of(database_->native_handle(), [&] {
        for (const auto list :
             {NameList::kRoles, NameList::kSkills, NameList::kIndustries, NameList::kCountries}) {
            names_starting_with(*database_, list, "m");
        }
    });
    ASSERT_EQ(statements.size(), 4u);
    SQLite::Database connection(path_.string(), SQLite::OPEN_READONLY);
    for (const auto& sql : statements) {
        SQLite::Statement explain(connection, "EXPLAIN QUERY PLAN " + sql);
        while (explain.executeStep()) {
            const std::string detail = explain.getColumn(3).getString();
            EXPECT_NE(detail.find("USING COVERING INDEX"), std::string::npos) << sql << "\n"
                                                                              << detail;
        }
    }
}

} // namespace
} // namespace jobkb
