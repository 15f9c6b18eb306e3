#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/statement.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

namespace jobkb {
namespace {

using detail::Statement;

class StatementTest : public ::testing::Test {
protected:
    test::TempDir dir_;
    std::unique_ptr<Database> database_ =
        open_knowledge_base(test::make_seeded_database(dir_), Access::kReadWrite);

    // Statements of the connection that have stepped and not been reset.
    int busy_statements() {
        int busy = 0;
        sqlite3* handle = database_->native_handle();
        for (sqlite3_stmt* s = sqlite3_next_stmt(handle, nullptr); s != nullptr;
             s = sqlite3_next_stmt(handle, s)) {
            busy += sqlite3_stmt_busy(s);
        }
        return busy;
    }
};

TEST_F(StatementTest, AUseResetsTheStatementWhenItLeavesScope) {
    Statement roles(*database_, "listing roles", "SELECT name FROM roles ORDER BY name");
    {
        auto use = roles.use();
        ASSERT_TRUE(use.step());
        EXPECT_EQ(busy_statements(), 1);
    }
    EXPECT_EQ(busy_statements(), 0);
    // The next use starts from the first row again.
    auto again = roles.use();
    ASSERT_TRUE(again.step());
    EXPECT_EQ(again.text(0), "AI/ML Research Scientist");
}

TEST_F(StatementTest, BindingsAreClearedBetweenUses) {
    Statement by_slug(*database_, "finding a role",
                      "SELECT count(*) FROM roles WHERE slug = :slug");
    EXPECT_EQ(by_slug.use().bind(":slug", "data-scientist").single_row().int64(0), 1);
    // Unbound, :slug is NULL again: nothing matches.
    EXPECT_EQ(by_slug.use().single_row().int64(0), 0);
}

TEST_F(StatementTest, TwoHandlesOfOneSqlShareOnePreparedStatement) {
    const std::string sql = "SELECT count(*) FROM roles";
    Statement first(*database_, "counting roles", sql);
    Statement second(*database_, "counting roles", sql);
    const auto seven = first.use().single_row().int64(0);
    EXPECT_EQ(second.use().single_row().int64(0), seven);
    int prepared = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(database_->native_handle(), nullptr); s != nullptr;
         s = sqlite3_next_stmt(database_->native_handle(), s)) {
        prepared += sql == sqlite3_sql(s) ? 1 : 0;
    }
    EXPECT_EQ(prepared, 1);
}

// What a failure says: the file, what was being done, SQLite's message.
Error failure_of(const std::function<void()>& work) {
    try {
        work();
    } catch (const Error& error) {
        return error;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorCode::kSqlite, "none");
}

TEST_F(StatementTest, FailuresNameTheFileAndWhatWasBeingDone) {
    const std::string path = database_->path().string();

    Statement bad_sql(*database_, "reading the moon", "SELECT * FROM moon");
    const Error prepare = failure_of([&] { bad_sql.use(); });
    EXPECT_EQ(prepare.code(), ErrorCode::kSqlite);
    EXPECT_EQ(prepare.path(), path);
    EXPECT_EQ(prepare.doing(), "reading the moon");
    EXPECT_NE(prepare.cause().find("no such table: moon"), std::string::npos) << prepare.cause();
    EXPECT_EQ(std::string(prepare.what()).rfind(path + ": reading the moon: ", 0), 0u)
        << prepare.what();

    Statement roles(*database_, "listing roles", "SELECT name FROM roles WHERE slug = :slug");
    const Error bind = failure_of([&] { roles.use().bind(":nope", "x"); });
    EXPECT_EQ(bind.doing(), "listing roles");
    EXPECT_EQ(bind.path(), path);

    const Error column = failure_of([&] {
        auto use = roles.use().bind(":slug", "data-scientist");
        use.step();
        use.text(5);
    });
    EXPECT_EQ(column.doing(), "listing roles");

    const Error no_row = failure_of([&] { roles.use().bind(":slug", "nobody").single_row(); });
    EXPECT_NE(no_row.cause().find("no row"), std::string::npos);

    // A history row may not be rewritten: the trigger's refusal arrives as an Error too.
    Statement rewrite(*database_, "rewriting history",
                      "UPDATE salary_observations SET amount_minor = 1");
    const Error step = failure_of([&] { rewrite.use().exec(); });
    EXPECT_EQ(step.doing(), "rewriting history");
    EXPECT_EQ(busy_statements(), 0);
}

TEST_F(StatementTest, AUseInsideAUseOfTheSameStatementIsRefused) {
    Statement roles(*database_, "listing roles", "SELECT name FROM roles");
    auto outer = roles.use();
    ASSERT_TRUE(outer.step());
    const Error nested = failure_of([&] { roles.use(); });
    EXPECT_NE(nested.cause().find("already in use"), std::string::npos);
    // The outer use is undisturbed.
    EXPECT_FALSE(outer.text(0).empty());
}

TEST_F(StatementTest, ExecReturnsTheRowsChanged) {
    WriteTransaction transaction(*database_);
    Statement rename(*database_, "renaming",
                     "UPDATE industries SET name = name || '!' WHERE "
                     "name LIKE 'F%'");
    EXPECT_GT(rename.use().exec(), 0);
}

TEST(ErrorTest, MessagesJoinTheirPartsAndWordTheHint) {
    const Error error(ErrorCode::kDatabaseTooOld,
                      ErrorDetails{"/srv/kb.db", "",
                                   "schema version 1 is older than this jobkb's (2)",
                                   Hint{HintKind::kMigrate, {}, {}}});
    EXPECT_STREQ(error.what(),
                 "/srv/kb.db: schema version 1 is older than this jobkb's (2): migrate it first");
    EXPECT_EQ(error.message("run 'jobkb migrate' first"),
              "/srv/kb.db: schema version 1 is older than this jobkb's (2): run 'jobkb migrate' "
              "first");
    EXPECT_EQ(error.with_path("/other.db").path(), "/other.db");
    EXPECT_EQ(error.with_path("/other.db").hint().kind, HintKind::kMigrate);
    EXPECT_STREQ(Error(ErrorCode::kNotFound, "no such thing").what(), "no such thing");
}

// No library message names a CLI option or command: every HintKind has library words that do not.
TEST(ErrorTest, LibraryHintsNameNoCommandOrOption) {
    for (int kind = static_cast<int>(HintKind::kNone);
         kind <= static_cast<int>(HintKind::kAllowOutliers); ++kind) {
        const std::string text = describe_hint(Hint{static_cast<HintKind>(kind), "as_of", "As Of"});
        EXPECT_EQ(text.find("--"), std::string::npos) << text;
        EXPECT_EQ(text.find("'jobkb "), std::string::npos) << text;
        EXPECT_EQ(text.empty(), kind == static_cast<int>(HintKind::kNone)) << kind;
    }
}

} // namespace
} // namespace jobkb
