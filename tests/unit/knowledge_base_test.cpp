#include "jobkb/catalog.hpp"
#include "jobkb/comparison.hpp"
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

namespace jobkb {
namespace {

using test::read_bytes;
using test::TempDir;
using test::write_bytes;

// Runs fn, expecting an Error with this code, path, cause and hint, whose one-line message starts
// with the path.
template <typename Fn>
void expect_refused(Fn&& fn, ErrorCode code, const test::fs::path& path, const std::string& cause,
                    HintKind hint = HintKind::kNone) {
    try {
        fn();
        FAIL() << "expected an error for " << path;
    } catch (const Error& error) {
        const std::string message = error.what();
        EXPECT_EQ(error.code(), code) << message;
        EXPECT_EQ(error.path(), path.string()) << message;
        EXPECT_EQ(message.rfind(path.string() + ": ", 0), 0u) << message;
        EXPECT_NE(error.cause().find(cause), std::string::npos) << message;
        EXPECT_EQ(error.hint().kind, hint) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
    }
}

TEST(OpenKnowledgeBase, OpensASeededBase) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const auto database = open_knowledge_base(path, Access::kReadOnly);
    EXPECT_EQ(database->path(), path);
}

TEST(OpenKnowledgeBase, MissingFileOrFolder) {
    TempDir dir;
    expect_refused([&] { open_knowledge_base(dir / "none.db", Access::kReadOnly); },
                   ErrorCode::kNotFound, dir / "none.db", "no such file", HintKind::kCreate);
    expect_refused([&] { open_knowledge_base(dir / "no" / "kb.db", Access::kReadOnly); },
                   ErrorCode::kNotFound, dir / "no" / "kb.db", "does not exist");
    expect_refused([&] { initialize_knowledge_base(dir / "no" / "kb.db", Content::kArticle); },
                   ErrorCode::kNotFound, dir / "no" / "kb.db", "does not exist");
    EXPECT_FALSE(test::fs::exists(dir / "none.db"));
    EXPECT_FALSE(test::fs::exists(dir / "no"));
}

TEST(OpenKnowledgeBase, ADirectory) {
    TempDir dir;
    test::fs::create_directory(dir / "folder.db");
    expect_refused([&] { open_knowledge_base(dir / "folder.db", Access::kReadOnly); },
                   ErrorCode::kIo, dir / "folder.db", "is a directory");
    expect_refused([&] { initialize_knowledge_base(dir / "folder.db", Content::kArticle); },
                   ErrorCode::kIo, dir / "folder.db", "is a directory");
}

TEST(OpenKnowledgeBase, AFileThatIsNotSqliteIsLeftUntouched) {
    TempDir dir;
    const auto path = dir / "notes.db";
    const std::string text = "role,salary\nData Scientist,100\n" + std::string(5000, 'x');
    write_bytes(path, text);
    expect_refused([&] { open_knowledge_base(path, Access::kReadWrite); }, ErrorCode::kNotADatabase,
                   path, "not a SQLite database");
    expect_refused([&] { initialize_knowledge_base(path, Content::kArticle); },
                   ErrorCode::kNotADatabase, path, "not a SQLite database");
    expect_refused([&] { migrate_knowledge_base(path); }, ErrorCode::kNotADatabase, path,
                   "not a SQLite database");
    EXPECT_EQ(read_bytes(path), text);
}

TEST(OpenKnowledgeBase, ASqliteFileOfAnotherApplicationIsLeftUntouched) {
    TempDir dir;
    const auto marked = dir / "other.db";
    const auto unmarked = dir / "plain.db";
    {
        SQLite::Database other(marked.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("PRAGMA application_id = 1234; CREATE TABLE notes (x); INSERT INTO notes "
                   "VALUES (1)");
        SQLite::Database plain(unmarked.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        plain.exec("CREATE TABLE roles (name TEXT)");
    }
    for (const auto& path : {marked, unmarked}) {
        const std::string before = read_bytes(path);
        expect_refused([&] { open_knowledge_base(path, Access::kReadWrite); },
                       ErrorCode::kForeignDatabase, path, "not a jobkb database");
        expect_refused([&] { initialize_knowledge_base(path, Content::kArticle); },
                       ErrorCode::kForeignDatabase, path, "not a jobkb database");
        expect_refused([&] { migrate_knowledge_base(path); }, ErrorCode::kForeignDatabase, path,
                       "not a jobkb database");
        EXPECT_EQ(read_bytes(path), before) << path;
    }
}

TEST(OpenKnowledgeBase, AnEmptySqliteFileIsRefusedButCanBeInitialized) {
    TempDir dir;
    const auto path = dir / "empty.db";
    write_bytes(path, "");
    expect_refused([&] { open_knowledge_base(path, Access::kReadOnly); },
                   ErrorCode::kForeignDatabase, path, "an empty SQLite file", HintKind::kInit);
    const auto report = initialize_knowledge_base(path, Content::kArticle);
    EXPECT_FALSE(report.created);
    EXPECT_NO_THROW(open_knowledge_base(path, Access::kReadOnly));
    EXPECT_EQ(test::query(path, "PRAGMA journal_mode")[0][0], "wal");
}

TEST(OpenKnowledgeBase, RefusalsSayWhatWasBeingDoneAndHowToGoOn) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 1");
    }
    expect_refused([&] { open_knowledge_base(path, Access::kReadOnly); },
                   ErrorCode::kDatabaseTooOld, path, "schema version 1 is older",
                   HintKind::kMigrate);
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 999");
    }
    expect_refused([&] { open_knowledge_base(path, Access::kReadOnly); },
                   ErrorCode::kDatabaseTooNew, path, "made by a newer jobkb",
                   HintKind::kNewerJobkb);
    // A file cut inside a page.
    const std::string bytes = read_bytes(path);
    write_bytes(path, bytes.substr(0, bytes.size() - 100));
    try {
        open_knowledge_base(path, Access::kReadOnly);
        FAIL() << "a cut file must be refused";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
        EXPECT_EQ(error.path(), path.string());
        EXPECT_EQ(error.doing(), "reading the database header");
        EXPECT_EQ(error.hint().kind, HintKind::kCheck);
    }
}

// A new base is built under a temporary name: its failures name the path the caller gave.
TEST(InitializeKnowledgeBase, AFailureNamesThePathAskedForNotTheTemporaryOne) {
    TempDir dir;
    const auto path = dir / "kb.db";
    // Something the temporary file cannot replace stands where it would be made.
    const auto temporary = dir / (".kb.db.creating-" + std::to_string(::getpid()));
    test::fs::create_directory(temporary);
    write_bytes(temporary / "keep", "x");
    try {
        initialize_knowledge_base(path, Content::kReferenceOnly);
        FAIL() << "the temporary file cannot be made";
    } catch (const Error& error) {
        EXPECT_EQ(error.path(), path.string()) << error.what();
        EXPECT_EQ(std::string(error.what()).find("creating-"), std::string::npos) << error.what();
    }
    EXPECT_FALSE(test::fs::exists(path));
}

// Multi-statement reads run in one snapshot that they end: a read transaction left open would keep
// every later checkpoint from finishing. Inside a write transaction they leave it open.
TEST(ReadSnapshot, ReadsEndTheirSnapshotAndLeaveAnOuterTransactionOpen) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    auto database = open_knowledge_base(path, Access::kReadWrite);
    Catalog catalog(*database);
    sqlite3* handle = database->native_handle();
    EXPECT_FALSE(catalog.roles().empty());
    EXPECT_EQ(catalog.role_profile("MLOps Engineer").name, "MLOps Engineer");
    EXPECT_FALSE(skill_gap(catalog, "Data Scientist", "NLP Engineer").to_learn.empty());
    EXPECT_EQ(sqlite3_get_autocommit(handle), 1);
    {
        WriteTransaction transaction(*database);
        EXPECT_FALSE(catalog.salaries().empty());
        EXPECT_EQ(sqlite3_get_autocommit(handle), 0) << "the write transaction was ended";
    }
    EXPECT_EQ(sqlite3_get_autocommit(handle), 1);
}

// The data version tells a reader whether another connection committed since its last snapshot
// (what `jobkb serve` retires its kept answers by); its own reads do not change it.
TEST(ReadSnapshot, DataVersionChangesWithAnotherConnectionsCommitOnly) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    auto reader = open_knowledge_base(path, Access::kReadOnly);
    const auto version = [&] {
        ReadSnapshot snapshot(*reader);
        return snapshot.data_version();
    };
    const std::int64_t first = version();
    EXPECT_FALSE(Catalog(*reader).roles().empty());
    EXPECT_EQ(version(), first);
    {
        auto writer = open_knowledge_base(path, Access::kReadWrite);
        writer->execute("writing", "UPDATE roles SET summary = coalesce(summary, 'x') || '.' "
                                   "WHERE id = (SELECT min(id) FROM roles)");
    }
    const std::int64_t second = version();
    EXPECT_NE(second, first);
    EXPECT_EQ(version(), second);
}

TEST(InitializeKnowledgeBase, CreatesInWalModeAndLeavesNoTemporaryFiles) {
    TempDir dir;
    const auto report = initialize_knowledge_base(dir / "kb.db", Content::kArticle);
    EXPECT_TRUE(report.created);
    std::vector<std::string> names;
    for (const auto& entry : test::fs::directory_iterator(dir.path())) {
        names.push_back(entry.path().filename().string());
    }
    EXPECT_EQ(names, std::vector<std::string>{"kb.db"});
    EXPECT_EQ(test::query(dir / "kb.db", "PRAGMA journal_mode")[0][0], "wal");
}

} // namespace
} // namespace jobkb
