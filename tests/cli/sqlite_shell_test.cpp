// The knowledge base is an ordinary SQLite file: the sqlite3 shell reads its views, and the
// shell's own checks find nothing wrong with a freshly seeded base.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

namespace jobkb {
namespace {

std::string shell(const test::fs::path& database, const std::string& sql) {
    const std::string command = "sqlite3 -readonly '" + database.string() + "' \"" + sql + "\"";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    std::string output;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) {
        output.append(buffer, n);
    }
    return output;
}

TEST(SqliteShell, ReadsTheViewsOfASeededBase) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    EXPECT_EQ(shell(path, "SELECT role, currency, amount FROM latest_salaries WHERE country = "
                          "'IN' AND role LIKE 'MLOps%'"),
              "MLOps Engineer|INR|1330539.00\n");
    EXPECT_EQ(shell(path, "SELECT key_skills, industries, latest_yearly_averages FROM "
                          "role_overview WHERE role = 'Data Scientist'"),
              "Python, SQL, R, ML Algorithms, Data Visualization|Telecom, Finance, E-commerce, "
              "Retail|IN INR 1000000.00; US USD 117212.00\n");
    EXPECT_EQ(shell(path, "PRAGMA integrity_check; PRAGMA foreign_key_check;"), "ok\n");
}

} // namespace
} // namespace jobkb
