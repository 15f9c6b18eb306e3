// The statements behind the everyday filters read indexes: EXPLAIN QUERY PLAN of every statement
// the library actually runs (captured with sqlite3_trace_v2) shows no full scan of roles, the role
// links or the salary tables.
#include "jobkb/catalog.hpp"
#include "jobkb/comparison.hpp"
#include "jobkb/error.hpp"
#include "jobkb/import.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/names.hpp"
#include "jobkb/role_management.hpp"
#include "support/fixtures.hpp"
#include "support/query_plan.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

namespace jobkb {
namespace {

// A query of a role and country (either may be absent), the latest figures or all.
SalaryQuery salary_query(std::optional<std::string> role, std::optional<std::string> country,
                         bool history) {
    SalaryQuery query;
    query.role = std::move(role);
    query.country = std::move(country);
    query.history = history;
    return query;
}

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
        catalog_.salaries(salary_query(std::string("Data Scientist"), std::string("IN"), false));
        catalog_.salaries(salary_query(std::string("Data Scientist"), std::string("IN"), true));
        catalog_.salaries(salary_query(std::string("Data Scientist"), std::nullopt, true));
    });
    expect_indexed("a role's reports in a country, filtered and grouped by dimensions", [&] {
        SalaryQuery query = salary_query(std::string("Data Scientist"), std::string("US"), false);
        query.level = "senior";
        query.employment = "full-time";
        query.by_level = true;
        query.by_work_setting = true;
        catalog_.report_summaries(query);
        catalog_.salaries(query);
    });
    expect_indexed("an area's salaries, history and reports, and reports by area", [&] {
        SalaryQuery query = salary_query(std::nullopt, std::nullopt, false);
        query.area = "US-AL";
        catalog_.salaries(query);
        query.history = true;
        catalog_.salaries(query);
        query.history = false;
        query.role = "Data Scientist";
        catalog_.salaries(query);
        query.history = true;
        catalog_.salaries(query);
        query.history = false;
        catalog_.report_summaries(query);
        query.role.reset();
        query.area = "Alabama";
        query.country = "US";
        catalog_.salaries(query);
        catalog_.report_summaries(query);
        query.area.reset();
        query.role = "Data Scientist";
        query.by_area = true;
        catalog_.report_summaries(query);
    });
    expect_indexed("latest salary per role in a country", [&] {
        catalog_.salaries(salary_query(std::nullopt, std::string("IN"), false));
    });
    expect_indexed("related roles", [&] { related_roles(catalog_, "NLP Engineer", 5); });
    expect_indexed("skill gap", [&] { skill_gap(catalog_, "Data Scientist", "NLP Engineer"); });
}

// Names are found by one statement of index searches, whichever kind of name they are (see
// names.cpp), and the ambiguous ones listed by index too. Suggestions read every spelling on
// purpose and only for a name that matches nothing, so they are not here.
TEST(NameQueryPlans, NamesCodesTitlesAndCountriesUseIndexes) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    {
        const auto writer = open_knowledge_base(path, Access::kReadWrite);
        writer->execute("adding codes and titles", R"sql(
DELETE FROM role_codes;
INSERT INTO role_codes (role_id, scheme, code, relation) SELECT id, 'onet-soc-2019', '15-2051.00',
'is' FROM roles WHERE slug = 'data-scientist';
INSERT INTO role_codes (role_id, scheme, code, relation) SELECT id, 'onet-soc-2019', '15-1299.08',
'is' FROM roles WHERE slug = 'big-data-engineer';
INSERT INTO role_codes (role_id, scheme, code, relation) SELECT id, 'onet-soc-2019', '15-1299.09',
'is' FROM roles WHERE slug = 'mlops-engineer';
INSERT INTO role_titles (title, role_id, kind) SELECT 'Quant', id, 'user' FROM roles
WHERE slug = 'data-scientist';
INSERT INTO role_titles (title, role_id, kind) SELECT 'Data Analyst', id, 'user' FROM roles
WHERE slug IN ('data-scientist', 'nlp-engineer');
)sql");
    }
    const auto database = open_knowledge_base(path, Access::kReadOnly);
    NameResolver names(*database);
    const auto statements = plan::statements_of(database->native_handle(), [&] {
        for (const char* name : {"Data Scientist", "data-scientist", "Data Scientists",
                                 "15-2051.00", "15-2051", "Quant"}) {
            try {
                names.resolve(NameKind::kRole, name);
            } catch (const Error&) {
                ADD_FAILURE() << name;
            }
        }
        for (const char* name : {"Data Analyst", "15-1299"}) {
            EXPECT_FALSE(names.ambiguous_roles(name).empty()) << name;
        }
        for (const char* name : {"IN", "USA", "United States of America", "UK", "india"}) {
            names.resolve_country(name);
        }
    });
    EXPECT_FALSE(statements.empty());
    SQLite::Database connection(path.string(), SQLite::OPEN_READONLY);
    for (const auto& sql : statements) {
        EXPECT_EQ(plan::full_scans(connection, sql), std::vector<std::string>{}) << sql;
    }
}

// A merge and its undo, and the undo of a batch that created roles, on a base of a few roles:
// every statement finds its rows by index, so they stay quick on a base of many.
TEST(NameQueryPlans, MergesAndUndoingCreatedRolesUseIndexes) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const auto database = open_knowledge_base(path, Access::kReadWrite);
    ImportOptions options;
    options.file_name = "new.csv";
    options.create_roles = true;
    options.today = "2026-11-23";
    std::istringstream file(
        "role,country,currency,amount,as_of\nPrompt Engineer,US,USD,150000,2026\n");
    InputSource input(file, options.file_name);
    const auto batch = import_salaries(*database, input, options).batch_id;
    const auto statements = plan::statements_of(database->native_handle(), [&] {
        merge_roles(*database, "MLOps Engineer", "Machine Learning Engineer");
        undo_role_merge(*database, 1);
        list_role_merges(*database);
        rename_role(*database, "NLP Engineer", "Language Engineer");
        undo_import_batch_by_content(*database, batch);
    });
    SQLite::Database connection(path.string(), SQLite::OPEN_READONLY);
    for (const auto& sql : statements) {
        EXPECT_EQ(plan::full_scans(connection, sql), std::vector<std::string>{}) << sql;
    }
}

// An import that repeats figures the base holds (the same source's) finds them by the key index,
// row by row, and what it removes by the batch's index: no whole table is read.
TEST(ImportQueryPlans, FindingRepeatedFiguresUsesIndexes) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const auto database = open_knowledge_base(path, Access::kReadWrite);
    const auto import = [&](const std::string& name, const std::string& rows) {
        ImportOptions options;
        options.file_name = name;
        options.today = "2026-11-23";
        std::istringstream file("role,country,currency,amount,as_of,statistic,source\n" + rows);
        InputSource input(file, options.file_name);
        return import_salaries(*database, input, options);
    };
    const std::string first = "Data Scientist,US,USD,120000,2026,point,Survey\n"
                              "Data Scientist,US,USD,120000,2026,point,Survey\n";
    ASSERT_TRUE(import("first.csv", first).committed);
    ImportReport again;
    const auto statements = plan::statements_of(database->native_handle(), [&] {
        again = import("again.csv", first + "NLP Engineer,US,USD,90000,2026,point,Survey\n");
    });
    EXPECT_EQ(again.rows_inserted, 1);
    EXPECT_EQ(again.rows_unchanged, 2);
    bool compared = false;
    SQLite::Database connection(path.string(), SQLite::OPEN_READONLY);
    for (const auto& sql : statements) {
        compared = compared || sql.starts_with("DELETE FROM salary_observations WHERE id IN (");
        if (!sql.starts_with("--")) { // a trigger's program, run inside its statement
            EXPECT_EQ(plan::full_scans(connection, sql), std::vector<std::string>{}) << sql;
        }
    }
    EXPECT_TRUE(compared) << "the repeated figures were not looked for";
}

// Deleting an observation (undo, removing a role) makes SQLite's foreign-key enforcement look for
// the salary_latest row that references it, once per deleted row, with this lookup: without
// salary_latest_by_observation (migration 0012) it read the whole table each time, so undoing a
// batch took time in the square of its size.
TEST(ImportQueryPlans, TheLatestFigureOfAnObservationIsFoundByIndex) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    SQLite::Database connection(path.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(plan::full_scans(connection, "SELECT 1 FROM salary_latest WHERE observation_id = 1"),
              std::vector<std::string>{});
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
