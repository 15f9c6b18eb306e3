#include "jobkb/catalog.hpp"
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace jobkb {
namespace {

class CatalogTest : public ::testing::Test {
protected:
    test::TempDir dir_;
    std::unique_ptr<Database> database_ =
        open_knowledge_base(test::make_seeded_database(dir_), Access::kReadOnly);
    Catalog catalog_{*database_};

    Error refusal_of(const RoleFilter& filter) {
        try {
            catalog_.roles(filter);
        } catch (const Error& error) {
            return error;
        }
        ADD_FAILURE() << "no error";
        return Error(ErrorCode::kSqlite, "none");
    }

    // The SQL of every statement the connection has prepared.
    std::vector<std::string> prepared() {
        std::vector<std::string> sql;
        sqlite3* handle = database_->native_handle();
        for (sqlite3_stmt* s = sqlite3_next_stmt(handle, nullptr); s != nullptr;
             s = sqlite3_next_stmt(handle, s)) {
            sql.emplace_back(sqlite3_sql(s));
        }
        return sql;
    }
};

// The library speaks of what the caller asked for, not of a front end's options.
TEST_F(CatalogTest, SalaryFiltersNeedACountry) {
    RoleFilter filter;
    filter.min_salary = "100000";
    auto error = refusal_of(filter);
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_STREQ(error.what(), "a minimum salary needs a country: salaries are compared in one "
                               "country's currency");
    filter = {};
    filter.sort = RoleSort::kSalary;
    error = refusal_of(filter);
    EXPECT_STREQ(error.what(), "sorting by salary needs a country: salaries are compared in one "
                               "country's currency");
    filter.country = "US";
    filter.min_salary = "₹100";
    error = refusal_of(filter);
    EXPECT_EQ(error.doing(), "reading the minimum salary");
    EXPECT_NE(error.cause().find("'₹100' has the sign ₹"), std::string::npos) << error.what();
}

// A call prepares what it runs and nothing else: start-up is most of a CLI call.
TEST_F(CatalogTest, ACallPreparesOnlyTheStatementsItRuns) {
    const auto before = prepared().size();
    catalog_.role_profile("MLOps Engineer");
    const auto statements = prepared();
    // The name lookup, the role and its five lists, what sources say of it (its sources, codes,
    // descriptions, tasks, technology skills, titles, stated relations), its broader
    // occupation's role, the sources themselves, and the snapshot's BEGIN and COMMIT.
    EXPECT_LE(statements.size() - before, 18u);
    for (const auto& sql : statements) {
        EXPECT_EQ(sql.find("json_each"), std::string::npos) << "a listing statement: " << sql;
        EXPECT_EQ(sql.find("current_observations"), std::string::npos) << "a summary: " << sql;
    }
    const auto count = statements.size();
    catalog_.role_profile("Big Data Engineer"); // also within an occupation: the same statements
    EXPECT_EQ(prepared().size(), count) << "the second call prepares nothing";
}

} // namespace
} // namespace jobkb
