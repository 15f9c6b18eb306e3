#pragma once

#include "jobkb/database.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jobkb {

struct Blob {
    std::string bytes;
};

// A value as SQLite returned it.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

struct SqlParameter {
    std::string name;  // without its prefix: "min" binds :min, @min and $min; "1" binds ?1
    std::string value; // bound as an integer when it is one, else as text
};

struct AdHocOptions {
    bool allow_writes = false; // the caller must also have opened the database read-write
    std::chrono::milliseconds time_limit{5000};
    std::size_t max_rows = 10000;
    std::size_t max_result_bytes = 64 << 20; // a few huge rows are stopped like many rows
    std::vector<SqlParameter> parameters;
};

struct SqlResult {
    std::vector<std::string> columns;
    std::vector<std::vector<SqlValue>> rows;
    std::int64_t changes = 0; // rows changed, with allow_writes
    // The query had more rows than max_rows: `rows` holds the first max_rows, and the query
    // was stopped there (read-only queries only; see run_adhoc_sql).
    bool truncated = false;
};

// Runs SQL a user typed, defended in depth. Without allow_writes: one statement only, which
// SQLite must call read-only, and an authorizer refuses ATTACH, writes, pragma changes and
// extension loading even so (the caller opens the file read-only as the outer layer). With
// allow_writes: several statements, all in one transaction, still without ATTACH, pragma changes
// or extensions. Always: a time limit (progress handler) and a cap on the bytes of the result,
// each ending the query with an Error that says which limit stopped it; SQL errors give the line
// and column. The row cap stops a read-only query after max_rows rows and returns them with
// `truncated` set; with allow_writes it is an Error (a write is never stopped half done).
SqlResult run_adhoc_sql(Database& database, std::string_view sql, const AdHocOptions& options);

} // namespace jobkb
