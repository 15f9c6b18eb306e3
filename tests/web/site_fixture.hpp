#pragma once

// A seeded base with imported figures for the web view's tests: the article's roles, the 2022
// data-science salary survey as individual reports, a history of published averages, and a role
// whose name is markup, <script>alert(1)</script>, imported with --create-roles; O*NET's content
// for three occupations (tests/data/onet/29.2-mini); the ECB's rates and the World Bank's PPP
// factors (tests/data/fx).

#include "support/fixtures.hpp"

#include "web/site.hpp"

#include "jobkb/knowledge_base.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace jobkb::test {

inline const std::string kScriptRole = "<script>alert(1)</script>";
inline const std::string kEcbRates = "eurofxref-hist-subset.csv";
inline const std::string kPppFactors = "ppp-gdp-subset.csv";

// Builds the base at dir/kb.db through the real CLI (in-process) and returns its path.
fs::path make_web_database(const TempDir& dir);

// A suite's one web base (built once), opened read-only for each test, answered in-process.
class WebBaseTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        db_path_ = new fs::path(make_web_database(*dir_));
    }
    static void TearDownTestSuite() {
        delete db_path_;
        delete dir_;
    }
    void SetUp() override { database_ = open_knowledge_base(*db_path_, Access::kReadOnly); }

    web::Response get(const std::string& path, const web::Parameters& parameters = {},
                      const std::string& method = "GET") {
        return web::answer(web::Request{method, path, parameters}, *database_, options_);
    }

    std::string db() const { return db_path_->string(); }

    inline static TempDir* dir_ = nullptr;
    inline static fs::path* db_path_ = nullptr;
    std::unique_ptr<Database> database_;
    web::SiteOptions options_{false, "kb.db"};
};

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
