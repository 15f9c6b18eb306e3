#pragma once

#include "jobkb/database.hpp"
#include "jobkb/error.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// PRAGMA application_id of every jobkb database: "JKB1". It tells our files from other SQLite
/// files.
inline constexpr std::int32_t kApplicationId = 0x4a4b4231;

/// A migration this library carries (migrations/NNNN_name.sql, embedded at build time).
struct Migration {
    int version = 0;      ///< its number, NNNN: the schema version it brings the file to
    std::string name;     ///< "0001_initial"
    std::string_view sql; ///< the file as written
    std::string checksum; ///< SHA-256 of the file with CRLF line ends normalized to LF
};

/// The state of one migration in one database (a line of the migration status).
struct MigrationStatus {
    int version = 0;                       ///< the migration's number
    std::string name;                      ///< "0001_initial"
    std::optional<std::string> applied_at; ///< when it was applied (UTC); nullopt: pending
    bool changed = false;                  ///< applied, but this library's file differs
    bool unknown = false;                  ///< applied by a newer jobkb: this library lacks it
};

/// The migrations embedded in this library, in version order (1, 2, ... without gaps). The first
/// call reads and hashes them; throws Error(kBadSeed) when one is misnamed or their numbering has
/// a gap or a repeat (a build defect).
std::span<const Migration> known_migrations();

/// The schema version this library writes: the number of embedded migrations. Reads nothing and
/// throws nothing.
int latest_schema_version();

/// The SHA-256 (hex) a migration is recorded with: line ends normalized so a CRLF checkout
/// matches.
std::string migration_checksum(std::string_view sql);

/// The Error(kDatabaseTooNew) that refuses a database made by a newer jobkb: schema `version` at
/// `path`, where this library knows up to `latest`.
Error database_too_new(const std::filesystem::path& path, int version, int latest);

/// Applies and verifies migrations on one open database. Each migration runs with its record in
/// one write transaction, so a failure or a crash leaves the previous version intact.
class Migrator {
public:
    /// A migrator for `database` (which must outlive it). `migrations`: this library's, or another
    /// list in version order (tests inject failing ones).
    explicit Migrator(Database& database,
                      std::span<const Migration> migrations = known_migrations())
        : database_(database), migrations_(migrations) {}

    /// The file's schema version (PRAGMA user_version). Throws the database's Error when it cannot
    /// be read.
    int current_version();

    /// Every migration this library knows, applied or pending, then any the file records that this
    /// library lacks. Throws the database's Error when the records cannot be read.
    std::vector<MigrationStatus> status();

    /// Throws Error(kMigrationChanged) when an applied migration's checksum differs from this
    /// library's or the records disagree with the schema version, Error(kDatabaseTooNew) when the
    /// file has migrations this library lacks.
    void verify_applied();

    /// Applies what is pending after verify_applied(); returns the migrations applied. Throws what
    /// verify_applied() throws, or the Error of the migration that failed (kBusy, kReadOnly, ...):
    /// the migrations before it stay applied, that one is rolled back.
    std::vector<MigrationStatus> apply_pending();

private:
    int latest_version() const { return static_cast<int>(migrations_.size()); }

    Database& database_;
    std::span<const Migration> migrations_;
};

} // namespace jobkb
