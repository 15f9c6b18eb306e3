#pragma once

#include "jobkb/database.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <string_view>

// What the library (and the tests and benchmarks built with it) reach inside a Database: the
// SQLiteCpp connection, the statement cache and the translation of SQLite failures. Not
// installed: embedders see jobkb's own types only.
namespace jobkb::detail {

// A prepared statement in the connection's cache (detail::Statement is how the library uses it).
struct CachedStatement {
    std::unique_ptr<SQLite::Statement> statement;
    bool in_use = false;
};

struct DatabaseAccess {
    static SQLite::Database& connection(Database& database);
    static CachedStatement& cached_statement(Database& database, const std::string& sql,
                                             std::string_view doing);
    static void reset_statements(Database& database) noexcept;
    [[noreturn]] static void fail(const Database& database, std::string_view doing,
                                  const SQLite::Exception& failure);
};

// The SQLiteCpp connection of a Database.
inline SQLite::Database& connection(Database& database) {
    return DatabaseAccess::connection(database);
}

// The cached statement for this SQL, prepared on first use. Throws Error naming `doing` when the
// SQL does not prepare (which is also where a damaged or foreign file first shows).
inline CachedStatement& cached_statement(Database& database, const std::string& sql,
                                         std::string_view doing) {
    return DatabaseAccess::cached_statement(database, sql, doing);
}

// Resets every cached statement, so none is left mid-way (COMMIT needs that).
inline void reset_statements(Database& database) noexcept {
    DatabaseAccess::reset_statements(database);
}

// Throws the jobkb::Error for a SQLite failure while `doing` something with this file: damage,
// a lock held too long, a full disk and the rest each get their code and words.
[[noreturn]] inline void fail(const Database& database, std::string_view doing,
                              const SQLite::Exception& failure) {
    DatabaseAccess::fail(database, doing, failure);
}

} // namespace jobkb::detail
