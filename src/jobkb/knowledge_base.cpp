#include "jobkb/knowledge_base.hpp"

#include "jobkb/error.hpp"
#include "jobkb/statement.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace jobkb {
namespace {

namespace fs = std::filesystem;

enum class FileKind { kJobkb, kEmptySqlite, kForeign };

struct FileIdentity {
    FileKind kind = FileKind::kForeign;
    std::int64_t application_id = 0;
    int schema_version = 0;
    std::int64_t page_size = 0;
};

constexpr const char* kReadingHeader = "reading the database header";

// Reading the header is the first touch of the file: a non-SQLite file fails here.
FileIdentity identify(Database& database) {
    detail::Statement header(database, kReadingHeader,
                             "SELECT (SELECT application_id FROM pragma_application_id()), "
                             "(SELECT user_version FROM pragma_user_version()), "
                             "(SELECT count(*) FROM sqlite_schema), "
                             "(SELECT page_size FROM pragma_page_size())");
    auto row = header.use().single_row();
    FileIdentity identity;
    identity.application_id = row.int64(0);
    identity.schema_version = row.integer(1);
    const int objects = row.integer(2);
    identity.page_size = row.int64(3);
    if (identity.application_id == kApplicationId) {
        identity.kind = FileKind::kJobkb;
    } else if (identity.application_id == 0 && objects == 0) {
        identity.kind = FileKind::kEmptySqlite;
    }
    return identity;
}

// A refusal of the file at `path`.
Error refusal(ErrorCode code, const fs::path& path, std::string cause,
              HintKind hint = HintKind::kNone, std::string doing = {}) {
    return Error(
        code, ErrorDetails{path.string(), std::move(doing), std::move(cause), Hint{hint, {}, {}}});
}

// Refuses a file that is not (or, with allow_empty, cannot become) a jobkb database of a version
// the policy accepts.
void accept_or_refuse(const fs::path& path, const FileIdentity& identity, bool allow_empty,
                      SchemaPolicy policy) {
    // SQLite writes whole pages, and reads a cut page as if it were whole: a file cut inside a
    // page is refused before anything reads (or writes) past the cut. While a WAL holds pages, a
    // checkpoint may be growing the file: its size says nothing then.
    std::error_code error;
    const std::uintmax_t size = fs::file_size(path, error);
    std::error_code no_wal;
    const bool wal_holds_pages = fs::file_size(path.string() + "-wal", no_wal) > 0 && !no_wal;
    if (!error && !wal_holds_pages && identity.page_size > 0 &&
        size % static_cast<std::uintmax_t>(identity.page_size) != 0) {
        throw refusal(ErrorCode::kCorrupt, path,
                      fmt::format("the file is damaged ({} bytes are not a whole number of "
                                  "{}-byte pages: it was cut short)",
                                  size, identity.page_size),
                      HintKind::kCheck, kReadingHeader);
    }
    if (identity.kind == FileKind::kEmptySqlite) {
        if (allow_empty) {
            return;
        }
        throw refusal(ErrorCode::kForeignDatabase, path,
                      "an empty SQLite file, not yet a jobkb knowledge base", HintKind::kInit);
    }
    if (identity.kind == FileKind::kForeign) {
        throw refusal(ErrorCode::kForeignDatabase, path,
                      identity.application_id != 0
                          ? fmt::format("not a jobkb database: a SQLite file of another "
                                        "application (application_id {:#010x})",
                                        static_cast<std::uint32_t>(identity.application_id))
                          : "not a jobkb database: a SQLite file with other tables and no jobkb "
                            "marker");
    }
    const int latest = latest_schema_version();
    // jobkb only ever counts up from 0: anything below is a damaged or tampered header.
    if (identity.schema_version < 0 && policy != SchemaPolicy::kInspect) {
        throw refusal(ErrorCode::kCorrupt, path,
                      fmt::format("the file is damaged (schema version {} is not one jobkb "
                                  "writes)",
                                  identity.schema_version),
                      HintKind::kCheck, kReadingHeader);
    }
    if (identity.schema_version > latest && policy != SchemaPolicy::kInspect) {
        throw database_too_new(path, identity.schema_version, latest);
    }
    if (identity.schema_version < latest && policy == SchemaPolicy::kRequireCurrent) {
        throw refusal(ErrorCode::kDatabaseTooOld, path,
                      fmt::format("schema version {} is older than this jobkb's ({})",
                                  identity.schema_version, latest),
                      HintKind::kMigrate);
    }
}

fs::path folder_of(const fs::path& path) {
    return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

void require_folder(const fs::path& path) {
    std::error_code error;
    if (!fs::is_directory(folder_of(path), error)) {
        throw refusal(ErrorCode::kNotFound, path,
                      "folder " + folder_of(path).string() + " does not exist");
    }
}

// Clear messages for what SQLite would only call "unable to open database file" (or, for a
// FIFO, wait on forever). Returns false when nothing is at the path.
bool check_existing_file(const fs::path& path) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
        throw refusal(ErrorCode::kIo, path, error.message(), HintKind::kNone, "cannot open");
    }
    if (!fs::exists(status)) {
        require_folder(path);
        if (fs::is_symlink(fs::symlink_status(path, error))) {
            throw refusal(ErrorCode::kNotFound, path,
                          "a symbolic link to a file that does not exist");
        }
        return false;
    }
    if (fs::is_directory(status)) {
        throw refusal(ErrorCode::kIo, path, "is a directory, expected a database file");
    }
    if (!fs::is_regular_file(status)) {
        throw refusal(ErrorCode::kIo, path, "is not a regular file (a device, pipe or socket)");
    }
    if (::access(path.c_str(), R_OK) != 0) {
        throw refusal(ErrorCode::kIo, path, std::generic_category().message(errno), HintKind::kNone,
                      "cannot open");
    }
    return true;
}

// A WAL database can be read without writing beside it only as immutable; that is right when the
// folder is not writable, since then nobody can be writing the database either.
OpenMode read_mode(const fs::path& path) {
    std::error_code error;
    const bool shared_memory = fs::exists(path.string() + "-shm", error);
    const bool writable_folder = ::access(folder_of(path).c_str(), W_OK) == 0;
    return shared_memory || writable_folder ? OpenMode::kExisting : OpenMode::kImmutable;
}

// Identifies the file on a read-only connection: a refused file must stay as it was, and a
// read-write connection could already change it (checkpoint another program's WAL, roll back a
// hot journal).
FileIdentity identify_read_only(const fs::path& path) {
    Database probe(path, Access::kReadOnly, read_mode(path));
    return identify(probe);
}

SetupReport bring_up_to_date(Database& database, Content content) {
    SetupReport report;
    report.migrations = Migrator(database).apply_pending();
    std::vector<SeedSet> sets = {SeedSet::kReference};
    if (content == Content::kArticle) {
        sets.push_back(SeedSet::kArticle);
    }
    report.seeds = Seeder(database).apply(sets);
    return report;
}

void remove_database_files(const fs::path& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::remove(path.string() + suffix, ignored);
    }
}

// Builds the base under a temporary name and links it into place. link() fails if another
// process created the path meanwhile: then the other file wins and is brought up to date.
std::optional<SetupReport> create_knowledge_base(const fs::path& path, Content content) {
    const fs::path temporary =
        folder_of(path) / fmt::format(".{}.creating-{}", path.filename().string(), ::getpid());
    remove_database_files(temporary);
    SetupReport report;
    try {
        {
            Database database(temporary, Access::kReadWrite, OpenMode::kCreate);
            // WAL lets readers run while an import writes; the mode is stored in the file.
            database.execute("enabling WAL", "PRAGMA journal_mode = WAL");
            report = bring_up_to_date(database, content);
        }
        if (::link(temporary.c_str(), path.c_str()) != 0) {
            const int cause = errno;
            remove_database_files(temporary);
            if (cause == EEXIST) {
                return std::nullopt;
            }
            throw refusal(ErrorCode::kIo, path, std::generic_category().message(cause),
                          HintKind::kNone, "cannot create");
        }
        remove_database_files(temporary);
    } catch (const Error& failure) {
        remove_database_files(temporary);
        // Name the path the user gave, not the temporary one.
        if (failure.path() == temporary.string()) {
            throw failure.with_path(path.string());
        }
        throw;
    }
    report.created = true;
    return report;
}

} // namespace

std::unique_ptr<Database> open_knowledge_base(const fs::path& path, Access access,
                                              SchemaPolicy policy) {
    if (!check_existing_file(path)) {
        throw refusal(ErrorCode::kNotFound, path, "no such file", HintKind::kCreate);
    }
    if (access == Access::kReadOnly) {
        auto database = std::make_unique<Database>(path, access, read_mode(path));
        accept_or_refuse(path, identify(*database), false, policy);
        return database;
    }
    accept_or_refuse(path, identify_read_only(path), false, policy);
    return std::make_unique<Database>(path, access);
}

std::unique_ptr<Database> open_immutable_knowledge_base(const fs::path& path, SchemaPolicy policy) {
    if (!check_existing_file(path)) {
        throw refusal(ErrorCode::kNotFound, path, "no such file", HintKind::kCreate);
    }
    auto database = std::make_unique<Database>(path, Access::kReadOnly, OpenMode::kImmutable);
    accept_or_refuse(path, identify(*database), false, policy);
    return database;
}

SetupReport initialize_knowledge_base(const fs::path& path, Content content) {
    if (!check_existing_file(path)) {
        if (auto created = create_knowledge_base(path, content)) {
            return *created;
        }
    }
    const FileIdentity identity = identify_read_only(path);
    accept_or_refuse(path, identity, true, SchemaPolicy::kAllowOlder);
    Database database(path, Access::kReadWrite);
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
