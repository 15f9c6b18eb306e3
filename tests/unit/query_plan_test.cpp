// The statements behind the everyday filters read indexes: EXPLAIN QUERY PLAN of every statement
// the library actually runs (captured with sqlite3_trace_v2) shows no full scan of roles, the role
// links or the salary tables.
#include "jobkb/catalog.hpp"
#include "jobkb/comparison.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"
#include "support/query_plan.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <functional>

namespace jobkb {
namespace {

class QueryPlans : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadOnly);
    Catalog catalog_{*database_};

    void expect_indexed(const char* what, const std::function<void()>& work) {
        const auto statements = plan::statements_of(database_->native_handle(), work);
        EXPECT_FALSE(statements.empty()) << what;
        SQLite::Database connection(path_.string(), SQLite::OPEN_READONLY);
        for (const auto& sql : statements) {
            EXPECT_EQ(plan::full_scans(connection, sql), std::vector<std::string>{})
                << what << ":\n"
                << sql;
        }
    }
};

TEST_F(QueryPlans, FiltersUseIndexes) {
    expect_indexed("roles with a skill", [&] {
        RoleFilter filter;
        filter.skills = {"python"};
        catalog_.roles(filter);
    });
    expect_indexed("roles with all of three skills", [&] {
        RoleFilter filter;
        filter.skills = {"python", "sql", "r"};
        filter.match = SkillMatch::kAll;
        catalog_.roles(filter);
    });
    expect_indexed("roles in an industry", [&] {
        RoleFilter filter;
        filter.industries = {"healthcare"};
        catalog_.roles(filter);
    });
    expect_indexed("a role's profile", [&] { catalog_.role_profile("MLOps Engineer"); });
    expect_indexed("a role's salaries and history", [&] {
        catalog_.salaries(SalaryQuery{std::string("Data Scientist"), std::string("IN"), false});
        catalog_.salaries(SalaryQuery{std::string("Data Scientist"), std::string("IN"), true});
        catalog_.salaries(SalaryQuery{std::string("Data Scientist"), std::nullopt, true});
    });
    expect_indexed("latest salary per role in a country", [&] {
        catalog_.salaries(SalaryQuery{std::nullopt, std::string("IN"), false});
    });
    expect_indexed("related roles", [&] { related_roles(catalog_, "NLP Engineer", 5); });
    expect_indexed("skill gap", [&] { skill_gap(catalog_, "Data Scientist", "NLP Engineer"); });
}

TEST(QueryPlanCheck, SeesAFullScan) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    SQLite::Database connection(path.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(plan::full_scans(connection, "SELECT r.name FROM roles r WHERE r.summary LIKE '%x%'")
                  .size(),
              1u);
    EXPECT_TRUE(plan::full_scans(connection, "SELECT name FROM roles WHERE id = 1").empty());
}

} // namespace
} // namespace jobkb
