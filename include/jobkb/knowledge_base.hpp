#pragma once

#include "jobkb/database.hpp"
#include "jobkb/migrator.hpp"
#include "jobkb/seeder.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace jobkb {

enum class SchemaPolicy {
    kRequireCurrent, // refuse a database that needs `jobkb migrate`
    kAllowOlder,     // for the migrator itself
    kInspect,        // any version, to report on it (`migrate status`, `check`); read only
};

// Opens an existing jobkb knowledge base. Reads only the file's header and schema, so a current
// database costs no more than opening it. A read-only open of a WAL file in a folder nobody may
// write to reads it as immutable. Throws Error naming the path and the cause: a missing
// file or folder, a directory, a file that is not SQLite, a SQLite file of another application,
// a database newer than this binary, one that needs migrating (unless kAllowOlder), or a
// read-only file opened for writing. The file is never changed by a refusal.
std::unique_ptr<Database> open_knowledge_base(const std::filesystem::path& path, Access access,
                                              SchemaPolicy policy = SchemaPolicy::kRequireCurrent);

enum class Content {
    kReferenceOnly, // schema plus countries and currencies
    kArticle,       // ... plus the article's roles, skills, industries and salaries
};

struct SetupReport {
    bool created = false;                    // the file did not exist before
    std::vector<MigrationStatus> migrations; // applied now
    std::vector<SeedResult> seeds;           // loaded now (or found already loaded)
};

// `jobkb init`: creates a new knowledge base, or brings an existing one (or an empty SQLite
// file) up to date. A new file is built under a temporary name and renamed into place, so a
// failure or a crash never leaves a half-made database at the path.
SetupReport initialize_knowledge_base(const std::filesystem::path& path, Content content);

// `jobkb migrate`: applies pending migrations and newer reference data to an existing base.
SetupReport migrate_knowledge_base(const std::filesystem::path& path);

} // namespace jobkb
