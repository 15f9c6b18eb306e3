#include "jobkb/adhoc_sql.hpp"

#include "jobkb/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <memory>
#include <optional>

namespace jobkb {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxValueBytes = 10'000'000;
constexpr sqlite3_int64 kMaxHeapBytes = 1'000'000'000;

// Pragmas that only report. Those taking an argument name a table or index to describe;
// the others are allowed only without a value, since "PRAGMA x = v" changes something.
constexpr std::array<std::string_view, 10> kDescribingPragmas = {
    "table_info",       "table_xinfo",       "index_list",      "index_info",  "index_xinfo",
    "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check", "table_list"};
constexpr std::array<std::string_view, 16> kReadablePragmas = {
    "application_id", "user_version",  "schema_version",  "data_version",
    "page_count",     "page_size",     "freelist_count",  "encoding",
    "journal_mode",   "foreign_keys",  "compile_options", "database_list",
    "collation_list", "function_list", "module_list",     "pragma_list"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, const char* name) {
    return name != nullptr && std::find(names.begin(), names.end(), name) != names.end();
}

struct Guard {
    bool allow_writes = false;
    std::string refusal; // why the authorizer said no, for the message
    Clock::time_point deadline;
    bool timed_out = false;
};

int authorize(void* context, int action, const char* first, const char* second, const char*,
              const char*) {
    auto& guard = *static_cast<Guard*>(context);
    auto refuse = [&](std::string why) {
        guard.refusal = std::move(why);
        return SQLITE_DENY;
    };
    switch (action) {
    case SQLITE_READ:
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        if (second != nullptr && std::string_view(second) == "load_extension") {
            return refuse("loading extensions is not allowed");
        }
        // It reads and sets raw function pointers: an address leak, or a crash, to order.
        if (second != nullptr && std::string_view(second) == "fts3_tokenizer") {
            return refuse("fts3_tokenizer is not allowed");
        }
        return SQLITE_OK;
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_VTABLE:
        return refuse("virtual tables cannot be created or dropped here");
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
        return refuse("ATTACH and DETACH are not allowed");
    case SQLITE_PRAGMA:
        if (contains(kDescribingPragmas, first) ||
            (second == nullptr && contains(kReadablePragmas, first))) {
            return SQLITE_OK;
        }
        return refuse(fmt::format("PRAGMA {}{} is not allowed (only pragmas that report)",
                                  first ? first : "", second ? " = " + std::string(second) : ""));
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
        return refuse(guard.allow_writes
                          ? "transaction control is not allowed: --write runs everything in one "
                            "transaction"
                          : "transaction control is not allowed");
    case SQLITE_UPDATE:
        // SQLite asks this of its own schema table when a query first uses a built-in virtual
        // table (json_each, pragma_table_info); real writes are still stopped by the read-only
        // connection and sqlite3_stmt_readonly().
        if (first != nullptr && (std::string_view(first) == "sqlite_master" ||
                                 std::string_view(first) == "sqlite_temp_master")) {
            return SQLITE_OK;
        }
        [[fallthrough]];
    default:
        // Everything else writes: INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, REINDEX, ANALYZE.
        if (guard.allow_writes) {
            return SQLITE_OK;
        }
        return refuse("the query would change the database (it is read-only; pass --write "
                      "to change it)");
    }
}

int check_deadline(void* context) {
    auto& guard = *static_cast<Guard*>(context);
    if (Clock::now() > guard.deadline) {
        guard.timed_out = true;
        return 1; // interrupts the statement
    }
    return 0;
}

struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// SQLite 3.40 (Debian 12's; later versions copy in doubling blocks) builds printf('%.*c', N, 'x')
// with N appends, which go on after the result has outgrown the length limit, in one function call
// that the progress handler cannot interrupt: N = 2147483647 takes some 15 seconds whatever the
// time limit. While a query runs, printf and format are replaced by this check, which refuses %c
// precisions adding up past the length limit (too big a result anyway) at once, and otherwise runs
// the built-in printf on a private in-memory connection. SQLite owns each instance and deletes it
// with the function.
class CheckedPrintf {
public:
    static void install(sqlite3* handle) {
        for (const char* name : kNames) {
            auto* checked = new CheckedPrintf;
            // On failure (a statement of the connection still running) SQLite has already
            // deleted it, and the query runs with the built-in printf.
            sqlite3_create_function_v2(handle, name, -1, kFlags, checked, call, nullptr, nullptr,
                                       destroy);
        }
    }
    static void remove(sqlite3* handle) {
        for (const char* name : kNames) {
            sqlite3_create_function_v2(handle, name, -1, kFlags, nullptr, nullptr, nullptr, nullptr,
                                       nullptr);
        }
    }

private:
    static constexpr std::array<const char*, 2> kNames = {"printf", "format"};
    static constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

    ~CheckedPrintf() {
        statements_.clear();
        sqlite3_close(memory_);
    }

    static void destroy(void* checked) { delete static_cast<CheckedPrintf*>(checked); }

    static void call(sqlite3_context* context, int argc, sqlite3_value** argv) {
        if (has_huge_char_precision(argc, argv)) {
            sqlite3_result_error_toobig(context);
            return;
        }
        static_cast<CheckedPrintf*>(sqlite3_user_data(context))->run(context, argc, argv);
    }

    // Reads the format as SQLite's printf does (flags, width, precision, length, conversion;
    // '*' takes the next argument, as every conversion but %% and %n does) and tells whether its
    // %c conversions repeat their characters more times, together, than a value may have bytes.
    // SQLite loops over each %c's precision even after the result has become too big.
    static bool has_huge_char_precision(int argc, sqlite3_value** argv) {
        const auto* text = argc > 0 ? sqlite3_value_text(argv[0]) : nullptr;
        if (text == nullptr) {
            return false;
        }
        const std::string_view format(reinterpret_cast<const char*>(text),
                                      static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
        int next = 1;
        const auto take_int = [&] {
            // As SQLite does: the argument as an int, negative precisions made positive.
            const auto value = static_cast<int>(next < argc ? sqlite3_value_int64(argv[next]) : 0);
            ++next;
            return value < 0 ? (value >= -2147483647 ? -value : -1) : value;
        };
        const auto is_digit = [&](std::size_t i) {
            return i < format.size() && format[i] >= '0' && format[i] <= '9';
        };
        std::int64_t repeats = 0;
        std::size_t i = 0;
        while ((i = format.find('%', i)) != std::string_view::npos) {
            ++i;
            while (i < format.size() &&
                   std::string_view("-+ #!0,").find(format[i]) != std::string_view::npos) {
                ++i;
            }
            if (i < format.size() && format[i] == '*') {
                take_int();
                ++i;
            } else {
                while (is_digit(i)) {
                    ++i;
                }
            }
            int precision = -1;
            if (i < format.size() && format[i] == '.') {
                ++i;
                if (i < format.size() && format[i] == '*') {
                    precision = take_int();
                    ++i;
                } else {
                    std::uint32_t digits = 0; // wraps as SQLite's does
                    while (is_digit(i)) {
                        digits = digits * 10 + static_cast<std::uint32_t>(format[i++] - '0');
                    }
                    precision = static_cast<int>(digits & 0x7fffffff);
                }
            }
            while (i < format.size() && format[i] == 'l') {
                ++i;
            }
            if (i >= format.size()) {
                break;
            }
            const char conversion = format[i++];
            if (conversion == 'c') {
                repeats += std::max(precision, 0);
                if (repeats > kMaxValueBytes) {
                    return true;
                }
            }
            if (conversion != '%' && conversion != 'n') {
                ++next;
            }
        }
        return false;
    }

    void run(sqlite3_context* context, int argc, sqlite3_value** argv) {
        if (memory_ == nullptr) {
            if (sqlite3_open_v2(":memory:", &memory_, SQLITE_OPEN_READWRITE, nullptr) !=
                SQLITE_OK) {
                sqlite3_result_error_nomem(context);
                return;
            }
            sqlite3_limit(memory_, SQLITE_LIMIT_LENGTH, kMaxValueBytes);
        }
        auto& statement = statements_[argc];
        if (!statement) {
            std::string sql = "SELECT printf(";
            for (int i = 1; i <= argc; ++i) {
                sql += fmt::format("{}?{}", i > 1 ? ", " : "", i);
            }
            sql += ")";
            sqlite3_stmt* raw = nullptr;
            if (sqlite3_prepare_v2(memory_, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
                sqlite3_result_error(context, sqlite3_errmsg(memory_), -1);
                return;
            }
            statement.reset(raw);
        }
        for (int i = 0; i < argc; ++i) {
            sqlite3_bind_value(statement.get(), i + 1, argv[i]);
        }
        const int step = sqlite3_step(statement.get());
        if (step == SQLITE_ROW) {
            sqlite3_result_value(context, sqlite3_column_value(statement.get(), 0));
        } else if (step == SQLITE_TOOBIG) {
            sqlite3_result_error_toobig(context);
        } else if (step == SQLITE_NOMEM) {
            sqlite3_result_error_nomem(context);
        } else {
            sqlite3_result_error(context, sqlite3_errmsg(memory_), -1);
        }
        sqlite3_reset(statement.get());
        sqlite3_clear_bindings(statement.get());
    }

    sqlite3* memory_ = nullptr;
    std::map<int, StatementPtr> statements_; // "SELECT printf(?1, ..., ?N)" for N arguments
};

// Installs the guard on the connection for this scope only.
class GuardScope {
public:
    GuardScope(sqlite3* handle, Guard& guard) : handle_(handle) {
        sqlite3_set_authorizer(handle_, authorize, &guard);
        sqlite3_progress_handler(handle_, 1000, check_deadline, &guard);
        attached_limit_ = sqlite3_limit(handle_, SQLITE_LIMIT_ATTACHED, 0);
        // Bounds what one function call can build (printf('%.*c', 1e9, 'x')), which the
        // progress handler cannot interrupt; CheckedPrintf bounds the time printf takes.
        length_limit_ = sqlite3_limit(handle_, SQLITE_LIMIT_LENGTH, kMaxValueBytes);
        CheckedPrintf::install(handle_);
        heap_limit_ = sqlite3_hard_heap_limit64(-1);
        sqlite3_hard_heap_limit64(kMaxHeapBytes);
        sqlite3_db_config(handle_, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive_);
        sqlite3_db_config(handle_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        sqlite3_db_config(handle_, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, -1, &tokenizer_);
        sqlite3_db_config(handle_, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, nullptr);
    }
    ~GuardScope() {
        CheckedPrintf::remove(handle_);
        sqlite3_set_authorizer(handle_, nullptr, nullptr);
        sqlite3_progress_handler(handle_, 0, nullptr, nullptr);
        sqlite3_limit(handle_, SQLITE_LIMIT_ATTACHED, attached_limit_);
        sqlite3_limit(handle_, SQLITE_LIMIT_LENGTH, length_limit_);
        sqlite3_hard_heap_limit64(heap_limit_);
        sqlite3_db_config(handle_, SQLITE_DBCONFIG_DEFENSIVE, defensive_, nullptr);
        sqlite3_db_config(handle_, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, tokenizer_, nullptr);
    }
    GuardScope(const GuardScope&) = delete;
    GuardScope& operator=(const GuardScope&) = delete;

private:
    sqlite3* handle_;
    int attached_limit_ = 0;
    int length_limit_ = 0;
    sqlite3_int64 heap_limit_ = 0;
    int tokenizer_ = 0;
    int defensive_ = 0;
};

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

[[noreturn]] void fail_at(std::string_view sql, std::size_t offset, const std::string& message) {
    throw Error(ErrorCode::kInvalidArgument, fmt::format("query:{}: {} ({})", position(sql, offset),
                                                         message, context_at(sql, offset)));
}

[[noreturn]] void fail_with_sqlite(sqlite3* handle, std::string_view sql, std::size_t base,
                                   const Guard& guard, const AdHocOptions& options) {
    if (guard.timed_out) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("query stopped after {} ms: the time limit (raise it with "
                                "--time-limit MS)",
                                options.time_limit.count()));
    }
    const std::string message =
        guard.refusal.empty() ? sqlite3_errmsg(handle) : "refused: " + guard.refusal;
    const int offset = sqlite3_error_offset(handle);
    fail_at(sql, base + (offset >= 0 ? static_cast<std::size_t>(offset) : 0), message);
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
                        fmt::format("query parameter {} has no value (pass -p {} VALUE)",
                                    raw_name ? raw_name : "?", name));
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
    sqlite3* handle = database.connection().getHandle();
    Guard guard;
    guard.allow_writes = options.allow_writes;
    guard.deadline = Clock::now() + options.time_limit;
    GuardScope scope(handle, guard);

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
            fail_at(sql, offset,
                    "only one statement at a time (pass --write to run several in one "
                    "transaction)");
        }
        sqlite3_stmt* raw = nullptr;
        const char* start = sql.data() + offset;
        const char* tail = nullptr;
        guard.refusal.clear();
        const int prepared = sqlite3_prepare_v3(
            handle, start, static_cast<int>(sql.size() - offset), 0, &raw, &tail);
        StatementPtr statement(raw);
        if (prepared != SQLITE_OK) {
            fail_with_sqlite(handle, sql, offset, guard, options);
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
                    "refused: the statement would change the database (it is read-only; pass "
                    "--write to change it)");
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
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("query returned more than {} rows: stopped by the row "
                                        "cap (add a LIMIT, or raise it with --max-rows N)",
                                        options.max_rows));
            }
            std::vector<SqlValue> row;
            for (int i = 0; i < columns; ++i) {
                row.push_back(column_value(statement.get(), i));
                result_bytes += sizeof(SqlValue) +
                                static_cast<std::size_t>(sqlite3_column_bytes(statement.get(), i));
            }
            if (result_bytes > options.max_result_bytes) {
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("query returned more than {} MiB: stopped by the size cap "
                                        "(add a LIMIT, or select fewer or shorter values)",
                                        options.max_result_bytes >> 20));
            }
            result.rows.push_back(std::move(row));
        }
        if (result.truncated) {
            continue; // a statement after this one is still refused above
        }
        if (step != SQLITE_DONE) {
            fail_with_sqlite(handle, sql, statement_offset, guard, options);
        }
        // Rows the statement itself changed, not those its triggers did.
        changes += sqlite3_stmt_readonly(statement.get()) ? 0 : sqlite3_changes64(handle);
    }
    if (!ran_one) {
        throw Error(ErrorCode::kInvalidArgument, "the query is empty");
    }
    for (std::size_t i = 0; i < used.size(); ++i) {
        if (!used[i]) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("parameter '{}' is not in the query (-p {})",
                                    options.parameters[i].name, options.parameters[i].name));
        }
    }
    result.changes = changes;
    return result;
}

} // namespace

SqlResult run_adhoc_sql(Database& database, std::string_view sql, const AdHocOptions& options) {
    for (std::size_t i = 0; i < options.parameters.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (options.parameters[i].name == options.parameters[j].name) {
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("parameter '{}' is given twice (expected one -p {} VALUE)",
                                        options.parameters[i].name, options.parameters[i].name));
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
