#include "jobkb/database.hpp"

#include "jobkb/connection.hpp"
#include "jobkb/error.hpp"
#include "jobkb/statement.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <system_error>
#include <unordered_map>

namespace jobkb {
namespace {

constexpr int kBusyTimeoutMs = 5000;

int open_flags(Access access, OpenMode mode) {
    // A connection is used by one thread at a time: SQLite's mutex around every call is not needed.
    if (access == Access::kReadOnly) {
        return SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX |
               (mode == OpenMode::kImmutable ? SQLite::OPEN_URI : 0);
    }
    return SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX |
           (mode == OpenMode::kCreate ? SQLite::OPEN_CREATE : 0);
}

// A file: URI for the path, with the characters URIs reserve escaped.
std::string immutable_uri(const std::filesystem::path& path) {
    std::string uri = "file:";
    for (char c : std::filesystem::absolute(path).string()) {
        if (c == '?' || c == '#' || c == '%') {
            uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

SQLite::Database open_connection(const std::filesystem::path& path, Access access, OpenMode mode) {
    try {
        const std::string name = mode == OpenMode::kImmutable && access == Access::kReadOnly
                                     ? immutable_uri(path)
                                     : path.string();
        return SQLite::Database(name, open_flags(access, mode), kBusyTimeoutMs);
    } catch (const SQLite::Exception& failure) {
        throw Error(ErrorCode::kIo, ErrorDetails{path.string(), "cannot open", failure.what(), {}});
    }
}

} // namespace

struct Database::Impl {
    Impl(std::filesystem::path file, Access mode_of_access, OpenMode mode)
        : path(std::move(file)), access(mode_of_access),
          connection(open_connection(path, mode_of_access, mode)) {}

    std::filesystem::path path;
    Access access;
    SQLite::Database connection; // declared before the statements that use it
    std::unordered_map<std::string, detail::CachedStatement> statements;
};

Database::Database(std::filesystem::path path, Access access, OpenMode mode)
    : impl_(std::make_unique<Impl>(std::move(path), access, mode)) {
    // SQLite quietly falls back to read-only when the file is not writable; a writer must know.
    if (access == Access::kReadWrite &&
        sqlite3_db_readonly(impl_->connection.getHandle(), "main") == 1) {
        throw Error(ErrorCode::kReadOnly, ErrorDetails{impl_->path.string(),
                                                       "cannot write",
                                                       "the file is read-only (permission denied)",
                                                       {}});
    }
    // These settings write nothing, so they are safe before the file is known to be ours.
    execute("configuring the connection", access == Access::kReadWrite
                                              ? "PRAGMA foreign_keys = ON;"
                                                "PRAGMA synchronous = NORMAL;"
                                              : "PRAGMA foreign_keys = ON;");
}

Database::~Database() = default;

const std::filesystem::path& Database::path() const noexcept { return impl_->path; }

Access Database::access() const noexcept { return impl_->access; }

sqlite3* Database::native_handle() noexcept { return impl_->connection.getHandle(); }

void Database::execute(std::string_view doing, const std::string& sql) {
    try {
        impl_->connection.exec(sql);
    } catch (const SQLite::Exception& failure) {
        detail::fail(*this, doing, failure);
    }
}

namespace detail {

SQLite::Database& DatabaseAccess::connection(Database& database) {
    return database.impl_->connection;
}

CachedStatement& DatabaseAccess::cached_statement(Database& database, const std::string& sql,
                                                  std::string_view doing) {
    auto& statements = database.impl_->statements;
    auto found = statements.find(sql);
    if (found == statements.end()) {
        std::unique_ptr<SQLite::Statement> prepared;
        try {
            prepared = std::make_unique<SQLite::Statement>(database.impl_->connection, sql);
        } catch (const SQLite::Exception& failure) {
            fail(database, doing, failure);
        }
        found = statements.emplace(sql, CachedStatement{std::move(prepared), false}).first;
    }
    return found->second;
}

void DatabaseAccess::reset_statements(Database& database) noexcept {
    for (auto& [sql, cached] : database.impl_->statements) {
        cached.statement->tryReset();
    }
}

void DatabaseAccess::fail(const Database& database, std::string_view doing,
                          const SQLite::Exception& failure) {
    const std::string path = database.impl_->path.string();
    ErrorDetails details{path, std::string(doing), failure.what(), {}};
    switch (failure.getErrorCode()) {
    case SQLITE_NOTADB:
        throw Error(
            ErrorCode::kNotADatabase,
            ErrorDetails{path, "", "not a SQLite database (the file has no SQLite header)", {}});
    case SQLITE_READONLY:
        details.cause = "the database is read-only";
        throw Error(ErrorCode::kReadOnly, std::move(details));
    case SQLITE_CORRUPT:
        details.cause = "the file is damaged (" + std::string(failure.getErrorStr()) + ")";
        details.hint = {HintKind::kCheck, {}, {}};
        throw Error(ErrorCode::kCorrupt, std::move(details));
    case SQLITE_BUSY:
        details.cause = fmt::format("the database is busy: another process kept it locked for "
                                    "more than {} ms (try again when it has finished)",
                                    kBusyTimeoutMs);
        throw Error(ErrorCode::kBusy, std::move(details));
    case SQLITE_IOERR:
    case SQLITE_FULL:
        // SQLite's "disk I/O error" says little: add the system's reason when SQLite kept it, and
        // what a failed write most often means when it did not.
        if (const int system_error = sqlite3_system_errno(database.impl_->connection.getHandle())) {
            details.cause += " (" + std::generic_category().message(system_error) + ")";
        } else if (failure.getExtendedErrorCode() == SQLITE_IOERR_WRITE) {
            details.cause += " while writing (is the disk full, or the file at its size limit?)";
        }
        throw Error(ErrorCode::kIo, std::move(details));
    case SQLITE_CANTOPEN:
        throw Error(ErrorCode::kIo, std::move(details));
    default:
        throw Error(ErrorCode::kSqlite, std::move(details));
    }
}

} // namespace detail

WriteTransaction::WriteTransaction(Database& database) : database_(database) {
    database_.execute("starting a write transaction", "BEGIN IMMEDIATE");
    open_ = true;
}

WriteTransaction::~WriteTransaction() {
    if (open_) {
        // Nothing useful can be done about a failed rollback in a destructor; SQLite rolls back
        // an unfinished transaction when the connection closes anyway.
        detail::connection(database_).tryExec("ROLLBACK");
    }
}

void WriteTransaction::commit() {
    // A statement that returned a row and was not reset would make COMMIT fail.
    detail::reset_statements(database_);
    database_.execute("committing", "COMMIT");
    open_ = false;
}

ReadSnapshot::ReadSnapshot(Database& database) : database_(database) {
    if (sqlite3_get_autocommit(database_.native_handle()) != 0) {
        // Prepared once and reused: this runs for every multi-statement read.
        detail::Statement(database_, "starting a read", "BEGIN").use().exec();
        open_ = true;
    }
}

ReadSnapshot::~ReadSnapshot() {
    if (open_) {
        // Statements still mid-read do not stop a COMMIT (only pending writes do), and ending a
        // read cannot lose anything: a failure here leaves SQLite to end it on close.
        try {
            detail::Statement(database_, "ending a read", "COMMIT").use().exec();
        } catch (...) {
        }
    }
}

std::int64_t ReadSnapshot::data_version() {
    return detail::Statement(database_, "reading the data version", "PRAGMA data_version")
        .use()
        .single_row()
        .int64(0);
}

} // namespace jobkb
