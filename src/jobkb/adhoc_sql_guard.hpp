#pragma once

// The defences around a user's query (see run_adhoc_sql): an authorizer, a time limit, limits on
// what one value and the heap may grow to, defensive mode, and a printf that cannot hang.

#include "jobkb/error.hpp"

#include <chrono>
#include <string>

struct sqlite3;

namespace jobkb::detail {

// What the defences allow, and what stopped a query.
struct SqlGuard {
    bool allow_writes = false;
    std::chrono::steady_clock::time_point deadline;
    int max_value_bytes = 0; // SQLITE_LIMIT_LENGTH while it runs
    std::string refusal;     // why the authorizer said no, for the message
    Hint hint;               // what the user could do about the refusal
    bool timed_out = false;
};

// Installs the defences on the connection for this scope only.
class SqlGuardScope {
public:
    SqlGuardScope(sqlite3* handle, SqlGuard& guard);
    ~SqlGuardScope();
    SqlGuardScope(const SqlGuardScope&) = delete;
    SqlGuardScope& operator=(const SqlGuardScope&) = delete;

private:
    sqlite3* handle_;
    int attached_limit_ = 0;
    int length_limit_ = 0;
    long long heap_limit_ = 0;
    int tokenizer_ = 0;
    int defensive_ = 0;
};

} // namespace jobkb::detail
