#pragma once

// A seeded base with imported figures for the web view's tests: the article's roles, the 2022
// data-science salary survey as individual reports, a history of published averages, and a role
// whose name is markup, <script>alert(1)</script>, imported with --create-roles.

#include "support/fixtures.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace jobkb::test {

inline const std::string kScriptRole = "<script>alert(1)</script>";

// Builds the base at dir/kb.db through the real CLI (in-process) and returns its path.
fs::path make_web_database(const TempDir& dir);

// `jobkb serve` as a child process on a free port, against `database`, with these extra
// arguments; stopped with SIGTERM by the destructor if still running.
class Server {
public:
    Server(const fs::path& database, const std::vector<std::string>& arguments = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    // Sends the signal and waits for the exit; returns the exit code (128 + signal if killed).
    int stop(int signal);
    std::string stderr_text() const;

private:
    TempDir capture_;
    pid_t pid_ = -1;
    int port_ = 0;
    bool stopped_ = false;
};

} // namespace jobkb::test
