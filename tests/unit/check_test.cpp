#include "jobkb/check.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/migrator.hpp"
#include "support/fixtures.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

namespace jobkb {
namespace {

using test::TempDir;

// The findings of `jobkb check` on the file, with the database opened as check opens it.
std::vector<HealthProblem> findings(const test::fs::path& path) {
    auto database = open_knowledge_base(path, Access::kReadOnly, SchemaPolicy::kInspect);
    return check_knowledge_base(*database);
}

TEST(Check, AHealthyBaseHasNoFindings) {
    TempDir dir;
    EXPECT_TRUE(findings(test::make_seeded_database(dir)).empty());
}

// Findings are report lines; what the user can do about one is its Hint, which the CLI words.
TEST(Check, ReportsHints) {
    TempDir dir;
    const auto path = dir / "kb.db";
    {
        Database database(path, Access::kReadWrite, OpenMode::kCreate);
        Migrator(database, known_migrations().first(1)).apply_pending();
    }
    auto problems = findings(path);
    ASSERT_EQ(problems.size(), known_migrations().size() - 1);
    EXPECT_EQ(problems[0].check, "migrations");
    EXPECT_EQ(problems[0].detail, known_migrations()[1].name + " is pending");
    EXPECT_EQ(problems[0].hint.kind, HintKind::kMigrate);

    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 99");
    }
    problems = findings(path);
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems.back().detail, "schema version 99 is newer than this jobkb knows (" +
                                          std::to_string(latest_schema_version()) + ")");
    EXPECT_EQ(problems.back().hint.kind, HintKind::kNewerJobkb);
    for (const auto& problem : problems) {
        EXPECT_EQ(problem.detail.find("jobkb migrate"), std::string::npos) << problem.detail;
    }
}

TEST(Check, AFileNoMigrationWasAppliedToNeedsMigrating) {
    TempDir dir;
    const auto path = dir / "kb.db";
    {
        Database database(path, Access::kReadWrite, OpenMode::kCreate);
        database.execute("marking", "PRAGMA application_id = " + std::to_string(kApplicationId));
    }
    const auto problems = findings(path);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].detail, "no migration applied yet");
    EXPECT_EQ(problems[0].hint.kind, HintKind::kMigrate);
}

} // namespace
} // namespace jobkb
