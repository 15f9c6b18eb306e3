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

// PRAGMA application_id of every jobkb database: "JKB1". It tells our files from other SQLite
// files.
inline constexpr std::int32_t kApplicationId = 0x4a4b4231;

// A migration this binary carries (migrations/NNNN_name.sql, embedded at build time).
struct Migration {
    int version = 0;
    std::string name;     // "0001_initial"
    std::string_view sql; // the file as written
    std::string checksum; // SHA-256 of the file with CRLF line ends normalized to LF
};

// One line of `jobkb migrate status`.
struct MigrationStatus {
    int version = 0;
    std::string name;
    std::optional<std::string> applied_at; // nullopt: pending
    bool changed = false;                  // applied, but this binary's file differs
    bool unknown = false;                  // applied by a newer jobkb: this binary lacks it
};

// The migrations embedded in this binary, in version order (1, 2, ... without gaps).
std::span<const Migration> known_migrations();
int latest_schema_version();

// The SHA-256 a migration is recorded with: line ends normalized so a CRLF checkout matches.
std::string migration_checksum(std::string_view sql);

// The refusal of a database made by a newer jobkb.
Error database_too_new(const std::filesystem::path& path, int version, int latest);

// Applies and verifies migrations on one open database. Each migration runs with its record in
// one write transaction, so a failure or a crash leaves the previous version intact.
class Migrator {
public:
    // migrations: this binary's, or another list in version order (tests inject failing ones).
    explicit Migrator(Database& database,
                      std::span<const Migration> migrations = known_migrations())
        : database_(database), migrations_(migrations) {}

    int current_version();
    std::vector<MigrationStatus> status();

    // Throws Error(kMigrationChanged) when an applied migration's checksum differs from this
    // binary's, Error(kDatabaseTooNew) when the file has migrations this binary lacks.
    void verify_applied();

    // Applies what is pending after verify_applied(); returns the migrations applied.
    std::vector<MigrationStatus> apply_pending();

private:
    int latest_version() const { return static_cast<int>(migrations_.size()); }

    Database& database_;
    std::span<const Migration> migrations_;
};

} // namespace jobkb
