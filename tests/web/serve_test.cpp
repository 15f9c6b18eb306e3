// jobkb serve as a real process on 127.0.0.1, through cpp-httplib's client: headers on every
// response, limits, read-only, serving through an import, a replica, and stopping on a signal.
#include "web/site_fixture.hpp"

#include <httplib.h>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <set>
#include <thread>

namespace jobkb::test {
namespace {

const std::vector<std::pair<std::string, std::string>> kSecurityHeaders = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"}};

void expect_security_headers(const httplib::Result& result, const std::string& what) {
    ASSERT_TRUE(result) << what;
    for (const auto& [name, value] : kSecurityHeaders) {
        EXPECT_EQ(result->get_header_value(name), value) << what << ": " << name;
    }
}

// The raw answer to bytes sent as they are (a client library would normalise them).
std::string raw_request(int port, const std::string& bytes) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return "";
    }
    ::send(fd, bytes.data(), bytes.size(), 0);
    std::string answer;
    char buffer[4096];
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
        answer.append(buffer, static_cast<std::size_t>(n));
        if (answer.find("</html>") != std::string::npos) {
            break;
        }
    }
    ::close(fd);
    return answer;
}

class ServeTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        db_ = new fs::path(make_web_database(*dir_));
    }
    static void TearDownTestSuite() {
        delete db_;
        delete dir_;
    }
    static TempDir* dir_;
    static fs::path* db_;
};

TempDir* ServeTest::dir_ = nullptr;
fs::path* ServeTest::db_ = nullptr;

TEST_F(ServeTest, EveryResponseCarriesTheSecurityHeaders) {
    Server server(*db_);
    httplib::Client client("127.0.0.1", server.port());
    for (const std::string path :
         {"/roles", "/role/machine-learning-engineer", "/api/roles", "/api/roles.csv", "/nowhere",
          "/api/nowhere", "/roles?skil=1", "/static/../../etc/passwd"}) {
        const auto result = client.Get(path);
        expect_security_headers(result, path);
    }
    auto posted = client.Post("/roles", "a=1", "application/x-www-form-urlencoded");
    expect_security_headers(posted, "POST");
    EXPECT_EQ(posted->status, 405);
    EXPECT_EQ(posted->get_header_value("Allow"), "GET, HEAD");
    EXPECT_EQ(client.Delete("/roles")->status, 405);
    EXPECT_EQ(client.Put("/roles", "x", "text/plain")->status, 405);
    // A body beyond the limit is refused, with the headers too.
    const auto big = client.Post("/roles", std::string(100000, 'x'), "application/octet-stream");
    ASSERT_TRUE(big);
    EXPECT_TRUE(big->status == 405 || big->status == 413) << big->status;
    // So is an address beyond httplib's 8 KiB.
    const auto long_uri = client.Get("/roles?skill=" + std::string(9000, 'x'));
    expect_security_headers(long_uri, "a long URI");
    EXPECT_EQ(long_uri->status, 414);
    const auto head = client.Head("/roles");
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_TRUE(head->body.empty());
}

TEST_F(ServeTest, UnknownPathsAreAnHtmlPageAndNoPathReachesTheFileSystem) {
    Server server(*db_);
    httplib::Client client("127.0.0.1", server.port());
    const auto missing = client.Get("/etc/passwd");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(missing->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(missing->body.find("<h1>Not found</h1>"), std::string::npos);
    for (const std::string path :
         {"/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
          "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/%252e%252e/etc/passwd",
          "/static/style.css%00.png", "/static/%00", "/..%2f..%2fetc/passwd",
          "/static/....//....//etc/passwd", "/static/%c0%ae%c0%ae/etc/passwd"}) {
        const std::string answer = raw_request(
            server.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        EXPECT_TRUE(answer.starts_with("HTTP/1.1 404") || answer.starts_with("HTTP/1.1 400"))
            << path << ": " << answer.substr(0, 40);
        EXPECT_EQ(answer.find("root:"), std::string::npos) << path;
    }
}

TEST_F(ServeTest, AMarkupNameIsEscapedOverHttp) {
    Server server(*db_);
    httplib::Client client("127.0.0.1", server.port());
    const auto page = client.Get("/role/script-alert-1-script");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->body.find("<script"), std::string::npos);
    EXPECT_NE(page->body.find("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"), std::string::npos);
}

TEST_F(ServeTest, WithAllowSqlAWriteIsRefusedAndTheFileUnchanged) {
    const std::string before = content_dump(*db_);
    Server server(*db_, {"--allow-sql"});
    httplib::Client client("127.0.0.1", server.port());
    const auto read = client.Get("/api/sql?q=SELECT%20count(*)%20AS%20n%20FROM%20roles");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, 200);
    EXPECT_EQ(
        read->body,
        run_cli({"--db", db_->string(), "sql", "SELECT count(*) AS n FROM roles", "--json"}).out);
    const auto write = client.Get("/api/sql?q=DELETE%20FROM%20roles");
    ASSERT_TRUE(write);
    EXPECT_EQ(write->status, 400);
    EXPECT_NE(write->body.find("read-only"), std::string::npos) << write->body;
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_EQ(content_dump(*db_), before);
}

TEST_F(ServeTest, NoSqlEndpointWithoutAllowSql) {
    Server server(*db_);
    httplib::Client client("127.0.0.1", server.port());
    const auto result = client.Get("/api/sql?q=SELECT%201");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404);
}

// Each request reads one snapshot: while an import commits, every answer has the roles of
// before it or of after it, never of half of it.
TEST_F(ServeTest, KeepsAnsweringThroughAnImportAndNeverShowsHalfOfIt) {
    TempDir dir;
    const fs::path db = make_seeded_database(dir);
    const fs::path file = dir / "new-roles.csv";
    std::string csv = "role,country,currency,amount,as_of\n";
    // 400 new roles in one batch: enough that a half-committed import would show (the import
    // creates roles one by one inside its transaction), few enough for a sanitizer build (3,000
    // took 8 s in release: creating roles is not what this tests).
    constexpr int kNewRoles = 400;
    for (int i = 0; i < kNewRoles; ++i) {
        csv += "Imported Role " + std::to_string(i) + ",US,USD," + std::to_string(100000 + i) +
               ",2026-01-01\n";
    }
    write_bytes(file, csv);
    const auto count = [&] { return std::stoul(query(db, "SELECT count(*) FROM roles")[0][0]); };
    const std::size_t before = count();
    Server server(db);
    std::atomic<bool> importing = true;
    std::set<std::size_t> seen;
    std::size_t answers = 0;
    std::size_t failures = 0;
    std::thread client_loop([&] {
        httplib::Client client("127.0.0.1", server.port());
        while (importing) {
            const auto result = client.Get("/api/roles.csv");
            if (!result || result->status != 200) {
                ++failures;
                continue;
            }
            ++answers;
            seen.insert(static_cast<std::size_t>(
                            std::count(result->body.begin(), result->body.end(), '\n')) -
                        1);
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto imported = run_binary(
        {"--db", db.string(), "import", "salaries", file.string(), "--create-roles", "--quiet"},
        {{"JOBKB_TODAY", "2026-11-23"}});
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    importing = false;
    client_loop.join();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const std::size_t after = count();
    ASSERT_EQ(after, before + kNewRoles);
    EXPECT_EQ(failures, 0u);
    EXPECT_GT(answers, 5u);
    for (const auto rows : seen) {
        EXPECT_TRUE(rows == before || rows == after) << rows;
    }
    EXPECT_TRUE(seen.contains(after));
}

TEST_F(ServeTest, ServesAnImmutableReplicaWithoutWritingBesideIt) {
    TempDir dir;
    const fs::path copy = dir / "published.db";
    fs::copy_file(*db_, copy);
    std::error_code ignored;
    fs::permissions(copy, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read,
                    ignored);
    {
        Server server(copy, {"--immutable"});
        httplib::Client client("127.0.0.1", server.port());
        const auto roles = client.Get("/api/roles");
        ASSERT_TRUE(roles);
        EXPECT_EQ(roles->status, 200);
        EXPECT_EQ(roles->body, run_cli({"--db", db_->string(), "roles", "--json"}).out);
        EXPECT_EQ(client.Get("/role/machine-learning-engineer")->status, 200);
        EXPECT_NE(server.stderr_text().find("as immutable"), std::string::npos);
        EXPECT_EQ(server.stop(SIGTERM), 0);
    }
    EXPECT_FALSE(fs::exists(copy.string() + "-wal"));
    EXPECT_FALSE(fs::exists(copy.string() + "-shm"));
}

TEST_F(ServeTest, StopsCleanlyOnSigtermAndSigint) {
    for (const int signal : {SIGTERM, SIGINT}) {
        Server server(*db_);
        httplib::Client client("127.0.0.1", server.port());
        ASSERT_TRUE(client.Get("/roles"));
        EXPECT_EQ(server.stop(signal), 0);
        const std::string err = server.stderr_text();
        EXPECT_NE(err.find(signal == SIGTERM ? "stopped by SIGTERM" : "stopped by SIGINT"),
                  std::string::npos)
            << err;
        // The port is free again.
        httplib::Client after("127.0.0.1", server.port());
        after.set_connection_timeout(1, 0);
        EXPECT_FALSE(after.Get("/roles"));
    }
}

TEST_F(ServeTest, AnotherAddressOnlyWithHostAndABusyPortIsAClearError) {
    Server server(*db_);
    EXPECT_NE(server.stderr_text().find("http://127.0.0.1:"), std::string::npos);
    const auto busy =
        run_binary({"--db", db_->string(), "serve", "--port", std::to_string(server.port())});
    EXPECT_EQ(busy.exit_code, 1);
    EXPECT_NE(busy.err.find("cannot listen on 127.0.0.1:" + std::to_string(server.port())),
              std::string::npos)
        << busy.err;
    const auto bad_port = run_binary({"--db", db_->string(), "serve", "--port", "70000"});
    EXPECT_EQ(bad_port.exit_code, 2);
    const auto missing = run_binary({"--db", (dir_->path() / "none.db").string(), "serve"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no such file"), std::string::npos) << missing.err;
}

} // namespace
} // namespace jobkb::test
