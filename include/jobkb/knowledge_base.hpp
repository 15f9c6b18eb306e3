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
    kRequireCurrent, ///< only the schema this library writes: an older file must be migrated
    kAllowOlder,     ///< an older schema too, to migrate it (what migrate_knowledge_base uses)
    kInspect,        ///< any version, to report on it (migration status, health check); read only
};

/// Opens an existing jobkb knowledge base. Reads only the file's header and schema, so a current
/// database costs no more than opening it. A read-only open of a WAL file in a folder nobody may
/// write to reads it as immutable. Throws Error naming the path and the cause: a missing
/// file or folder, a directory, a file that is not SQLite, a SQLite file of another application,
/// a database newer than this library, one that needs migrating (unless kAllowOlder), or a
/// read-only file opened for writing. The file is never changed by a refusal.
std::unique_ptr<Database> open_knowledge_base(const std::filesystem::path& path, Access access,
                                              SchemaPolicy policy = SchemaPolicy::kRequireCurrent);

/// What initialize_knowledge_base() seeds a base with.
enum class Content {
    kReferenceOnly, ///< the schema plus ISO countries and currencies
    kArticle,       ///< ... plus the article's roles, skills, industries and salaries
};

/// What initialize_knowledge_base() or migrate_knowledge_base() did.
struct SetupReport {
    bool created = false;                    ///< the file did not exist before
    std::vector<MigrationStatus> migrations; ///< the migrations applied now
    std::vector<SeedResult> seeds;           ///< the seed sets loaded now (or found loaded)
};

/// Creates a new knowledge base at `path`, or brings an existing one (or an empty SQLite file)
/// up to date: pending migrations, then the seed sets of `content` that are not loaded yet. A new
/// file is built under a temporary name and renamed into place, so a failure or a crash never
/// leaves a half-made database at the path. Throws Error as open_knowledge_base() does for a file
/// it refuses (a foreign or newer database, a directory, a missing folder), and the Error of a
/// failed migration or seed, with the file as it was.
SetupReport initialize_knowledge_base(const std::filesystem::path& path, Content content);

/// Applies pending migrations and newer reference data to an existing base, each migration in its
/// own transaction. Throws Error as open_knowledge_base() does (kNotFound for a missing file),
/// Error(kMigrationChanged) when an applied migration differs from this library's, and the Error
/// of a failed migration, which leaves the file at the version before it.
SetupReport migrate_knowledge_base(const std::filesystem::path& path);

} // namespace jobkb
