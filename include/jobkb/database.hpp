#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jobkb {

enum class Access { kReadOnly, kReadWrite };

enum class OpenMode {
    kExisting,  // the file must exist
    kCreate,    // make the file when it does not exist (with kReadWrite)
    kImmutable, // read a file nobody can be writing: needs no -wal or -shm beside it (kReadOnly)
};

// One connection to a SQLite file with jobkb's per-connection settings, a cache of prepared
// statements, and translation of SQLite failures into jobkb::Error naming the file.
// Opening does not read the file: that happens on the first statement. A Database belongs to one
// thread at a time (its connection is opened without SQLite's per-call mutex).
class Database {
public:
    // Throws Error (kIo, kReadOnly) when the file cannot be opened as asked.
    Database(std::filesystem::path path, Access access, OpenMode mode = OpenMode::kExisting);

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }
    Access access() const noexcept { return access_; }
    SQLite::Database& connection() noexcept { return connection_; }

    // A prepared statement in the connection's cache (see detail::Statement, which is how the
    // library uses it).
    struct CachedStatement {
        std::unique_ptr<SQLite::Statement> statement;
        bool in_use = false;
    };

    // The cached statement for this SQL, prepared on first use. Throws Error naming `doing` when
    // the SQL does not prepare.
    CachedStatement& cached_statement(const std::string& sql, std::string_view doing);

    // The statement for this SQL, prepared on first use and reused after; it comes back reset,
    // with its bindings cleared. Throws Error naming `doing` when the SQL does not prepare (which
    // is also where a damaged or foreign file first shows).
    SQLite::Statement& statement(const std::string& sql,
                                 std::string_view doing = "preparing a statement");

    // Resets every cached statement, so none is left mid-way (COMMIT needs that).
    void reset_statements() noexcept;

    // Runs SQL that returns no rows (may hold several statements). Throws Error.
    void execute(std::string_view doing, const std::string& sql);

    // Throws the jobkb::Error for a SQLite failure while `doing` something with this file.
    [[noreturn]] void fail(std::string_view doing, const SQLite::Exception& failure) const;

    // Runs fn; a SQLite::Exception it throws becomes a jobkb::Error naming the file and `doing`.
    template <typename Fn> decltype(auto) guard(std::string_view doing, Fn&& fn) {
        try {
            return fn();
        } catch (const SQLite::Exception& failure) {
            fail(doing, failure);
        }
    }

private:
    std::filesystem::path path_;
    Access access_;
    SQLite::Database connection_; // declared before the statements that use it
    std::unordered_map<std::string, CachedStatement> statements_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back by the destructor unless committed: writers take the
// write lock up front so that two writers wait (busy timeout) instead of failing mid-way.
class WriteTransaction {
public:
    explicit WriteTransaction(Database& database);
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    ~WriteTransaction();
    void commit();

private:
    Database& database_;
    bool open_ = false;
};

// A read that runs several statements sees one snapshot of the file, and takes the file's read
// lock once rather than once per statement. Does nothing inside a transaction already open on the
// connection (a WriteTransaction, or an outer ReadSnapshot).
class ReadSnapshot {
public:
    explicit ReadSnapshot(Database& database);
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    ~ReadSnapshot();

private:
    Database& database_;
    bool open_ = false;
};

} // namespace jobkb
