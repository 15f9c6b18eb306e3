#include "jobkb/connection.hpp"
#include "jobkb/database.hpp"
#include "jobkb/error.hpp"
#include "jobkb/migrator.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace jobkb {
namespace {

using test::query;
using test::TempDir;

// SQL text with comments removed and whitespace collapsed, so layout differences do not count.
std::string normalize_sql(const std::string& sql) {
    const std::string without_comments = std::regex_replace(sql, std::regex("--[^\n]*"), " ");
    std::string collapsed = std::regex_replace(without_comments, std::regex("\\s+"), " ");
    collapsed = std::regex_replace(collapsed, std::regex(" ?([(),;]) ?"), "$1");
    return collapsed;
}

// Everything that defines a schema: objects with their SQL, table options, columns, keys,
// indexes, and the vocabulary rows the schema ships with.
std::string describe_schema(const test::fs::path& database) {
    std::string description;
    for (const auto& row : query(database, "SELECT type, name, tbl_name, coalesce(sql, '') FROM "
                                           "sqlite_schema ORDER BY type, name")) {
        description +=
            row[0] + " " + row[1] + " on " + row[2] + ": " + normalize_sql(row[3]) + "\n";
    }
    for (const auto& row :
         query(database, "SELECT name, type, ncol, wr, strict FROM "
                         "pragma_table_list WHERE schema = 'main' ORDER BY name")) {
        description += "table " + row[0] + " " + row[1] + " ncol=" + row[2] +
                       " without_rowid=" + row[3] + " strict=" + row[4] + "\n";
        for (const auto& column :
             query(database, "SELECT name, type, \"notnull\", coalesce(dflt_value, 'NULL'), pk "
                             "FROM pragma_table_xinfo('" +
                                 row[0] + "') ORDER BY cid")) {
            description += "  column " + column[0] + " " + column[1] + " notnull=" + column[2] +
                           " default=" + column[3] + " pk=" + column[4] + "\n";
        }
        for (const auto& key : query(database, "SELECT \"table\", \"from\", coalesce(\"to\", ''), "
                                               "on_delete FROM pragma_foreign_key_list('" +
                                                   row[0] + "') ORDER BY id, seq")) {
            description +=
                "  fk " + key[1] + " -> " + key[0] + "(" + key[2] + ") on delete " + key[3] + "\n";
        }
    }
    for (const auto& table : {"salary_periods", "salary_statistics", "import_contents",
                              "occupation_schemes", "input_formats"}) {
        for (const auto& row : query(database, std::string("SELECT * FROM ") + table)) {
            description += std::string("row ") + table + ": " + row[0] + " | " + row[1] + "\n";
        }
    }
    return description;
}

TEST(Schema, SnapshotEqualsEveryMigrationApplied) {
    TempDir dir;
    {
        Database migrated(dir / "migrated.db", Access::kReadWrite, OpenMode::kCreate);
        Migrator(migrated).apply_pending();
        Database snapshot(dir / "snapshot.db", Access::kReadWrite, OpenMode::kCreate);
        snapshot.execute("applying schema.sql",
                         test::read_bytes(test::source_dir() / "schema" / "schema.sql"));
    }
    const std::string from_migrations = describe_schema(dir / "migrated.db");
    const std::string from_snapshot = describe_schema(dir / "snapshot.db");
    EXPECT_GT(from_migrations.size(), 1000u);
    EXPECT_EQ(from_migrations, from_snapshot)
        << "schema/schema.sql no longer matches migrations/: update the snapshot";
}

TEST(Schema, EveryTableIsStrictAndForeignKeysAreEnforced) {
    TempDir dir;
    Database database(dir / "kb.db", Access::kReadWrite, OpenMode::kCreate);
    Migrator(database).apply_pending();
    for (const auto& row :
         query(dir / "kb.db", "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' "
                              "AND type = 'table' AND name NOT LIKE 'sqlite_%'")) {
        EXPECT_EQ(row[1], "1") << row[0] << " is not STRICT";
    }
    EXPECT_EQ(jobkb::detail::connection(database).execAndGet("PRAGMA foreign_keys").getInt(), 1);
    EXPECT_THROW(database.execute("inserting an orphan",
                                  "INSERT INTO role_aliases (alias, role_id) VALUES ('x', 999)"),
                 Error);
}

TEST(Schema, ConstraintsLiveInSql) {
    TempDir dir;
    Database database(dir / "kb.db", Access::kReadWrite, OpenMode::kCreate);
    Migrator(database).apply_pending();
    database.execute("setting up",
                     "INSERT INTO currencies VALUES ('USD', 'US Dollar', '$', 2, 'western');"
                     "INSERT INTO countries VALUES ('US', 'United States', 'USD');"
                     "INSERT INTO sources (slug, title) VALUES ('s', 'S');"
                     "INSERT INTO roles (slug, name) VALUES ('r', 'R');");
    const std::string insert = "INSERT INTO salary_observations (role_id, country_code, "
                               "currency_code, amount_minor, period, statistic, as_of, source_id) ";
    for (const char* bad_values : {
             "VALUES (1, 'US', 'USD', 0, 'year', 'average', '2026-01-01', 1)",   // not positive
             "VALUES (1, 'US', 'USD', 1.5, 'year', 'average', '2026-01-01', 1)", // not integer
             "VALUES (1, 'US', 'USD', 100, 'week', 'average', '2026-01-01', 1)", // unknown period
             "VALUES (1, 'US', 'USD', 100, 'year', 'mode', '2026-01-01', 1)",    // unknown stat
             "VALUES (1, 'US', 'USD', 100, 'year', 'average', '2026-02-30', 1)", // no such day
             "VALUES (1, 'US', 'USD', 100, 'year', 'average', '2026-13', 1)",    // no such month
             "VALUES (1, 'XX', 'USD', 100, 'year', 'average', '2026', 1)",       // unknown country
             "VALUES (1, 'US', 'EUR', 100, 'year', 'average', '2026', 1)",       // unknown currency
         }) {
        EXPECT_THROW(database.execute("inserting", insert + bad_values), Error) << bad_values;
    }
    for (const char* good_as_of : {"2026", "2026-04", "2026-04-06"}) {
        EXPECT_NO_THROW(database.execute(
            "inserting",
            insert + "VALUES (1, 'US', 'USD', 100, 'year', 'average', '" + good_as_of + "', 1)"));
    }
    EXPECT_THROW(
        database.execute("rewriting history", "UPDATE salary_observations SET amount_minor = 5"),
        Error);
    EXPECT_THROW(database.execute("renumbering history", "UPDATE salary_observations SET id = 99"),
                 Error);
    EXPECT_THROW(database.execute("replacing history",
                                  "INSERT OR REPLACE INTO salary_observations (id, role_id, "
                                  "country_code, currency_code, amount_minor, as_of, source_id) "
                                  "VALUES (1, 1, 'US', 'USD', 7, '2019', 1)"),
                 Error);
    EXPECT_NO_THROW(database.execute("annotating", "UPDATE salary_observations SET note = 'n'"));
    EXPECT_THROW(database.execute("aliasing a name",
                                  "INSERT INTO roles (slug, name) VALUES ('q', 'Q');"
                                  "INSERT INTO role_aliases (alias, role_id) VALUES ('r', 2)"),
                 Error);
}

} // namespace
} // namespace jobkb
