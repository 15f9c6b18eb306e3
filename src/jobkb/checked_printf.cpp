// The printf and format a user's query runs with (see checked_printf.hpp).
#include "jobkb/checked_printf.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string_view>

namespace jobkb::detail {
namespace {

struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// printf and format for one connection: SQLite owns each instance and deletes it with the
// function.
class CheckedPrintf {
public:
    static void install(sqlite3* handle, int max_value_bytes) {
        for (const char* name : kNames) {
            auto* checked = new CheckedPrintf(max_value_bytes);
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

    explicit CheckedPrintf(int max_value_bytes) : max_value_bytes_(max_value_bytes) {}
    ~CheckedPrintf() {
        statements_.clear();
        sqlite3_close(memory_);
    }

    static void destroy(void* checked) { delete static_cast<CheckedPrintf*>(checked); }

    static void call(sqlite3_context* context, int argc, sqlite3_value** argv) {
        auto* checked = static_cast<CheckedPrintf*>(sqlite3_user_data(context));
        if (has_huge_char_precision(argc, argv, checked->max_value_bytes_)) {
            sqlite3_result_error_toobig(context);
            return;
        }
        checked->run(context, argc, argv);
    }

    // Reads the format as SQLite's printf does (flags, width, precision, length, conversion;
    // '*' takes the next argument, as every conversion but %% and %n does) and tells whether its
    // %c conversions repeat their characters more times, together, than a value may have bytes.
    // SQLite loops over each %c's precision even after the result has become too big.
    static bool has_huge_char_precision(int argc, sqlite3_value** argv, int max_value_bytes) {
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
                if (repeats > max_value_bytes) {
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
            sqlite3_limit(memory_, SQLITE_LIMIT_LENGTH, max_value_bytes_);
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

    int max_value_bytes_;
    sqlite3* memory_ = nullptr;
    std::map<int, StatementPtr> statements_; // "SELECT printf(?1, ..., ?N)" for N arguments
};

} // namespace

void install_checked_printf(sqlite3* handle, int max_value_bytes) {
    CheckedPrintf::install(handle, max_value_bytes);
}

void remove_checked_printf(sqlite3* handle) { CheckedPrintf::remove(handle); }

} // namespace jobkb::detail
