// run_adhoc_sql without --write: whatever the SQL, it runs read-only or is refused, and the
// knowledge base is unchanged afterwards. The connection is opened read-write on purpose (the CLI
// opens a read-only one): the guard's own layers must hold without that outer one.
#include "fuzz_support.hpp"

#include "jobkb/adhoc_sql.hpp"
#include "jobkb/connection.hpp"

#include <fmt/format.h>
#include <malloc.h>
#include <sqlite3.h>

#include <cstdlib>

namespace {

// ASan's realloc always moves a block, where glibc's grows a large one in place. SQLite builds a
// string past half its length limit one append at a time, reallocating for each (printf's
// '%.6000000c' appends six million times): quadratic under ASan only, a libFuzzer timeout that a
// release build does not have (there it takes 0.1 s). SQLite's allocations of 1 MiB and more are
// made in powers of two here instead, and grown in place while they fit.
namespace amortized {

constexpr int kLarge = 1 << 20;

int round_up(int size) {
    if (size < kLarge || size > (1 << 30)) {
        return size;
    }
    int rounded = kLarge;
    while (rounded < size) {
        rounded <<= 1;
    }
    return rounded;
}

void* allocate(int size) { return std::malloc(static_cast<std::size_t>(round_up(size))); }
void release(void* block) { std::free(block); }
int size_of(void* block) { return static_cast<int>(malloc_usable_size(block)); }
void* reallocate(void* block, int size) {
    if (size >= kLarge && size_of(block) >= size) {
        return block;
    }
    return std::realloc(block, static_cast<std::size_t>(round_up(size)));
}
int initialize(void*) { return SQLITE_OK; }
void shut_down(void*) {}

// Before SQLite is first used.
void install() {
    static sqlite3_mem_methods methods = {allocate, release,    reallocate, size_of,
                                          round_up, initialize, shut_down,  nullptr};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) != SQLITE_OK) {
        jobkb::fuzz::fail("cannot configure SQLite's allocator: SQLite is already in use", "");
    }
}

} // namespace amortized

// What the guard changes on the connection for one query, and must put back.
struct ConnectionLimits {
    int length = 0;
    int attached = 0;
    sqlite3_int64 heap = 0;

    static ConnectionLimits of(sqlite3* handle) {
        return {sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, -1),
                sqlite3_limit(handle, SQLITE_LIMIT_ATTACHED, -1), sqlite3_hard_heap_limit64(-1)};
    }
    bool operator==(const ConnectionLimits&) const = default;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using jobkb::fuzz::fail;
    static int runs = 0;
    [[maybe_unused]] static const bool amortized = (amortized::install(), true);
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto& base = jobkb::fuzz::ScratchBase::instance();
    auto& database = base.writer();
    sqlite3* handle = database.native_handle();
    const auto limits = ConnectionLimits::of(handle);
    const sqlite3_int64 total_changes = sqlite3_total_changes64(handle);

    jobkb::AdHocOptions options;
    // Short, so that runaway queries end long before libFuzzer's -timeout.
    options.time_limit = std::chrono::milliseconds(50);
    options.max_rows = 100;
    // Small, so that building a value to its limit is cheap: at the default 10,000,000 bytes the
    // inputs that did (printf('%.6000000c'), replace() of a zeroblob) took half the run's time
    // in ASan's copies, for the same code paths.
    options.max_value_bytes = 1 << 16;
    options.max_result_bytes = 1 << 20;
    jobkb::SqlResult result;
    const auto refusal = jobkb::fuzz::refusal_of(
        [&] { result = jobkb::run_adhoc_sql(database, input, options); }, input);
    if (refusal) {
        // The query's own fault or a limit it ran into; anything else (damage, I/O) is not the
        // SQL's doing on a healthy scratch base.
        if (refusal->code() != jobkb::ErrorCode::kInvalidArgument &&
            refusal->code() != jobkb::ErrorCode::kLimit) {
            fail(fmt::format("refused with error code {}: {}", static_cast<int>(refusal->code()),
                             refusal->what()),
                 input);
        }
    } else {
        if (result.changes != 0) {
            fail(fmt::format("a read-only query reports {} changes", result.changes), input);
        }
        if (result.rows.size() > options.max_rows) {
            fail(fmt::format("{} rows passed the row cap", result.rows.size()), input);
        }
        for (const auto& row : result.rows) {
            if (row.size() != result.columns.size()) {
                fail("a row's values do not match the columns", input);
            }
            for (const auto& value : row) {
                const auto* text = std::get_if<std::string>(&value);
                const auto* blob = std::get_if<jobkb::Blob>(&value);
                const std::size_t bytes = text ? text->size() : blob ? blob->bytes.size() : 0;
                if (bytes > static_cast<std::size_t>(options.max_value_bytes)) {
                    fail(fmt::format("a value of {} bytes passed max_value_bytes", bytes), input);
                }
            }
        }
    }
    // Rows changed on this connection, even in TEMP tables or rolled back, count here.
    if (sqlite3_total_changes64(handle) != total_changes) {
        fail("the query changed rows (sqlite3_total_changes64 moved)", input);
    }
    if (!(ConnectionLimits::of(handle) == limits)) {
        fail("the guard did not restore the connection's limits", input);
    }
    if (jobkb::detail::connection(database)
            .execAndGet("SELECT count(*) FROM temp.sqlite_schema")
            .getInt64() != 0) {
        fail("the query created something in the TEMP schema", input);
    }
    base.expect_unchanged(input, runs++ % jobkb::fuzz::kFullCheckEvery == 0);
    return 0;
}
