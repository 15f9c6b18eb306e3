// Every kind of bad database the real binary may be pointed at: a one-line error naming the path
// and the cause, exit code 1, and the file byte-for-byte as it was.
#include "jobkb/database.hpp"
#include "jobkb/migrator.hpp"
#include "support/fixtures.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

namespace jobkb {
namespace {

using test::read_bytes;
using test::run_binary;
using test::TempDir;

void expect_one_line_error(const test::CommandResult& result, const test::fs::path& path,
                           const std::string& cause) {
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err.rfind("jobkb: " + path.string() + ": ", 0), 0u) << result.err;
    EXPECT_NE(result.err.find(cause), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

const std::vector<std::vector<std::string>> kEveryCommand = {
    {"roles"}, {"check"}, {"migrate"}, {"migrate", "status"}, {"init"}, {"init", "--no-seed"}};

std::vector<std::string> with_db(const test::fs::path& path, std::vector<std::string> command) {
    command.insert(command.begin(), {"--db", path.string()});
    return command;
}

TEST(BadInput, DatabaseInAMissingFolder) {
    TempDir dir;
    const auto path = dir / "missing" / "kb.db";
    for (const auto& command : kEveryCommand) {
        expect_one_line_error(run_binary(with_db(path, command)), path, "does not exist");
    }
    EXPECT_FALSE(test::fs::exists(dir / "missing"));
}

TEST(BadInput, AFileThatIsNotSqlite) {
    TempDir dir;
    const auto path = dir / "salaries.csv";
    test::write_bytes(path, "role,country,amount\r\nData Scientist,IN,1000000\r\n");
    const std::string before = read_bytes(path);
    for (const auto& command : kEveryCommand) {
        expect_one_line_error(run_binary(with_db(path, command)), path, "not a SQLite database");
        EXPECT_EQ(read_bytes(path), before);
    }
}

TEST(BadInput, ASqliteFileOfAnotherApplication) {
    TempDir dir;
    const auto path = dir / "places.sqlite";
    {
        SQLite::Database other(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("PRAGMA application_id = 0x4d4f5a31; CREATE TABLE places (url TEXT);"
                   "INSERT INTO places VALUES ('https://example.org')");
    }
    const std::string before = read_bytes(path);
    for (const auto& command : kEveryCommand) {
        expect_one_line_error(run_binary(with_db(path, command)), path,
                              "not a jobkb database: a SQLite file of another application");
        EXPECT_EQ(read_bytes(path), before);
    }
}

TEST(BadInput, ADatabaseFromANewerJobkb) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    {
        Database database(path, Access::kReadWrite);
        database.execute("bumping", "PRAGMA user_version = 99");
    }
    const std::string before = read_bytes(path);
    for (const auto& command : kEveryCommand) {
        const auto result = run_binary(with_db(path, command));
        if (command == std::vector<std::string>{"migrate", "status"}) {
            // Reporting commands read it and say what they find.
            EXPECT_EQ(result.exit_code, 0) << result.err;
            EXPECT_NE(result.err.find("schema version 99 is newer than this jobkb"),
                      std::string::npos)
                << result.err;
        } else if (command == std::vector<std::string>{"check"}) {
            EXPECT_EQ(result.exit_code, 1);
            EXPECT_NE(result.out.find("schema version 99 is newer than this jobkb"),
                      std::string::npos)
                << result.out;
        } else {
            expect_one_line_error(result, path, "made by a newer jobkb");
        }
        EXPECT_EQ(read_bytes(path), before) << command[0];
    }
}

TEST(BadInput, ADatabaseWhoseMigrationChanged) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    {
        Database database(path, Access::kReadWrite);
        database.execute("tampering",
                         "UPDATE schema_migrations SET checksum = "
                         "'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'");
    }
    const std::string before = read_bytes(path);
    for (const auto& command : {std::vector<std::string>{"migrate"}, {"init"}}) {
        expect_one_line_error(run_binary(with_db(path, command)), path,
                              "migration 0001_initial was changed after it was applied");
        EXPECT_EQ(read_bytes(path), before);
    }
}

TEST(BadInput, ADirectory) {
    TempDir dir;
    for (const auto& command : kEveryCommand) {
        expect_one_line_error(run_binary(with_db(dir.path(), command)), dir.path(),
                              "is a directory");
    }
}

// A read-only file for a command that writes. Root ignores file modes, so the binary runs as
// user nobody; the folder stays writable by root only, as a read-only file's folder would be.
TEST(BadInput, AReadOnlyFileForACommandThatWrites) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    {
        // Make init have work to do, so that a refusal is not the same as a no-op.
        Database database(path, Access::kReadWrite);
        database.execute("forgetting the seed", "DELETE FROM seed_sets");
    }
    test::fs::permissions(dir.path(), test::fs::perms::owner_all | test::fs::perms::group_read |
                                          test::fs::perms::group_exec |
                                          test::fs::perms::others_read |
                                          test::fs::perms::others_exec);
    test::fs::permissions(path, test::fs::perms::owner_read | test::fs::perms::group_read |
                                    test::fs::perms::others_read);
    const bool as_nobody = ::geteuid() == 0;
    const std::string before = read_bytes(path);
    for (const auto& command : {std::vector<std::string>{"init"}, {"migrate"}}) {
        const auto result = run_binary(with_db(path, command), {}, as_nobody);
        expect_one_line_error(result, path, "read-only");
        EXPECT_EQ(read_bytes(path), before);
    }
}

TEST(BadInput, NotARegularFileOrNotReadable) {
    TempDir dir;
    const auto fifo = dir / "pipe.db";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
    expect_one_line_error(run_binary(with_db(fifo, {"roles"})), fifo, "not a regular file");
    expect_one_line_error(run_binary(with_db(fifo, {"init"})), fifo, "not a regular file");

    const auto dangling = dir / "link.db";
    test::fs::create_symlink(dir / "gone.db", dangling);
    expect_one_line_error(run_binary(with_db(dangling, {"init"})), dangling,
                          "symbolic link to a file that does not exist");

    const auto secret = test::make_seeded_database(dir, "secret.db");
    test::fs::permissions(dir.path(), test::fs::perms::owner_all | test::fs::perms::others_exec |
                                          test::fs::perms::group_exec);
    test::fs::permissions(secret, test::fs::perms::owner_read | test::fs::perms::owner_write);
    expect_one_line_error(run_binary(with_db(secret, {"roles"}), {}, ::geteuid() == 0), secret,
                          "Permission denied");
    EXPECT_EQ(run_binary({"--db", "", "roles"}).exit_code, 2);
}

TEST(BadInput, ADamagedFile) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const std::string whole = read_bytes(path);
    test::write_bytes(path, whole.substr(0, whole.size() / 2));
    const std::string truncated = read_bytes(path);
    for (const auto& command : std::vector<std::vector<std::string>>{{"roles"}, {"check"}}) {
        const auto result = run_binary(with_db(path, command));
        EXPECT_EQ(result.exit_code, 1) << command[0];
        EXPECT_LT(result.exit_code, 128) << "never a crash";
        EXPECT_NE((result.out + result.err).find("malformed"), std::string::npos)
            << result.out << result.err;
    }
    EXPECT_EQ(read_bytes(path), truncated);
}

// A SQLite file of another program with a WAL it has not checkpointed yet: a refusal must not
// checkpoint it (which a read-write connection would do on close).
TEST(BadInput, AnotherProgramsUncheckpointedWalIsLeftAlone) {
    TempDir dir;
    const auto path = dir / "other.sqlite";
    const auto copy = dir / "copy";
    test::fs::create_directory(copy);
    {
        SQLite::Database other(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; "
                   "CREATE TABLE notes (x); INSERT INTO notes VALUES (1)");
        // Copy the three files while the WAL still holds the data, as after a crash.
        for (const char* suffix : {"", "-wal"}) {
            test::fs::copy_file(path.string() + suffix, (copy / "other.sqlite").string() + suffix);
        }
    }
    const auto crashed = copy / "other.sqlite";
    const std::string main_before = read_bytes(crashed);
    const std::string wal_before = read_bytes(crashed.string() + "-wal");
    for (const auto& command : std::vector<std::vector<std::string>>{{"init"}, {"migrate"}}) {
        expect_one_line_error(run_binary(with_db(crashed, command)), crashed,
                              "not a jobkb database");
        EXPECT_EQ(read_bytes(crashed), main_before);
        EXPECT_EQ(read_bytes(crashed.string() + "-wal"), wal_before);
    }
}

// Reading needs no write access: a read-only file in a read-only folder still answers.
TEST(BadInput, ReadCommandsWorkOnAReadOnlyFileInAReadOnlyFolder) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const std::string before = read_bytes(path);
    test::fs::permissions(path, test::fs::perms::owner_read | test::fs::perms::group_read |
                                    test::fs::perms::others_read);
    test::fs::permissions(dir.path(),
                          test::fs::perms::owner_read | test::fs::perms::owner_exec |
                              test::fs::perms::group_read | test::fs::perms::group_exec |
                              test::fs::perms::others_read | test::fs::perms::others_exec);
    const bool as_nobody = ::geteuid() == 0;
    auto result = run_binary(with_db(path, {"roles", "--skill", "python", "--csv"}), {}, as_nobody);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("Data Scientist"), std::string::npos);
    result = run_binary(with_db(path, {"check"}), {}, as_nobody);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    result =
        run_binary(with_db(path, {"sql", "SELECT count(*) FROM roles", "--csv"}), {}, as_nobody);
    EXPECT_EQ(result.out, "count(*)\r\n7\r\n") << result.err;
    expect_one_line_error(run_binary(with_db(path, {"migrate"}), {}, as_nobody), path, "read-only");
    test::fs::permissions(dir.path(), test::fs::perms::owner_all);
    EXPECT_EQ(read_bytes(path), before);
}

} // namespace
} // namespace jobkb
