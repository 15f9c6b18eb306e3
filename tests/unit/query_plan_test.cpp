// The statements behind the everyday filters read indexes: EXPLAIN QUERY PLAN of every statement
// the library actually runs (captured with sqlite3_trace_v2) shows no full scan of roles, the role
// links or the salary tables.
#include "jobkb/catalog.hpp"
#include "jobkb/comparison.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <regex>
#include <set>

namespace jobkb {
namespace {

int remember_statement(unsigned, void* context, void* statement, void*) {
    auto& seen = *static_cast<std::set<std::string>*>(context);
    seen.insert(sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
    return 0;
}

// The SQL texts a piece of library work runs.
std::set<std::string> statements_of(Database& database, const std::function<void()>& work) {
    std::set<std::string> seen;
    sqlite3_trace_v2(database.connection().getHandle(), SQLITE_TRACE_STMT, remember_statement,
                     &seen);
    work();
    sqlite3_trace_v2(database.connection().getHandle(), 0, nullptr, nullptr);
    return seen;
}

// Plan lines that scan a whole table of roles, links or salaries. The plan names tables by the
// alias the query gives them, so the check is on the table behind each alias.
std::vector<std::string> full_scans(const test::fs::path& path, const std::string& sql) {
    SQLite::Database connection(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement plan(connection, "EXPLAIN QUERY PLAN " + sql);
    static const std::set<std::string> kGuarded = {"roles", "role_skills", "role_industries",
                                                   "salary_observations", "salary_latest"};
    std::map<std::string, std::string> table_of; // alias -> table
    static const std::regex kAlias(
        R"(\b(roles|role_skills|role_industries|salary_observations|salary_latest)\s+(?:AS\s+)?([a-z_]+)\b)",
        std::regex::icase);
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), kAlias);
         it != std::sregex_iterator(); ++it) {
        table_of[(*it)[2]] = (*it)[1];
    }
    std::vector<std::string> scans;
    while (plan.executeStep()) {
        const std::string detail = plan.getColumn(3).getString();
        std::smatch match;
        if (std::regex_search(detail, match, std::regex(R"(^SCAN (\w+))"))) {
            const std::string name = match[1];
            const std::string table = table_of.count(name) ? table_of[name] : name;
            if (kGuarded.count(table)) {
                scans.push_back(detail);
            }
        }
    }
    return scans;
}

class QueryPlans : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadOnly);
    Catalog catalog_{*database_};

    void expect_indexed(const char* what, const std::function<void()>& work) {
        const auto statements = statements_of(*database_, work);
        EXPECT_FALSE(statements.empty()) << what;
        for (const auto& sql : statements) {
            EXPECT_EQ(full_scans(path_, sql), std::vector<std::string>{}) << what << ":\n" << sql;
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
    expect_indexed("related roles", [&] { related_roles(catalog_, "NLP Engineer", 5); });
    expect_indexed("skill gap", [&] { skill_gap(catalog_, "Data Scientist", "NLP Engineer"); });
}

TEST(QueryPlanCheck, SeesAFullScan) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    EXPECT_EQ(full_scans(path, "SELECT r.name FROM roles r WHERE r.summary LIKE '%x%'").size(), 1u);
    EXPECT_TRUE(full_scans(path, "SELECT name FROM roles WHERE id = 1").empty());
}

} // namespace
} // namespace jobkb
