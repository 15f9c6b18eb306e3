#pragma once

// What the fuzz targets share: failing loudly, telling a refusal from a defect, and a seeded
// scratch knowledge base with a way to prove it was not changed.

#include "jobkb/database.hpp"
#include "jobkb/error.hpp"
#include "jobkb/import.hpp"

#include <SQLiteCpp/Database.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The entry point every target defines (libFuzzer's, and replay_main.cpp's in normal builds).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace jobkb::fuzz {

// Prints what was wrong, with the input escaped, and aborts: libFuzzer saves the input as a
// crash, and a replay test fails.
[[noreturn]] void fail(std::string_view what, std::string_view input);

// Runs fn. A jobkb::Error is a refusal, an allowed outcome, and comes back; any other exception
// is a defect and fails the input.
std::optional<Error> refusal_of(const std::function<void()>& fn, std::string_view input);

// The input as text for messages: printable ASCII as is, everything else as \xNN.
std::string escaped(std::string_view bytes, std::size_t limit = 400);

// True when the text has a C0 control character or DEL: jobkb's messages are one line each.
bool has_control_characters(std::string_view text);

// Fails the input unless the message is one line starting with "FILE:", as the CLI prints it.
void expect_message(std::string_view message, std::string_view file, std::string_view input);

// Fails the input unless each problem has its field and what was wrong, and, placed at the file's
// `line`, reads as one line naming the file.
void expect_problems(const std::vector<Diagnostic>& problems, std::string_view file,
                     std::size_t line, std::string_view input);

// Fails the input unless the refusal is an input problem (kInvalidArgument) with a message that
// is one line naming the file.
void expect_refusal(const Error& refusal, std::string_view file, std::string_view input);

// How often a target that validates in memory also runs the input through the scratch base
// (its lookups and writes, as dry runs): once every this many inputs, the first one included, so
// that a saved input replays that path too.
inline constexpr int kThroughTheBaseEvery = 64;

// Whether the input of this run (0 for the first) also goes through the scratch base: every
// kThroughTheBaseEvery-th under libFuzzer, and every one once replay_main.cpp has called
// replay_every_input_through_the_base(), so that ctest's fuzz.TARGET takes both paths with each
// seed and regression, and a saved input replayed alone does too.
bool through_the_base(int run);
void replay_every_input_through_the_base();

// How often a target compares the scratch base's whole content (expect_unchanged with `full`): once
// every this many inputs, and after the first. The checks made after every input already see any
// commit (the watcher's data_version moves when the writer commits) and a transaction left open;
// the digest reads every row of the base (some 80 million instructions for the seeded one, with
// its 5,127 areas), which at every tenth input was two thirds of the SQL guard's time per input.
inline constexpr int kFullCheckEvery = 1000;

// A seeded knowledge base in a fresh temporary folder (TMPDIR), made once per process and removed
// at exit, with a second, read-only connection that watches it for committed writes.
class ScratchBase {
public:
    // The process's base, made on first use.
    static ScratchBase& instance();

    ~ScratchBase();
    ScratchBase(const ScratchBase&) = delete;
    ScratchBase& operator=(const ScratchBase&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }

    // A read-write connection to the base, opened once (jobkb's own settings).
    Database& writer();

    // Fails the input unless the base is exactly as it was made: nothing committed since (PRAGMA
    // data_version of the watching connection), the writer in autocommit mode (no transaction
    // left open) and, when `full` is set, every table's rows and the schema hash the same.
    void expect_unchanged(std::string_view input, bool full);

private:
    ScratchBase();
    std::int64_t data_version();

    std::filesystem::path folder_;
    std::filesystem::path path_;
    std::unique_ptr<Database> writer_;
    std::unique_ptr<SQLite::Database> watcher_;
    std::int64_t data_version_ = 0;
    std::string digest_;
};

// SHA-256 of the schema and of every table's rows, in key order, read through the connection.
std::string content_digest(SQLite::Database& connection);

} // namespace jobkb::fuzz
