#include "web/site_fixture.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <stdexcept>
#include <thread>

namespace jobkb::test {

fs::path make_web_database(const TempDir& dir) {
    const fs::path kSourceData = source_dir() / "tests" / "data";
    const fs::path db = make_seeded_database(dir);
    const Variables today = {{"JOBKB_TODAY", "2026-11-23"}};
    const fs::path extra = dir / "extra.csv";
    write_bytes(extra, "role,country,currency,amount,as_of,statistic\n"
                       "\"" +
                           kScriptRole +
                           "\",US,USD,120000,2025-01-01,average\n"
                           "Machine Learning Engineer,US,USD,150000,2024-01-01,average\n"
                           "Machine Learning Engineer,US,USD,155000,2025-01-01,average\n"
                           "Machine Learning Engineer,US,USD,145000,2025-01-01,median\n"
                           "Machine Learning Engineer,IN,INR,950000,2024,average\n");
    for (const auto& arguments : std::vector<std::vector<std::string>>{
             survey_import_arguments(db),
             {"--db", db.string(), "import", "salaries", extra.string(), "--create-roles",
              "--quiet"},
             {"--db", db.string(), "import", "onet", (kSourceData / "onet" / "29.2-mini").string()},
             {"--db", db.string(), "import", "rates", (kSourceData / "fx" / kEcbRates).string()},
             {"--db", db.string(), "import", "rates",
              (kSourceData / "fx" / kPppFactors).string()}}) {
        const auto result = run_cli(arguments, today);
        if (result.exit_code != 0) {
            throw std::runtime_error("setting up the web base failed: " + result.err);
        }
    }
    return db;
}

Server::Server(const fs::path& database, const std::vector<std::string>& arguments) {
    std::vector<std::string> argv_strings = {
        binary_path().string(), "--db", database.string(), "serve", "--port", "0"};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv = exec_pointers(argv_strings);
    std::vector<std::string> env_strings = child_environment({});
    std::vector<char*> envp = exec_pointers(env_strings);
    const std::string err_path = (capture_ / "err").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw std::runtime_error("cannot start jobkb serve");
    }
    // The server says where it listens on stderr once it does.
    const std::regex listening(R"(at http://127\.0\.0\.1:(\d+)/)");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch match;
        const std::string err = stderr_text();
        if (std::regex_search(err, match, listening)) {
            port_ = std::stoi(match[1]);
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            stopped_ = true;
            throw std::runtime_error("jobkb serve ended at start: " + err);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("jobkb serve did not start listening: " + stderr_text());
}

std::string Server::stderr_text() const {
    try {
        return read_bytes(capture_ / "err");
    } catch (const std::exception&) {
        return "";
    }
}

int Server::stop(int signal) {
    if (stopped_) {
        return -1;
    }
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    stopped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Server::~Server() {
    if (!stopped_) {
        stop(SIGKILL);
    }
}

} // namespace jobkb::test
