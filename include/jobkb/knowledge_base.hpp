#pragma once

#include "jobkb/database.hpp"
#include "jobkb/migrator.hpp"
#include "jobkb/seeder.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace jobkb {

/// Which schema versions open_knowledge_base() accepts.
enum class SchemaPolicy {
    kRequireCurrent, ///< refuse a database that needs migrating (HintKind::kMigrate)
    kAllowOlder,     ///< also an older one, for the migrator itself
    kInspect,        ///< any version, to report on it (migration status, check); read only
};

/// Opens an existing jobkb knowledge base. Reads only the file's header and schema, so a current
/// database costs no more than opening it. A read-only open of a WAL file in a folder nobody may
/// write to reads it as immutable. Throws Error naming the path and the cause: a missing file
/// (ErrorCode::kNotFound, HintKind::kCreate) or folder, a directory or other non-file
/// (ErrorCode::kIo), a file that is not SQLite (kNotADatabase), a SQLite file of another
/// application or an empty one (kForeignDatabase; HintKind::kInit for an empty one), a database
/// newer than this library (kDatabaseTooNew, HintKind::kNewerJobkb), one that needs migrating
/// (kDatabaseTooOld, HintKind::kMigrate; unless kAllowOlder), a damaged one (kCorrupt,
/// HintKind::kCheck), or a read-only file opened for writing (kReadOnly). The file is never
/// changed by a refusal.
std::unique_ptr<Database> open_knowledge_base(const std::filesystem::path& path, Access access,
                                              SchemaPolicy policy = SchemaPolicy::kRequireCurrent);

/// Opens an existing knowledge base read-only as an immutable file (SQLite's `immutable=1`): no
/// locks, no -wal or -shm file beside it, so any number of processes can read one published copy,
/// on a read-only file system too. Only for a file that nothing writes while it is open (a copy
/// made for serving): SQLite does not notice changes to an immutable file. Throws what
/// open_knowledge_base() throws.
std::unique_ptr<Database>
open_immutable_knowledge_base(const std::filesystem::path& path,
                              SchemaPolicy policy = SchemaPolicy::kRequireCurrent);

/// What initialize_knowledge_base() loads.
enum class Content {
    kReferenceOnly, ///< schema plus countries and currencies
    kArticle,       ///< ... plus the article's roles, skills, industries and salaries
};

/// What initialize_knowledge_base() or migrate_knowledge_base() did.
struct SetupReport {
    bool created = false;                    ///< the file did not exist before
    std::vector<MigrationStatus> migrations; ///< the migrations applied now
    std::vector<SeedResult> seeds;           ///< the seed sets loaded now (or found loaded)
};

/// The work of `jobkb init`: creates a new knowledge base, or brings an existing one (or an
/// empty SQLite file) up to date. A new file is built under a temporary name and renamed into
/// place, so a failure or a crash never leaves a half-made database at the path; its failures
/// name the path asked for. Throws what open_knowledge_base() throws for a file that is there
/// (except for an older or empty one, which it brings up to date), Error(ErrorCode::kIo) when the
/// file cannot be created, and what Migrator::apply_pending() and Seeder::apply() throw.
SetupReport initialize_knowledge_base(const std::filesystem::path& path, Content content);

/// The work of `jobkb migrate`: applies pending migrations and newer reference data to an
/// existing base. Throws what open_knowledge_base() (with SchemaPolicy::kAllowOlder),
/// Migrator::apply_pending() and Seeder::apply() throw.
SetupReport migrate_knowledge_base(const std::filesystem::path& path);

} // namespace jobkb
