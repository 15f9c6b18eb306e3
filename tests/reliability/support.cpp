#include "reliability/support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <cerrno>
#include <memory>
#include <stdexcept>

namespace jobkb::test {

Process::Process(const std::vector<std::string>& arguments, const Variables& variables,
                 const Limits& limits) {
    // Everything the child needs is built before fork: after it, only system calls.
    std::vector<std::string> argv_strings = {binary_path().string()};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv = exec_pointers(argv_strings);
    std::vector<std::string> env_strings = child_environment(variables);
    std::vector<char*> envp = exec_pointers(env_strings);
    const std::string out_path = (capture_ / "out").string();
    const std::string err_path = (capture_ / "err").string();
    const bool limit_address_space = limits.address_space_bytes && !kSanitizedBuild;
    const rlimit address_space{limits.address_space_bytes.value_or(0),
                               limits.address_space_bytes.value_or(0)};
    const rlimit file_size{limits.file_size_bytes.value_or(0), limits.file_size_bytes.value_or(0)};

    // Made here, so that they exist even when the child is killed before it opens them.
    write_bytes(out_path, "");
    write_bytes(err_path, "");

    started_ = std::chrono::steady_clock::now();
    pid_ = ::fork();
    if (pid_ < 0) {
        throw std::runtime_error("cannot fork");
    }
    if (pid_ == 0) {
        const int in = ::open("/dev/null", O_RDONLY);
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 ||
            ::dup2(err, 2) < 0) {
            ::_exit(126);
        }
        if (limit_address_space && ::setrlimit(RLIMIT_AS, &address_space) != 0) {
            ::_exit(125);
        }
        if (limits.file_size_bytes) {
            // A write past the limit then fails with EFBIG, as on a full disk, instead of
            // killing the process.
            ::signal(SIGXFSZ, SIG_IGN);
            if (::setrlimit(RLIMIT_FSIZE, &file_size) != 0) {
                ::_exit(125);
            }
        }
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
}

Process::~Process() {
    if (!done_) {
        kill(SIGKILL);
        wait();
    }
}

void Process::reaped(int status, long max_rss_kb) {
    done_ = true;
    outcome_.elapsed = std::chrono::steady_clock::now() - started_;
    outcome_.max_rss_kb = max_rss_kb;
    if (WIFEXITED(status)) {
        outcome_.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        outcome_.signal = WTERMSIG(status);
    }
    outcome_.out = read_bytes(capture_ / "out");
    outcome_.err = read_bytes(capture_ / "err");
}

bool Process::running() {
    if (done_) {
        return false;
    }
    int status = 0;
    rusage usage{};
    if (::wait4(pid_, &status, WNOHANG, &usage) == pid_) {
        reaped(status, usage.ru_maxrss);
    }
    return !done_;
}

void Process::kill(int signal) {
    if (!done_) {
        ::kill(pid_, signal);
    }
}

const Outcome& Process::wait() {
    if (!done_) {
        int status = 0;
        rusage usage{};
        while (::wait4(pid_, &status, 0, &usage) != pid_) {
            if (errno != EINTR) {
                throw std::runtime_error("cannot wait for process " + std::to_string(pid_));
            }
        }
        reaped(status, usage.ru_maxrss);
    }
    return outcome_;
}

std::chrono::duration<double> Process::age() const {
    return std::chrono::steady_clock::now() - started_;
}

std::string salary_csv(std::size_t rows, int variant) {
    static constexpr std::array<const char*, 7> kRoles = {
        "Data Scientist",          "Machine Learning Engineer", "NLP Engineer",
        "MLOps Engineer",          "Big Data Engineer",         "AI/ML Research Scientist",
        "Computer Vision Engineer"};
    static constexpr std::array<std::array<const char*, 2>, 3> kPlaces = {
        {{"US", "USD"}, {"IN", "INR"}, {"GB", "GBP"}}};
    std::string csv = "role,country,currency,amount,statistic,as_of,note\n";
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& place = kPlaces[i % kPlaces.size()];
        csv += fmt::format("{},{},{},{},point,2025-{:02},row {} of file {}\n",
                           kRoles[(i / 3) % kRoles.size()], place[0], place[1],
                           40000 + (i * 7919 + static_cast<std::size_t>(variant) * 104729) % 200000,
                           1 + i % 12, i + 1, variant);
    }
    return csv;
}

Outcome run_process(const std::vector<std::string>& arguments, const Variables& variables,
                    const Limits& limits) {
    Process process(arguments, variables, limits);
    return process.wait();
}

void copy_database(const fs::path& from, const fs::path& to) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        fs::remove(to.string() + suffix);
    }
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

std::int64_t file_size_or_missing(const fs::path& path) {
    struct stat status {};
    return ::stat(path.c_str(), &status) == 0 ? static_cast<std::int64_t>(status.st_size) : -1;
}

namespace {

bool is_timestamp(std::string_view value) {
    constexpr std::string_view kPattern = "9999-99-99T99:99:99Z";
    if (value.size() != kPattern.size()) {
        return false;
    }
    for (std::size_t k = 0; k < kPattern.size(); ++k) {
        const char c = value[k];
        if (kPattern[k] == '9' ? (c < '0' || c > '9') : c != kPattern[k]) {
            return false;
        }
    }
    return true;
}

// FNV-1a, 64 bits.
void digest(std::uint64_t& hash, std::string_view bytes) {
    for (const char c : bytes) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
}

} // namespace

std::string content_fingerprint(const fs::path& database) {
    std::vector<std::string> tables;
    for (const auto& row :
         query(database, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
        tables.push_back(row[0]);
    }
    sqlite3* connection = nullptr;
    if (sqlite3_open_v2(database.c_str(), &connection, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
        sqlite3_close(connection);
        throw std::runtime_error("cannot open " + database.string());
    }
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> closer(connection, sqlite3_close);
    std::string fingerprint;
    for (const auto& table : tables) {
        // Every table has a primary key, and SELECT * in rowid or key order is deterministic.
        const std::string sql = "SELECT * FROM \"" + table + "\"";
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(connection, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sqlite3_errmsg(connection));
        }
        const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalizer(statement,
                                                                              sqlite3_finalize);
        std::uint64_t hash = 14695981039346656037ULL;
        std::size_t count = 0;
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
            ++count;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                const auto* text = sqlite3_column_text(statement, i);
                const std::string_view value =
                    text == nullptr ? std::string_view("\x01NULL")
                                    : std::string_view(reinterpret_cast<const char*>(text),
                                                       static_cast<std::size_t>(
                                                           sqlite3_column_bytes(statement, i)));
                digest(hash, is_timestamp(value) ? "<time>" : value);
                digest(hash, std::string_view("\0", 1));
            }
        }
        if (step != SQLITE_DONE) {
            throw std::runtime_error(table + ": " + sqlite3_errmsg(connection));
        }
        fingerprint += fmt::format("{}: {} row(s), digest {:016x}\n", table, count, hash);
    }
    return fingerprint;
}

std::string schema_dump(const fs::path& database) {
    std::string dump;
    for (const auto& row :
         query(database, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")) {
        dump += row[0] + " " + row[1] + ": " + row[2] + "\n";
    }
    dump += "user_version " + query(database, "PRAGMA user_version")[0][0] + "\n";
    dump += "application_id " + query(database, "PRAGMA application_id")[0][0] + "\n";
    return dump;
}

::testing::AssertionResult are_error_lines(const std::string& err,
                                           const std::vector<std::string>& prefixes) {
    if (err.empty() || err.back() != '\n') {
        return ::testing::AssertionFailure() << "expected error lines, got: '" << err << "'";
    }
    for (const auto& line : lines_of(err)) {
        bool known = line.starts_with("jobkb: ");
        for (const auto& prefix : prefixes) {
            known = known || line.starts_with(prefix);
        }
        if (!known) {
            return ::testing::AssertionFailure() << "not a jobkb error line: '" << line << "'";
        }
    }
    return ::testing::AssertionSuccess();
}

Outcome expect_refused(const fs::path& database, const std::vector<std::string>& arguments,
                       const std::vector<std::string>& prefixes,
                       std::chrono::duration<double> time_bound, long memory_bound_kb) {
    constexpr std::uint64_t kAddressSpace = std::uint64_t{512} << 20;
    constexpr std::size_t kMaxMessageBytes = 2048;
    const std::string before = read_bytes(database);
    const std::string content_before = content_dump(database);
    const Outcome outcome = run_process(arguments, kToday, {kAddressSpace, std::nullopt});
    EXPECT_EQ(outcome.signal, 0) << "never a crash";
    EXPECT_EQ(outcome.exit_code, 1) << outcome.err.substr(0, 4000);
    EXPECT_EQ(outcome.out, "");
    EXPECT_TRUE(are_error_lines(outcome.err, prefixes));
    for (const auto& line : lines_of(outcome.err)) {
        EXPECT_LE(line.size(), kMaxMessageBytes) << line.substr(0, 200) << "...";
    }
    EXPECT_LT(outcome.elapsed, time_bound);
    EXPECT_LT(outcome.max_rss_kb, memory_bound_kb);
    EXPECT_EQ(read_bytes(database), before);
    EXPECT_EQ(content_dump(database), content_before);
    return outcome;
}

} // namespace jobkb::test
