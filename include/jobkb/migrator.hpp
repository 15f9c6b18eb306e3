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
    int version = 0;      ///< NNNN: 1, 2, ... without gaps
    std::string name;     ///< "0001_initial"
    std::string_view sql; ///< the file as written
    std::string checksum; ///< SHA-256 of the file with CRLF line ends normalized to LF
};

/// One migration's state in a database (what `jobkb migrate status` lists).
struct MigrationStatus {
    int version = 0;                       ///< the migration's version
    std::string name;                      ///< the migration's name
    std::optional<std::string> applied_at; ///< when it was applied (UTC); nullopt: pending
    bool changed = false;                  ///< applied, but this library's file differs
    bool unknown = false;                  ///< applied by a newer jobkb: this library lacks it
};

/// The migrations embedded in this library, in version order (1, 2, ... without gaps). Throws
/// Error(ErrorCode::kBadSeed) when the embedded files are misnamed or misnumbered (a build
/// defect).
std::span<const Migration> known_migrations();

/// The schema version this library brings a database to: its number of migrations.
int latest_schema_version();

/// The SHA-256 a migration is recorded with: line ends normalized so a CRLF checkout matches.
std::string migration_checksum(std::string_view sql);

/// The refusal of a database made by a newer jobkb: Error(ErrorCode::kDatabaseTooNew) naming
/// the file, with HintKind::kNewerJobkb.
Error database_too_new(const std::filesystem::path& path, int version, int latest);

/// Applies and verifies migrations on one open database. Each migration runs with its record in
/// one write transaction, so a failure or a crash leaves the previous version intact. Every
/// function throws Error when SQLite fails.
class Migrator {
public:
    /// A migrator for `database`, which must outlive it, with this library's migrations or
    /// another list in version order (tests inject failing ones).
    explicit Migrator(Database& database,
                      std::span<const Migration> migrations = known_migrations())
        : database_(database), migrations_(migrations) {}

    /// The database's schema version (PRAGMA user_version).
    int current_version();

    /// Every migration this library has and every one the database records, by version.
    std::vector<MigrationStatus> status();

    /// Throws Error(ErrorCode::kMigrationChanged) when an applied migration's checksum differs
    /// from this library's, or the records disagree with the schema version;
    /// Error(ErrorCode::kDatabaseTooNew) when the file has migrations this library lacks.
    void verify_applied();

    /// Applies what is pending after verify_applied(); returns the migrations applied. Throws
    /// what verify_applied() throws, and Error when a migration fails (which is then rolled
    /// back, with those after it left pending).
    std::vector<MigrationStatus> apply_pending();

private:
    int latest_version() const { return static_cast<int>(migrations_.size()); }

    Database& database_;
    std::span<const Migration> migrations_;
};

} // namespace jobkb
