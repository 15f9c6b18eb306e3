#pragma once

struct sqlite3;

namespace jobkb::detail {

// SQLite 3.40 (Debian 12's; later versions copy in doubling blocks) builds printf('%.*c', N, 'x')
// with N appends, which go on after the result has outgrown the length limit, in one function call
// that the progress handler cannot interrupt: N = 2147483647 takes some 15 seconds whatever the
// time limit. While a query runs, printf and format are replaced by a check that refuses %c
// precisions adding up past max_value_bytes (the query's SQLITE_LIMIT_LENGTH: too big a result
// anyway) at once, and otherwise runs the built-in printf on a private in-memory connection with
// that limit.
void install_checked_printf(sqlite3* handle, int max_value_bytes);

// Gives the connection its built-in printf and format back.
void remove_checked_printf(sqlite3* handle);

} // namespace jobkb::detail
