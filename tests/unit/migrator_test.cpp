#include "jobkb/check.hpp"
#include "jobkb/connection.hpp"
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/migrator.hpp"
#include "jobkb/seeder.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

using test::query;
using test::TempDir;

TEST(Migrator, KnowsItsMigrationsInOrder) {
    ASSERT_GE(known_migrations().size(), 1u);
    EXPECT_EQ(known_migrations()[0].name, "0001_initial");
    for (std::size_t i = 0; i < known_migrations().size(); ++i) {
        EXPECT_EQ(known_migrations()[i].version, static_cast<int>(i + 1));
        EXPECT_EQ(known_migrations()[i].checksum.size(), 64u);
    }
    EXPECT_EQ(latest_schema_version(), static_cast<int>(known_migrations().size()));
}

TEST(Migrator, EmbeddedMigrationsAreTheFilesInTheSourceTree) {
    for (const auto& migration : known_migrations()) {
        const auto file = test::source_dir() / "migrations" / (migration.name + ".sql");
        EXPECT_EQ(migration.sql, test::read_bytes(file)) << migration.name;
    }
}

TEST(Migrator, ChecksumIgnoresLineEndings) {
    EXPECT_EQ(migration_checksum("CREATE TABLE t (x);\r\n-- c\r\n"),
              migration_checksum("CREATE TABLE t (x);\n-- c\n"));
    EXPECT_NE(migration_checksum("CREATE TABLE t (x);\n"),
              migration_checksum("CREATE TABLE t (y);\n"));
}

TEST(Migrator, AppliesEachMigrationWithItsRecordAndMarksTheFile) {
    TempDir dir;
    Database database(dir / "kb.db", Access::kReadWrite, OpenMode::kCreate);
    Migrator migrator(database);
    EXPECT_EQ(migrator.current_version(), 0);
    const auto applied = migrator.apply_pending();
    EXPECT_EQ(applied.size(), known_migrations().size());
    EXPECT_EQ(migrator.current_version(), latest_schema_version());
    EXPECT_EQ(jobkb::detail::connection(database).execAndGet("PRAGMA application_id").getInt(),
              kApplicationId);
    const auto records = query(dir / "kb.db", "SELECT version, name, checksum FROM "
                                              "schema_migrations ORDER BY version");
    ASSERT_EQ(records.size(), known_migrations().size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        EXPECT_EQ(records[i][1], known_migrations()[i].name);
        EXPECT_EQ(records[i][2], known_migrations()[i].checksum);
    }
    EXPECT_TRUE(migrator.apply_pending().empty()) << "a second run must apply nothing";
    for (const auto& line : migrator.status()) {
        EXPECT_TRUE(line.applied_at.has_value());
        EXPECT_FALSE(line.changed);
    }
}

TEST(Migrator, AFailingMigrationLeavesThePreviousVersionIntact) {
    TempDir dir;
    const auto path = dir / "kb.db";
    // The real first migration, then one that creates a table and fails half-way.
    std::vector<Migration> migrations(known_migrations().begin(), known_migrations().end());
    const std::string broken = "CREATE TABLE half_done (x INTEGER);\n"
                               "INSERT INTO no_such_table VALUES (1);\n";
    migrations.push_back(
        Migration{latest_schema_version() + 1, "9999_broken", broken, migration_checksum(broken)});
    Database database(path, Access::kReadWrite, OpenMode::kCreate);
    Migrator migrator(database, migrations);
    try {
        migrator.apply_pending();
        FAIL() << "the broken migration must fail";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("applying migration 9999_broken"),
                  std::string::npos)
            << error.what();
        EXPECT_NE(std::string(error.what()).find("no such table"), std::string::npos);
    }
    EXPECT_EQ(migrator.current_version(), latest_schema_version());
    EXPECT_EQ(query(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'")[0][0],
              "0");
    EXPECT_EQ(query(path, "SELECT max(version) FROM schema_migrations")[0][0],
              std::to_string(latest_schema_version()));
    const auto status = migrator.status();
    EXPECT_FALSE(status.back().applied_at.has_value()) << "9999_broken stays pending";
}

TEST(Migrator, RefusesADatabaseWhoseAppliedMigrationChanged) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    {
        Database database(path, Access::kReadWrite);
        database.execute("tampering",
                         "UPDATE schema_migrations SET checksum = "
                         "'0000000000000000000000000000000000000000000000000000000000000000'");
    }
    Database database(path, Access::kReadWrite);
    Migrator migrator(database);
    try {
        migrator.apply_pending();
        FAIL() << "a changed migration must be refused";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kMigrationChanged);
        EXPECT_NE(std::string(error.what()).find("0001_initial was changed"), std::string::npos)
            << error.what();
    }
    EXPECT_TRUE(migrator.status().front().changed);
}

TEST(Migrator, RefusesADatabaseFromANewerJobkb) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    {
        Database database(path, Access::kReadWrite);
        database.execute("pretending to be newer",
                         "PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
    }
    try {
        open_knowledge_base(path, Access::kReadOnly);
        FAIL() << "a newer database must be refused";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kDatabaseTooNew);
        EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos);
    }
    EXPECT_THROW(migrate_knowledge_base(path), Error);
}

TEST(Migrator, OlderDatabaseIsRefusedForUseButMigrates) {
    TempDir dir;
    const auto path = dir / "old.db";
    {
        // A jobkb file that no migration has been applied to yet: version 0.
        Database database(path, Access::kReadWrite, OpenMode::kCreate);
        database.execute("marking", "PRAGMA application_id = " + std::to_string(kApplicationId));
    }
    try {
        open_knowledge_base(path, Access::kReadOnly);
        FAIL() << "an older database must ask for migration";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kDatabaseTooOld);
        EXPECT_EQ(error.path(), path.string());
        EXPECT_EQ(error.hint().kind, HintKind::kMigrate) << error.what();
    }
    const auto report = migrate_knowledge_base(path);
    EXPECT_EQ(report.migrations.size(), known_migrations().size());
    EXPECT_NO_THROW(open_knowledge_base(path, Access::kReadOnly));
}

// Migration 0011 redefines the generated key text `dimensions` (dropped and added again with the
// area) and rebuilds salary_latest: a base at version 10 with figures of every kind (seeded, of
// dimensions, of a superseded batch) keeps every observation and exactly its current figures, and
// the figures of an area are a key of their own afterwards.
TEST(Migrator, AreasKeepTheFiguresOfABaseAtVersionTen) {
    TempDir dir;
    const auto path = dir / "ten.db";
    {
        Database database(path, Access::kReadWrite, OpenMode::kCreate);
        database.execute("marking", "PRAGMA application_id = " + std::to_string(kApplicationId));
        Migrator(database, known_migrations().first(10)).apply_pending();
        Seeder(database).apply({SeedSet::kReference, SeedSet::kArticle});
        database.execute("adding figures", R"sql(
INSERT INTO sources (slug, title, retrieved_on) VALUES ('survey', 'Survey', '2026-01-01');
INSERT INTO import_batches (file_name, sha256, settings, input_format, source_id, rows_read,
                            rows_inserted, rows_rejected, imported_at)
SELECT name, printf('%064d', n), '', 'csv', (SELECT id FROM sources WHERE slug = 'survey'), 1, 1,
       0, '2026-01-01T00:00:00Z'
FROM (SELECT 'old.csv' AS name, 1 AS n UNION ALL SELECT 'new.csv', 2);
INSERT INTO salary_observations (role_id, country_code, currency_code, amount_minor, as_of,
                                 source_id, level, employment, batch_id)
SELECT r.id, 'US', 'USD', v.amount, v.as_of, (SELECT id FROM sources WHERE slug = 'survey'),
       v.level, v.employment, v.batch
FROM roles r, (SELECT 9000000 AS amount, '2026-03' AS as_of, 'senior' AS level,
                      'full-time' AS employment, 1 AS batch
               UNION ALL SELECT 9100000, '2026-04', 'senior', 'full-time', 2
               UNION ALL SELECT 7000000, '2026', 'entry', NULL, 2
               UNION ALL SELECT 8000000, '2027', NULL, NULL, 1) v
WHERE r.slug = 'data-scientist';
UPDATE import_batches SET superseded_by = 2 WHERE id = 1;
)sql");
    }
    const std::string latest =
        "SELECT l.role_id, l.country_code, l.statistic, l.period, l.dimensions, l.as_of_key, "
        "l.observation_id FROM salary_latest l ORDER BY 1, 2, 3, 4, 5";
    const std::string observations =
        "SELECT id, role_id, amount_minor, as_of, qualifier, coalesce(level, '-'), "
        "coalesce(employment, '-'), dimensions, as_of_key, coalesce(batch_id, 0) FROM "
        "salary_observations ORDER BY id";
    const std::string headlines =
        "SELECT role, latest_yearly_averages FROM role_overview ORDER BY role";
    const auto latest_before = query(path, latest);
    const auto observations_before = query(path, observations);
    const auto headlines_before = query(path, headlines);
    // The seeded figures, the senior and entry keys; the superseded batch's 2027 figure is not
    // current.
    ASSERT_EQ(query(path, "SELECT group_concat(dimensions, ' ') FROM (SELECT dimensions FROM "
                          "salary_latest WHERE dimensions <> '' ORDER BY 1)")[0][0],
              "level=entry; level=senior;employment=full-time;");
    {
        Database database(path, Access::kReadWrite);
        Migrator migrator(database);
        EXPECT_EQ(migrator.apply_pending().size(), known_migrations().size() - 10);
        Seeder(database).apply({SeedSet::kReference});
        const auto problems = check_knowledge_base(database);
        EXPECT_TRUE(problems.empty()) << problems.front().check << ": " << problems.front().detail;
    }
    EXPECT_EQ(query(path, latest), latest_before);
    EXPECT_EQ(query(path, observations), observations_before);
    EXPECT_EQ(query(path, headlines), headlines_before);
    EXPECT_EQ(query(path, "SELECT count(*) FROM areas WHERE batch_id IS NULL")[0][0], "5127");
    // An area's figure is a key of its own; the whole country's stays the headline.
    {
        Database database(path, Access::kReadWrite);
        database.execute("adding an area's figure", R"sql(
INSERT INTO salary_observations (role_id, country_code, currency_code, amount_minor, as_of,
                                 source_id, area_id)
SELECT r.id, 'US', 'USD', 1, '2027-12-31', (SELECT id FROM sources WHERE slug = 'survey'),
       (SELECT id FROM areas WHERE code = 'US-AL')
FROM roles r WHERE r.slug = 'data-scientist';
)sql");
        const auto problems = check_knowledge_base(database);
        EXPECT_TRUE(problems.empty()) << problems.front().check << ": " << problems.front().detail;
    }
    EXPECT_EQ(query(path, latest).size(), latest_before.size() + 1);
    EXPECT_EQ(query(path, headlines), headlines_before);
}

} // namespace
} // namespace jobkb
