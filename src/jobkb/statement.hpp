#pragma once

#include "jobkb/connection.hpp"
#include "jobkb/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jobkb::detail {

// One SQL statement of a component, named by what it does ("listing roles"), prepared on its
// first use and kept in the connection's cache (so it outlives the component that named it, and
// a Catalog made per call prepares nothing twice). Components keep their statements together in
// a struct of named members, in the spirit of Nix's SQLiteStmt:
//
//     struct Statements {
//         explicit Statements(Database& db) : role{db, "reading a role", kRoleSql} {}
//         Statement role;
//     };
//     auto row = statements.role.use().bind(":slug", slug);
//     while (row.step()) { names.push_back(row.text(0)); }
//
// Every failure of SQLite while preparing, binding, stepping or reading a column becomes a
// jobkb::Error naming the file, what was being done, and SQLite's message.
class Statement {
public:
    Statement(Database& database, std::string_view doing, std::string sql);
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    class Use;

    // A use of the statement: bind, step, read columns; the statement is reset and its bindings
    // cleared when the use leaves scope, so a forgotten reset cannot hold a read open or keep an
    // INSERT ... RETURNING's statement journal growing. Throws Error when the SQL does not
    // prepare (which is also where a damaged or foreign file first shows), and when the
    // statement is already in use (a use inside a use of the same statement is a defect).
    Use use();

    const std::string& sql() const noexcept { return sql_; }
    std::string_view doing() const noexcept { return doing_; }

private:
    Database& database_;
    std::string doing_;
    std::string sql_;
    CachedStatement* prepared_ = nullptr; // owned by the connection's cache
};

class Statement::Use {
public:
    Use(Use&& other) noexcept;
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    Use& operator=(Use&&) = delete;
    ~Use(); // resets the statement and clears its bindings; never throws

    // Binding, by name (":role") or by 1-based position, with integers, doubles, text (copied),
    // or optionals (nullopt binds NULL); bind_null binds NULL; bind_no_copy binds text without
    // copying it (the string must stay unchanged until the use ends). Each returns the use, so
    // calls chain, and `auto row = statement.use().bind(...)` keeps it.
    template <typename Key, typename Value> Use& bind(Key key, const Value& value) & {
        set(key, value);
        return *this;
    }
    template <typename Key, typename Value> Use&& bind(Key key, const Value& value) && {
        set(key, value);
        return std::move(*this);
    }
    template <typename Key> Use& bind_null(Key key) & {
        set_null(key);
        return *this;
    }
    template <typename Key> Use&& bind_null(Key key) && {
        set_null(key);
        return std::move(*this);
    }
    template <typename Key> Use& bind_no_copy(Key key, const std::string& value) & {
        set_no_copy(key, value);
        return *this;
    }
    template <typename Key> Use&& bind_no_copy(Key key, const std::string& value) && {
        set_no_copy(key, value);
        return std::move(*this);
    }

    // Steps to the next row; false when there is none.
    bool step();
    // Runs the statement to its end (a write, or a read whose rows are not wanted); returns the
    // rows it changed.
    std::int64_t exec();
    // Steps once and requires a row (SELECT count(*), INSERT ... RETURNING): throws Error when
    // there is none.
    Use& single_row() & {
        require_row();
        return *this;
    }
    Use&& single_row() && {
        require_row();
        return std::move(*this);
    }

    // Columns of the current row, 0-based.
    bool is_null(int column) const;
    std::int64_t int64(int column) const;
    int integer(int column) const;
    double real(int column) const;
    std::string text(int column) const; // NULL reads as ""
    std::optional<std::string> optional_text(int column) const;
    std::optional<std::int64_t> optional_int64(int column) const;
    int column_count() const;

    // The SQLiteCpp statement, for what the calls above do not cover (column types and names in
    // the ad-hoc SQL runner). Failures there must be translated by the caller.
    SQLite::Statement& raw() noexcept;

private:
    friend class Statement;
    Use(Statement& statement, CachedStatement& prepared);
    [[noreturn]] void fail(const SQLite::Exception& failure) const;
    void require_row();

    void set(const char* name, std::int64_t value);
    void set(const char* name, int value) { set(name, static_cast<std::int64_t>(value)); }
    void set(const char* name, double value);
    void set(const char* name, std::string_view value);
    void set(const char* name, const std::string& value) { set(name, std::string_view(value)); }
    void set(const char* name, const char* value) { set(name, std::string_view(value)); }
    void set(const char* name, const std::optional<std::string>& value);
    void set(const char* name, const std::optional<std::int64_t>& value);
    void set(int index, std::int64_t value);
    void set(int index, int value) { set(index, static_cast<std::int64_t>(value)); }
    void set(int index, double value);
    void set(int index, std::string_view value);
    void set(int index, const std::string& value) { set(index, std::string_view(value)); }
    void set(int index, const char* value) { set(index, std::string_view(value)); }
    void set(int index, const std::optional<std::string>& value);
    void set(int index, const std::optional<std::int64_t>& value);
    void set_null(const char* name);
    void set_null(int index);
    void set_no_copy(const char* name, const std::string& value);
    void set_no_copy(int index, const std::string& value);

    Statement* statement_;
    CachedStatement* prepared_;
};

} // namespace jobkb::detail
