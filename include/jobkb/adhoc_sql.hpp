#pragma once

#include "jobkb/database.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jobkb {

/// A BLOB value, as its bytes.
struct Blob {
    std::string bytes; ///< the bytes, unchanged
};

/// A value as SQLite returned it: NULL, an integer, a real, text or a blob.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

/// A value for one of the query's parameters.
struct SqlParameter {
    std::string name;  ///< without its prefix: "min" binds :min, \@min and $min; "1" binds ?1
    std::string value; ///< bound as an integer when it is one, else as text
};

/// How run_adhoc_sql() runs a query.
struct AdHocOptions {
    bool allow_writes = false; ///< the caller must also have opened the database read-write
    std::chrono::milliseconds time_limit{5000}; ///< the query stops after this long
    std::size_t max_rows = 10000;               ///< the query stops when it returns more rows
    std::size_t max_result_bytes = 64 << 20;    ///< ... or more bytes: a few huge rows count too
    std::vector<SqlParameter> parameters;       ///< a value for every parameter of the query
    /// The longest text or blob one value may grow to while the query runs (SQLite's
    /// SQLITE_LIMIT_LENGTH); a longer one stops it with an error. From 1 to 1,000,000,000.
    int max_value_bytes = 10'000'000;
};

/// What a query returned.
struct SqlResult {
    std::vector<std::string> columns;        ///< the last statement's column names
    std::vector<std::vector<SqlValue>> rows; ///< the last statement's rows
    std::int64_t changes = 0;                ///< rows changed, with allow_writes
    /// The query had more rows than max_rows: `rows` holds the first max_rows and the query was
    /// stopped there (read-only queries only; with allow_writes the row cap is an Error, since a
    /// write is never stopped half done).
    bool truncated = false;
};

/// The work of `jobkb sql`: runs SQL a user typed, defended in depth. Without allow_writes: one
/// statement only, which SQLite must call read-only, and an authorizer refuses ATTACH, writes,
/// pragma changes and extension loading even so (the caller opens the file read-only as the
/// outer layer). With allow_writes: several statements, all in one transaction, still without
/// ATTACH, pragma changes or extensions.
///
/// Throws Error(ErrorCode::kLimit) when the time limit (HintKind::kRaiseTimeLimit), the row
/// limit with allow_writes (kRaiseRowLimit) or the size limit (kRaiseSizeLimit) stops the query;
/// Error(ErrorCode::kInvalidArgument) for an error in the SQL or a refused statement, with the
/// line and column ("query:2:7: ..."; a write without allow_writes has HintKind::kAllowWrites,
/// several statements kAllowSeveral), and for a parameter without a value (kBindParameter),
/// given twice or not in the query; and the database's Error when the file fails (damage, a
/// lock, I/O). With allow_writes, nothing is written unless the whole query succeeds.
SqlResult run_adhoc_sql(Database& database, std::string_view sql, const AdHocOptions& options);

} // namespace jobkb
