#include "jobkb/knowledge_base.hpp"

#include "jobkb/error.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <system_error>

namespace jobkb {
namespace {

namespace fs = std::filesystem;

enum class FileKind { kJobkb, kEmptySqlite, kForeign };

struct FileIdentity {
    FileKind kind = FileKind::kForeign;
    std::int64_t application_id = 0;
    int schema_version = 0;
};

// Reading the header is the first touch of the file: a non-SQLite file fails here, read-only.
FileIdentity identify(Database& database) {
    auto& query = database.statement("SELECT (SELECT application_id FROM pragma_application_id()), "
                                     "(SELECT user_version FROM pragma_user_version()), "
                                     "(SELECT count(*) FROM sqlite_schema)");
    return database.guard("reading the database header", [&] {
        query.executeStep();
        FileIdentity identity;
        identity.application_id = query.getColumn(0).getInt64();
        identity.schema_version = query.getColumn(1).getInt();
        const int objects = query.getColumn(2).getInt();
        if (identity.application_id == kApplicationId) {
            identity.kind = FileKind::kJobkb;
        } else if (identity.application_id == 0 && objects == 0) {
            identity.kind = FileKind::kEmptySqlite;
        }
        query.reset();
        return identity;
    });
}

[[noreturn]] void refuse_foreign(const fs::path& path, const FileIdentity& identity) {
    if (identity.application_id != 0) {
        throw Error(ErrorCode::kForeignDatabase,
                    fmt::format("{}: not a jobkb database: a SQLite file of another application "
                                "(application_id {:#010x})",
                                path.string(),
                                static_cast<std::uint32_t>(identity.application_id)));
    }
    throw Error(ErrorCode::kForeignDatabase,
                fmt::format("{}: not a jobkb database: a SQLite file with other tables and no "
                            "jobkb marker",
                            path.string()));
}

void check_schema_version(const fs::path& path, int version, SchemaPolicy policy) {
    const int latest = latest_schema_version();
    if (version > latest) {
        throw Error(ErrorCode::kDatabaseTooNew,
                    fmt::format("{}: made by a newer jobkb (schema version {}, this jobkb knows up "
                                "to {}): use a newer jobkb",
                                path.string(), version, latest));
    }
    if (version < latest && policy == SchemaPolicy::kRequireCurrent) {
        throw Error(ErrorCode::kDatabaseTooOld,
                    fmt::format("{}: schema version {} is older than this jobkb's ({}): run "
                                "'jobkb migrate' first",
                                path.string(), version, latest));
    }
}

// Clear messages for what SQLite would only call "unable to open database file".
void check_path_for_open(const fs::path& path) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (fs::is_directory(status)) {
        throw Error(ErrorCode::kIo, path.string() + ": is a directory, expected a database file");
    }
    if (!fs::exists(status)) {
        const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
        if (!fs::is_directory(folder, error)) {
            throw Error(ErrorCode::kNotFound,
                        path.string() + ": folder " + folder.string() + " does not exist");
        }
        throw Error(ErrorCode::kNotFound,
                    path.string() + ": no such file (create it with 'jobkb init')");
    }
}

SetupReport bring_up_to_date(Database& database, Content content) {
    SetupReport report;
    report.migrations = Migrator(database).apply_pending();
    Seeder seeder(database);
    report.seeds.push_back(seeder.apply(SeedSet::kReference));
    if (content == Content::kArticle) {
        report.seeds.push_back(seeder.apply(SeedSet::kArticle));
    }
    return report;
}

void remove_database_files(const fs::path& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::remove(path.string() + suffix, ignored);
    }
}

SetupReport create_knowledge_base(const fs::path& path, Content content) {
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
        throw Error(ErrorCode::kNotFound,
                    path.string() + ": folder " + folder.string() + " does not exist");
    }
    const fs::path temporary =
        folder / fmt::format(".{}.creating-{}", path.filename().string(), ::getpid());
    remove_database_files(temporary);
    SetupReport report;
    try {
        {
            Database database(temporary, Access::kReadWrite, /*create=*/true);
            // WAL lets readers run while an import writes; the mode is stored in the file.
            database.execute("enabling WAL", "PRAGMA journal_mode = WAL");
            report = bring_up_to_date(database, content);
        }
        fs::rename(temporary, path);
    } catch (const fs::filesystem_error& failure) {
        remove_database_files(temporary);
        throw Error(ErrorCode::kIo, path.string() + ": cannot create: " + failure.code().message());
    } catch (const Error& failure) {
        remove_database_files(temporary);
        // Name the path the user gave, not the temporary one.
        std::string message = failure.what();
        if (message.starts_with(temporary.string())) {
            message.replace(0, temporary.string().size(), path.string());
        }
        throw Error(failure.code(), message);
    }
    report.created = true;
    return report;
}

} // namespace

std::unique_ptr<Database> open_knowledge_base(const fs::path& path, Access access,
                                              SchemaPolicy policy) {
    check_path_for_open(path);
    auto database = std::make_unique<Database>(path, access);
    const FileIdentity identity = identify(*database);
    if (identity.kind == FileKind::kEmptySqlite) {
        throw Error(ErrorCode::kForeignDatabase,
                    path.string() + ": an empty SQLite file, not yet a jobkb knowledge base (run "
                                    "'jobkb init' to make it one)");
    }
    if (identity.kind == FileKind::kForeign) {
        refuse_foreign(path, identity);
    }
    check_schema_version(path, identity.schema_version, policy);
    return database;
}

SetupReport initialize_knowledge_base(const fs::path& path, Content content) {
    std::error_code error;
    if (!fs::exists(fs::symlink_status(path, error))) {
        return create_knowledge_base(path, content);
    }
    check_path_for_open(path);
    Database database(path, Access::kReadWrite);
    const FileIdentity identity = identify(database);
    if (identity.kind == FileKind::kForeign) {
        refuse_foreign(path, identity);
    }
    check_schema_version(path, identity.schema_version, SchemaPolicy::kAllowOlder);
    if (identity.kind == FileKind::kEmptySqlite) {
        database.execute("enabling WAL", "PRAGMA journal_mode = WAL");
    }
    return bring_up_to_date(database, content);
}

SetupReport migrate_knowledge_base(const fs::path& path) {
    auto database = open_knowledge_base(path, Access::kReadWrite, SchemaPolicy::kAllowOlder);
    return bring_up_to_date(*database, Content::kReferenceOnly);
}

} // namespace jobkb
