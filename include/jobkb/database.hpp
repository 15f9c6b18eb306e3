#pragma once

/// @file
/// One connection to a jobkb knowledge base file, and the transactions the library runs on it.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace jobkb {

namespace detail {
struct DatabaseAccess;
} // namespace detail

/// Whether a connection may write.
enum class Access {
    kReadOnly,  ///< reads only; the file is opened read-only
    kReadWrite, ///< reads and writes
};

/// How a connection finds its file.
enum class OpenMode {
    kExisting,  ///< the file must exist
    kCreate,    ///< make the file when it does not exist (with Access::kReadWrite)
    kImmutable, ///< read a file nobody can be writing: needs no -wal or -shm beside it (kReadOnly)
};

/// One connection to a SQLite file with jobkb's per-connection settings (foreign keys on, a busy
/// timeout, `synchronous = NORMAL` for writers), a cache of prepared statements, and translation
/// of SQLite failures into jobkb::Error naming the file. Opening does not read the file: that
/// happens on the first statement. A Database belongs to one thread at a time (its connection is
/// opened without SQLite's per-call mutex).
///
/// Most embedders get one from open_knowledge_base(), which also checks that the file is a
/// current jobkb base. SQLite's own types stay out of this header (see the README's Embedding
/// section); native_handle() is there for SQL of your own.
class Database {
public:
    /// Opens a connection to the file at `path`. Throws Error(ErrorCode::kIo) when SQLite cannot
    /// open it as asked, Error(ErrorCode::kReadOnly) when a writer gets a file it may not write.
    Database(std::filesystem::path path, Access access, OpenMode mode = OpenMode::kExisting);
    /// Closes the connection (a transaction still open is rolled back by SQLite).
    ~Database();

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// The file, as given.
    const std::filesystem::path& path() const noexcept;
    /// Whether the connection may write.
    Access access() const noexcept;

    /// The SQLite connection, for SQL of your own through SQLite's C API (`<sqlite3.h>`). It keeps
    /// jobkb's settings; do not close it, change its settings, or leave a statement of yours
    /// stepping while you call into jobkb.
    sqlite3* native_handle() noexcept;

    /// Runs SQL that returns no rows (it may hold several statements). Throws Error naming the
    /// file and `doing` when SQLite fails.
    void execute(std::string_view doing, const std::string& sql);

private:
    friend struct detail::DatabaseAccess;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back by the destructor unless committed: writers take the
/// write lock up front so that two writers wait (busy timeout) instead of failing mid-way.
class WriteTransaction {
public:
    /// Begins the transaction. Throws Error(ErrorCode::kBusy) when another writer keeps the file
    /// locked longer than the busy timeout, or the database's Error.
    explicit WriteTransaction(Database& database);
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    /// Rolls back unless committed.
    ~WriteTransaction();
    /// Commits. Throws the database's Error (a full disk, say); the transaction is rolled back.
    void commit();

private:
    Database& database_;
    bool open_ = false;
};

/// A read that runs several statements sees one snapshot of the file, and takes the file's read
/// lock once rather than once per statement. Does nothing inside a transaction already open on
/// the connection (a WriteTransaction, or an outer ReadSnapshot).
class ReadSnapshot {
public:
    /// Starts the snapshot (unless one is open already). Throws the database's Error.
    explicit ReadSnapshot(Database& database);
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    /// Ends the snapshot it started.
    ~ReadSnapshot();

    /// SQLite's data version of the snapshot (PRAGMA data_version; reading it starts the read):
    /// two values from the same connection differ if another connection committed between the
    /// two snapshots, so a reader can tell whether what it derived from an earlier one is still
    /// current. Values of different connections are not comparable. Throws the database's Error.
    std::int64_t data_version();

private:
    Database& database_;
    bool open_ = false;
};

} // namespace jobkb
