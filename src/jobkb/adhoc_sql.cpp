// `jobkb sql`: a user's SQL, run under the defences of adhoc_sql_guard.hpp.
#include "jobkb/adhoc_sql.hpp"

#include "jobkb/adhoc_sql_guard.hpp"
#include "jobkb/connection.hpp"
#include "jobkb/error.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>

namespace jobkb {
namespace {

using detail::SqlGuard;

// The user's statements are prepared here, each once, not through the statement cache.
using StatementPtr = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

// "line 2, column 7" of a byte offset into the query.
std::string position(std::string_view sql, std::size_t offset) {
    offset = std::min(offset, sql.size());
    const auto before = sql.substr(0, offset);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto line_start = before.rfind('\n');
    const auto column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    return fmt::format("{}:{}", line, column);
}

// The text around an offset, to show where an error is.
std::string context_at(std::string_view sql, std::size_t offset) {
    offset = std::min(offset, sql.size());
    std::string_view rest = sql.substr(offset);
    rest = rest.substr(0, std::min<std::size_t>(rest.find('\n'), 30));
    return rest.empty() ? "at the end of the query" : fmt::format("at '{}'", rest);
}

// An error in the query at a byte offset: "query:LINE:COLUMN: what (at 'text')".
[[noreturn]] void fail_at(std::string_view sql, std::size_t offset, const std::string& message,
                          Hint hint = {}) {
    throw Error(
        ErrorCode::kInvalidArgument,
        fmt::format("query:{}: {} ({})", position(sql, offset), message, context_at(sql, offset)),
        std::move(hint));
}

// Why SQLite stopped the statement at `base`: the time limit, a refusal, an error in the query
// (with its position), or the file's own failure (damage, a lock, I/O), which is reported like
// any other statement's.
[[noreturn]] void fail_with_sqlite(Database& database, int code, std::string_view sql,
                                   std::size_t base, const SqlGuard& guard,
                                   const AdHocOptions& options) {
    if (guard.timed_out) {
        throw Error(
            ErrorCode::kLimit,
            fmt::format("query stopped after {} ms: the time limit", options.time_limit.count()),
            Hint{HintKind::kRaiseTimeLimit, {}, {}});
    }
    sqlite3* handle = database.native_handle();
    const int offset = sqlite3_error_offset(handle);
    const std::size_t at = base + (offset >= 0 ? static_cast<std::size_t>(offset) : 0);
    if (!guard.refusal.empty()) {
        fail_at(sql, at, "refused: " + guard.refusal, guard.hint);
    }
    switch (code & 0xff) {
    case SQLITE_ERROR:      // syntax, unknown names, a function's error
    case SQLITE_CONSTRAINT: // with writes allowed
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG: // a value past the length limit
    case SQLITE_NOMEM:  // the heap limit
    case SQLITE_AUTH:   // refused without a reason recorded
    case SQLITE_INTERRUPT:
        fail_at(sql, at, sqlite3_errmsg(handle));
    default:
        detail::fail(database, "running the query", SQLite::Exception(handle, code));
    }
}

// An integer only when the text is its canonical spelling: "007" and "+5" stay text.
std::optional<std::int64_t> as_integer(const std::string& text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end || text.empty() || std::to_string(value) != text) {
        return std::nullopt;
    }
    return value;
}

void bind_parameters(sqlite3_stmt* statement, const AdHocOptions& options,
                     std::vector<bool>& used) {
    const int count = sqlite3_bind_parameter_count(statement);
    for (int index = 1; index <= count; ++index) {
        const char* raw_name = sqlite3_bind_parameter_name(statement, index);
        // Anonymous "?" parameters are numbered; "?3" is named "3" here.
        const std::string name = raw_name == nullptr ? std::to_string(index) : raw_name + 1;
        const auto found = std::find_if(options.parameters.begin(), options.parameters.end(),
                                        [&](const SqlParameter& p) { return p.name == name; });
        if (found == options.parameters.end()) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("query parameter {} has no value", raw_name ? raw_name : "?"),
                        Hint{HintKind::kBindParameter, {}, name});
        }
        used[static_cast<std::size_t>(found - options.parameters.begin())] = true;
        if (const auto integer = as_integer(found->value)) {
            sqlite3_bind_int64(statement, index, *integer);
        } else {
            sqlite3_bind_text(statement, index, found->value.c_str(),
                              static_cast<int>(found->value.size()), SQLITE_TRANSIENT);
        }
    }
}

SqlValue column_value(sqlite3_stmt* statement, int column) {
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT:
        return sqlite3_column_double(statement, column);
    case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
    case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
        return Blob{std::string(bytes ? bytes : "",
                                static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))};
    }
    default:
        return std::monostate{};
    }
}

// Skips whitespace and comments; true when nothing but them is left.
bool only_comments(std::string_view rest) {
    while (!rest.empty()) {
        if (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\n' ||
            rest.front() == '\r' || rest.front() == '\f' || rest.front() == '\v' ||
            rest.front() == ';') {
            rest.remove_prefix(1);
        } else if (rest.starts_with("--")) {
            const auto end = rest.find('\n');
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        } else if (rest.starts_with("/*")) {
            const auto end = rest.find("*/");
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 2);
        } else {
            return false;
        }
    }
    return true;
}

// Runs the statements with the guard installed (the caller owns any transaction, whose BEGIN
// and COMMIT the guard would refuse).
SqlResult run_guarded(Database& database, std::string_view sql, const AdHocOptions& options) {
    sqlite3* handle = database.native_handle();
    SqlGuard guard;
    guard.allow_writes = options.allow_writes;
    guard.deadline = std::chrono::steady_clock::now() + options.time_limit;
    guard.max_value_bytes = options.max_value_bytes;
    detail::SqlGuardScope scope(handle, guard);

    if (const auto nul = sql.find('\0'); nul != std::string_view::npos) {
        fail_at(sql, nul, "the query contains a NUL byte (expected SQL text)");
    }
    std::int64_t changes = 0;
    std::vector<bool> used(options.parameters.size(), false);
    SqlResult result;
    std::size_t offset = 0;
    std::size_t result_bytes = 0;
    bool ran_one = false;
    while (offset < sql.size() && !only_comments(sql.substr(offset))) {
        if (ran_one && !options.allow_writes) {
            fail_at(sql, offset, "only one statement at a time",
                    Hint{HintKind::kAllowSeveral, {}, {}});
        }
        sqlite3_stmt* raw = nullptr;
        const char* start = sql.data() + offset;
        const char* tail = nullptr;
        guard.refusal.clear();
        const int prepared = sqlite3_prepare_v3(
            handle, start, static_cast<int>(sql.size() - offset), 0, &raw, &tail);
        StatementPtr statement(raw, sqlite3_finalize);
        if (prepared != SQLITE_OK) {
            fail_with_sqlite(database, prepared, sql, offset, guard, options);
        }
        const std::size_t statement_offset = offset;
        offset = static_cast<std::size_t>(tail - sql.data());
        if (offset <= statement_offset && !statement) {
            fail_at(sql, statement_offset, "cannot read the query from here (expected SQL)");
        }
        if (!statement) {
            continue; // only a comment or whitespace
        }
        if (!options.allow_writes && !sqlite3_stmt_readonly(statement.get())) {
            fail_at(sql, statement_offset,
                    "refused: the statement would change the database (it is read-only)",
                    Hint{HintKind::kAllowWrites, {}, {}});
        }
        ran_one = true;
        bind_parameters(statement.get(), options, used);
        const int columns = sqlite3_column_count(statement.get());
        if (columns > 0) {
            result.columns.clear();
            result.rows.clear();
            result_bytes = 0;
            for (int i = 0; i < columns; ++i) {
                result.columns.emplace_back(sqlite3_column_name(statement.get(), i));
            }
        }
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
            if (result.rows.size() == options.max_rows && !options.allow_writes) {
                result.truncated = true; // the only statement: stop it and return what came
                break;
            }
            if (result.rows.size() == options.max_rows) {
                throw Error(ErrorCode::kLimit,
                            fmt::format("query returned more than {} rows: stopped by the row cap",
                                        options.max_rows),
                            Hint{HintKind::kRaiseRowLimit, {}, {}});
            }
            std::vector<SqlValue> row;
            for (int i = 0; i < columns; ++i) {
                row.push_back(column_value(statement.get(), i));
                result_bytes += sizeof(SqlValue) +
                                static_cast<std::size_t>(sqlite3_column_bytes(statement.get(), i));
            }
            if (result_bytes > options.max_result_bytes) {
                throw Error(ErrorCode::kLimit,
                            fmt::format("query returned more than {} MiB: stopped by the size cap",
                                        options.max_result_bytes >> 20),
                            Hint{HintKind::kRaiseSizeLimit, {}, {}});
            }
            result.rows.push_back(std::move(row));
        }
        if (result.truncated) {
            continue; // a statement after this one is still refused above
        }
        if (step != SQLITE_DONE) {
            fail_with_sqlite(database, step, sql, statement_offset, guard, options);
        }
        // Rows the statement itself changed, not those its triggers did.
        changes += sqlite3_stmt_readonly(statement.get()) ? 0 : sqlite3_changes64(handle);
    }
    if (!ran_one) {
        throw Error(ErrorCode::kInvalidArgument, "the query is empty");
    }
    for (std::size_t i = 0; i < used.size(); ++i) {
        if (!used[i]) {
            throw Error(
                ErrorCode::kInvalidArgument,
                fmt::format("parameter '{}' is not in the query", options.parameters[i].name));
        }
    }
    result.changes = changes;
    return result;
}

} // namespace

SqlResult run_adhoc_sql(Database& database, std::string_view sql, const AdHocOptions& options) {
    // SQLite would clamp a larger length limit to its compiled maximum (1,000,000,000) and take a
    // negative one as a question, leaving the connection's limit in place.
    if (options.max_value_bytes < 1 || options.max_value_bytes > 1'000'000'000) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("max_value_bytes {} is out of range (expected 1 to 1000000000)",
                                options.max_value_bytes));
    }
    for (std::size_t i = 0; i < options.parameters.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (options.parameters[i].name == options.parameters[j].name) {
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("parameter '{}' is given twice (expected one value)",
                                        options.parameters[i].name));
            }
        }
    }
    std::optional<WriteTransaction> transaction;
    if (options.allow_writes) {
        transaction.emplace(database);
    }
    SqlResult result = run_guarded(database, sql, options);
    if (transaction) {
        transaction->commit();
    }
    return result;
}

} // namespace jobkb
