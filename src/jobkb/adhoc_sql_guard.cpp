// The authorizer, progress handler and limits a user's query runs under.
#include "jobkb/adhoc_sql_guard.hpp"

#include "jobkb/checked_printf.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace jobkb::detail {
namespace {

using Clock = std::chrono::steady_clock;

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

int authorize(void* context, int action, const char* first, const char* second, const char*,
              const char*) {
    auto& guard = *static_cast<SqlGuard*>(context);
    auto refuse = [&](std::string why, HintKind hint = HintKind::kNone) {
        guard.refusal = std::move(why);
        guard.hint = Hint{hint, {}, {}};
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
                          ? "transaction control is not allowed: with writes allowed, everything "
                            "runs in one transaction"
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
        return refuse("the query would change the database (it is read-only)",
                      HintKind::kAllowWrites);
    }
}

int check_deadline(void* context) {
    auto& guard = *static_cast<SqlGuard*>(context);
    if (Clock::now() > guard.deadline) {
        guard.timed_out = true;
        return 1; // interrupts the statement
    }
    return 0;
}

} // namespace

SqlGuardScope::SqlGuardScope(sqlite3* handle, SqlGuard& guard) : handle_(handle) {
    sqlite3_set_authorizer(handle_, authorize, &guard);
    sqlite3_progress_handler(handle_, 1000, check_deadline, &guard);
    attached_limit_ = sqlite3_limit(handle_, SQLITE_LIMIT_ATTACHED, 0);
    // Bounds what one function call can build (printf('%.*c', 1e9, 'x')), which the progress
    // handler cannot interrupt; the checked printf bounds the time printf takes.
    length_limit_ = sqlite3_limit(handle_, SQLITE_LIMIT_LENGTH, guard.max_value_bytes);
    install_checked_printf(handle_, guard.max_value_bytes);
    heap_limit_ = sqlite3_hard_heap_limit64(-1);
    sqlite3_hard_heap_limit64(kMaxHeapBytes);
    sqlite3_db_config(handle_, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive_);
    sqlite3_db_config(handle_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(handle_, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, -1, &tokenizer_);
    sqlite3_db_config(handle_, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, nullptr);
}

SqlGuardScope::~SqlGuardScope() {
    remove_checked_printf(handle_);
    sqlite3_set_authorizer(handle_, nullptr, nullptr);
    sqlite3_progress_handler(handle_, 0, nullptr, nullptr);
    sqlite3_limit(handle_, SQLITE_LIMIT_ATTACHED, attached_limit_);
    sqlite3_limit(handle_, SQLITE_LIMIT_LENGTH, length_limit_);
    sqlite3_hard_heap_limit64(heap_limit_);
    sqlite3_db_config(handle_, SQLITE_DBCONFIG_DEFENSIVE, defensive_, nullptr);
    sqlite3_db_config(handle_, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, tokenizer_, nullptr);
}

} // namespace jobkb::detail
