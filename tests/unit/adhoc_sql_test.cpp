#include "jobkb/adhoc_sql.hpp"
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <optional>

namespace jobkb {
namespace {

class AdHocSql : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);

    // The Error a query ends with.
    std::optional<Error> refusal(std::string_view sql, const AdHocOptions& options = {}) {
        auto database = open_knowledge_base(path_, Access::kReadOnly);
        try {
            run_adhoc_sql(*database, sql, options);
        } catch (const Error& error) {
            return error;
        }
        ADD_FAILURE() << "no error for " << sql;
        return std::nullopt;
    }

    void expect(std::string_view sql, const AdHocOptions& options, ErrorCode code, HintKind hint,
                const std::string& cause) {
        const auto error = refusal(sql, options);
        ASSERT_TRUE(error) << sql;
        EXPECT_EQ(error->code(), code) << error->what();
        EXPECT_EQ(error->hint().kind, hint) << error->what();
        EXPECT_NE(error->cause().find(cause), std::string::npos) << error->what();
    }
};

constexpr const char* kEndless =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n";

TEST_F(AdHocSql, LimitsSayWhichStoppedTheQueryAndHowToRaiseIt) {
    AdHocOptions options;
    options.max_rows = 10;
    {
        // A read-only query stops at the row cap and returns what it read.
        auto database = open_knowledge_base(path_, Access::kReadOnly);
        const SqlResult result = run_adhoc_sql(*database, kEndless, options);
        EXPECT_TRUE(result.truncated);
        EXPECT_EQ(result.rows.size(), 10u);
    }
    {
        // A write is never stopped half done: with writes allowed the cap is an error.
        auto database = open_knowledge_base(path_, Access::kReadWrite);
        options.allow_writes = true;
        try {
            run_adhoc_sql(*database, kEndless, options);
            ADD_FAILURE() << "no error";
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), ErrorCode::kLimit) << error.what();
            EXPECT_EQ(error.hint().kind, HintKind::kRaiseRowLimit) << error.what();
            EXPECT_NE(error.cause().find("more than 10 rows"), std::string::npos) << error.what();
        }
    }
    options = {};
    options.time_limit = std::chrono::milliseconds(50);
    expect("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
           "SELECT count(*) FROM n",
           options, ErrorCode::kLimit, HintKind::kRaiseTimeLimit, "the time limit");
    options = {};
    options.max_result_bytes = 1 << 20;
    expect("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
           "SELECT printf('%.50000c', 'x') FROM n",
           options, ErrorCode::kLimit, HintKind::kRaiseSizeLimit, "stopped by the size cap");
}

// One value's length is bounded by max_value_bytes, whichever function builds it (the checked
// printf included), and the connection gets its own limit back afterwards.
TEST_F(AdHocSql, OneValueIsBoundedByMaxValueBytes) {
    auto database = open_knowledge_base(path_, Access::kReadOnly);
    sqlite3* handle = database->native_handle();
    const int before = sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, -1);
    AdHocOptions options;
    options.max_value_bytes = 1000;
    for (const char* sql : {"SELECT printf('%.1001c', 'x')", "SELECT zeroblob(1001)",
                            "SELECT replace(hex(zeroblob(600)), '0', 'a')"}) {
        try {
            run_adhoc_sql(*database, sql, options);
            ADD_FAILURE() << "no error for " << sql;
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument) << sql << ": " << error.what();
            EXPECT_NE(error.cause().find("too big"), std::string::npos) << error.what();
        }
        EXPECT_EQ(sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, -1), before) << sql;
    }
    const SqlResult fits =
        run_adhoc_sql(*database, "SELECT length(printf('%.900c', 'x'))", options);
    ASSERT_EQ(fits.rows.size(), 1u);
    EXPECT_EQ(std::get<std::int64_t>(fits.rows[0][0]), 900);
    // The default is 10,000,000 bytes.
    EXPECT_EQ(std::get<std::int64_t>(
                  run_adhoc_sql(*database, "SELECT length(zeroblob(5000000))", {}).rows[0][0]),
              5000000);
    for (const int wrong : {0, -1, 1'000'000'001}) {
        options.max_value_bytes = wrong;
        EXPECT_THROW(run_adhoc_sql(*database, "SELECT 1", options), Error) << wrong;
    }
}

TEST_F(AdHocSql, RefusalsCarryTheirHints) {
    expect("DELETE FROM roles", {}, ErrorCode::kInvalidArgument, HintKind::kAllowWrites,
           "would change the database");
    expect("SELECT 1; SELECT 2", {}, ErrorCode::kInvalidArgument, HintKind::kAllowSeveral,
           "only one statement");
    const auto unbound = refusal("SELECT :min");
    ASSERT_TRUE(unbound);
    EXPECT_EQ(unbound->hint().kind, HintKind::kBindParameter);
    EXPECT_EQ(unbound->hint().value, "min");
    expect("SELECT nme FROM roles", {}, ErrorCode::kInvalidArgument, HintKind::kNone,
           "query:1:8: no such column: nme");
}

// A damaged file is the file's failure, not an error in the query: it is reported as any other
// statement's is, with the file and the advice to check it.
TEST_F(AdHocSql, ADamagedFileIsReportedAsTheFilesFailure) {
    const auto root = std::stoll(test::query(path_, "SELECT rootpage FROM sqlite_schema "
                                                    "WHERE name = 'salary_observations'")[0][0]);
    const auto page_size = std::stoll(test::query(path_, "PRAGMA page_size")[0][0]);
    std::string bytes = test::read_bytes(path_);
    bytes.replace(static_cast<std::size_t>((root - 1) * page_size),
                  static_cast<std::size_t>(page_size), static_cast<std::size_t>(page_size), '\xff');
    test::write_bytes(path_, bytes);
    const auto error = refusal("SELECT count(*), sum(amount_minor) FROM salary_observations");
    ASSERT_TRUE(error);
    EXPECT_EQ(error->code(), ErrorCode::kCorrupt) << error->what();
    EXPECT_EQ(error->path(), path_.string());
    EXPECT_EQ(error->doing(), "running the query");
    EXPECT_EQ(error->hint().kind, HintKind::kCheck);
}

} // namespace
} // namespace jobkb
