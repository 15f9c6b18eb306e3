#include "jobkb/migrator.hpp"

#include "jobkb/embedded.hpp"
#include "jobkb/error.hpp"
#include "jobkb/sha256.hpp"
#include "jobkb/statement.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

namespace jobkb {
namespace {

// "0001_initial.sql" -> version 1, name "0001_initial".
Migration parse_migration(const detail::EmbeddedFile& file) {
    const std::string_view path = file.path;
    const bool well_named = path.size() > 9 && path.substr(path.size() - 4) == ".sql" &&
                            path[4] == '_' && path.find_first_not_of("0123456789") == 4;
    int version = 0;
    if (well_named) {
        std::from_chars(path.data(), path.data() + 4, version);
    }
    if (version < 1) {
        throw Error(ErrorCode::kBadSeed, "migrations/" + std::string(path) +
                                             ": name: expected NNNN_description.sql, NNNN >= 0001");
    }
    return Migration{version, std::string(path.substr(0, path.size() - 4)), file.content,
                     migration_checksum(file.content)};
}

std::vector<Migration> load_migrations() {
    std::vector<Migration> migrations;
    for (const auto& file : detail::embedded_migrations()) {
        migrations.push_back(parse_migration(file));
    }
    // The embed step sorts by file name, and versions must then count 1, 2, 3...
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i + 1)) {
            throw Error(ErrorCode::kBadSeed, "migrations/" + migrations[i].name +
                                                 ".sql: version: expected " +
                                                 std::to_string(i + 1) + " (no gaps or repeats)");
        }
    }
    return migrations;
}

struct MigratorStatements {
    explicit MigratorStatements(Database& database)
        : version{database, "reading the schema version", "PRAGMA user_version"},
          applied{database, "reading applied migrations",
                  "SELECT version, name, checksum, applied_at FROM schema_migrations "
                  "ORDER BY version"},
          record{database, "recording a migration",
                 "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                 "VALUES (:version, :name, :checksum, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
                 "RETURNING applied_at"} {}

    detail::Statement version; // the schema version (user_version)
    detail::Statement applied; // the migrations recorded as applied
    detail::Statement record;  // records one, returning when
};

struct AppliedMigration {
    std::string name;
    std::string checksum;
    std::string applied_at;
};

std::map<int, AppliedMigration> read_applied(Database& database, int current_version) {
    std::map<int, AppliedMigration> applied;
    if (current_version == 0) {
        return applied; // schema_migrations is created by the first migration
    }
    MigratorStatements statements(database);
    auto row = statements.applied.use();
    while (row.step()) {
        applied.emplace(row.integer(0), AppliedMigration{row.text(1), row.text(2), row.text(3)});
    }
    return applied;
}

// A file altered outside jobkb, refused.
Error altered(const Database& database, std::string cause) {
    return Error(ErrorCode::kMigrationChanged, ErrorDetails{database.path().string(),
                                                            "verifying applied migrations",
                                                            std::move(cause),
                                                            {}});
}

} // namespace

std::string migration_checksum(std::string_view sql) {
    return sha256_hex(normalize_line_endings(sql));
}

std::span<const Migration> known_migrations() {
    static const std::vector<Migration> migrations = load_migrations();
    return migrations;
}

// Every open asks this: it counts the embedded files rather than reading and hashing them, so that
// opening a current base does no migration work. (Their numbering is checked by
// known_migrations(), which every migration and `jobkb check` go through.)
int latest_schema_version() { return static_cast<int>(detail::embedded_migrations().size()); }

Error database_too_new(const std::filesystem::path& path, int version, int latest) {
    return Error(ErrorCode::kDatabaseTooNew,
                 ErrorDetails{path.string(),
                              {},
                              fmt::format("made by a newer jobkb (schema version {}, this jobkb "
                                          "knows up to {})",
                                          version, latest),
                              Hint{HintKind::kNewerJobkb, {}, {}}});
}

int Migrator::current_version() {
    MigratorStatements statements(database_);
    return statements.version.use().single_row().integer(0);
}

std::vector<MigrationStatus> Migrator::status() {
    const int version = current_version();
    const auto applied = read_applied(database_, version);
    std::vector<MigrationStatus> lines;
    for (const auto& migration : migrations_) {
        MigrationStatus line{migration.version, migration.name, std::nullopt, false, false};
        if (const auto found = applied.find(migration.version); found != applied.end()) {
            line.applied_at = found->second.applied_at;
            line.changed = found->second.checksum != migration.checksum;
        }
        lines.push_back(std::move(line));
    }
    for (const auto& [applied_version, record] : applied) {
        if (applied_version > latest_version()) {
            lines.push_back(
                MigrationStatus{applied_version, record.name, record.applied_at, false, true});
        }
    }
    return lines;
}

void Migrator::verify_applied() {
    const int version = current_version();
    if (version > latest_version()) {
        throw database_too_new(database_.path(), version, latest_version());
    }
    const auto applied = read_applied(database_, version);
    for (const auto& migration : migrations_) {
        const auto found = applied.find(migration.version);
        if (migration.version > version && found != applied.end()) {
            throw altered(database_, "migration " + migration.name +
                                         " is recorded although the schema version is " +
                                         std::to_string(version) +
                                         ": the file was altered outside jobkb");
        }
        if (migration.version <= version && found == applied.end()) {
            throw altered(database_, "migration " + migration.name +
                                         " is not recorded although the schema version is " +
                                         std::to_string(version) +
                                         ": the file was altered outside jobkb");
        }
        if (found != applied.end() && found->second.checksum != migration.checksum) {
            throw altered(database_, "migration " + migration.name +
                                         " was changed after it was applied (recorded sha256 " +
                                         found->second.checksum.substr(0, 12) +
                                         ", this jobkb has " + migration.checksum.substr(0, 12) +
                                         "): refusing to touch the file");
        }
    }
}

std::vector<MigrationStatus> Migrator::apply_pending() {
    verify_applied();
    std::vector<MigrationStatus> applied_now;
    for (const auto& migration : migrations_) {
        if (migration.version <= current_version()) {
            continue;
        }
        WriteTransaction transaction(database_);
        // Read again under the write lock: another process may have migrated meanwhile.
        if (migration.version <= current_version()) {
            continue;
        }
        const std::string doing = "applying migration " + migration.name;
        database_.execute(doing, std::string(migration.sql));
        MigratorStatements statements(database_);
        std::string applied_at = statements.record.use()
                                     .bind(":version", migration.version)
                                     .bind(":name", migration.name)
                                     .bind(":checksum", migration.checksum)
                                     .single_row()
                                     .text(0);
        // PRAGMA takes no bound parameters; both values are integers from this binary.
        database_.execute(doing,
                          "PRAGMA application_id = " + std::to_string(kApplicationId) +
                              "; PRAGMA user_version = " + std::to_string(migration.version));
        transaction.commit();
        applied_now.push_back(MigrationStatus{migration.version, migration.name,
                                              std::move(applied_at), false, false});
    }
    return applied_now;
}

} // namespace jobkb
