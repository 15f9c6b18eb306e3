#pragma once

// Child processes of the real jobkb binary that a test can start, watch, limit and kill, for the
// reliability tests: crash safety, concurrency, hostile input and damaged files.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jobkb::test {

// True in the ASan/UBSan build: slower, and with a shadow memory that makes an address-space
// limit meaningless, so sizes shrink and memory bounds widen there.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizedBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif
#else
inline constexpr bool kSanitizedBuild = false;
#endif

// Resource limits set in the child before it runs jobkb.
struct Limits {
    std::optional<std::uint64_t> address_space_bytes; // RLIMIT_AS (ignored in the sanitized build)
    std::optional<std::uint64_t> file_size_bytes;     // RLIMIT_FSIZE, with SIGXFSZ ignored
};

struct Outcome {
    int exit_code = -1;  // when it exited
    int signal = 0;      // when a signal ended it
    std::string out;     // its standard output
    std::string err;     // its standard error
    long max_rss_kb = 0; // peak resident memory
    std::chrono::duration<double> elapsed{};
};

// One running jobkb, with exactly these environment variables (PATH is added), standard input
// from /dev/null and its output captured. The destructor kills and reaps it if it still runs.
class Process {
public:
    explicit Process(const std::vector<std::string>& arguments, const Variables& variables = {},
                     const Limits& limits = {});
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    bool running();        // reaps it when it has ended
    void kill(int signal); // a no-op once it has ended
    const Outcome& wait(); // until it ends
    std::chrono::duration<double> age() const;

private:
    void reaped(int status, long max_rss_kb);

    TempDir capture_;
    pid_t pid_ = -1;
    bool done_ = false;
    std::chrono::steady_clock::time_point started_;
    Outcome outcome_;
};

// A CSV file of `rows` salary reports (statistic point) for the seeded roles in the US, India and
// the UK, in the import format; `variant` makes the amounts and notes of one file its own.
std::string salary_csv(std::size_t rows, int variant = 0);

// The date imports are checked against in these tests (JOBKB_TODAY).
inline const Variables kToday = {{"JOBKB_TODAY", "2026-11-23"}};

// Runs jobkb to the end.
Outcome run_process(const std::vector<std::string>& arguments, const Variables& variables = {},
                    const Limits& limits = {});

// The database file alone, without a -wal or -shm beside it (they hold no data once jobkb has
// closed the file), copied to `to`.
void copy_database(const fs::path& from, const fs::path& to);

// Size of a file, or -1 when it does not exist.
std::int64_t file_size_or_missing(const fs::path& path);

// Every table's row count and a 64-bit digest of its rows in key order, with every UTC timestamp
// jobkb writes (2026-11-23T10:00:00Z) masked, so that two runs of the same import or migration
// compare equal. content_dump, but fast enough for databases of many thousand rows.
std::string content_fingerprint(const fs::path& database);

// The schema (every object's SQL), user_version and application_id, as one string.
std::string schema_dump(const fs::path& database);

// The lines of stderr, checked to be jobkb's one-line errors: each starts with "jobkb: " or with
// one of the prefixes (an import's FILE:LINE lines).
::testing::AssertionResult are_error_lines(const std::string& err,
                                           const std::vector<std::string>& prefixes = {});

// A hostile input's run: jobkb with `arguments` (as given after the program name) under a 512 MiB
// address space, expected to refuse it: no crash, exit code 1, nothing on stdout, only error lines
// (are_error_lines with `prefixes`) of at most 2 KiB each, within `time_bound` and
// `memory_bound_kb`, and `database` byte for byte and in content as it was. Returns the outcome
// for the test's own checks of what stderr says.
Outcome expect_refused(const fs::path& database, const std::vector<std::string>& arguments,
                       const std::vector<std::string>& prefixes,
                       std::chrono::duration<double> time_bound, long memory_bound_kb);

} // namespace jobkb::test
