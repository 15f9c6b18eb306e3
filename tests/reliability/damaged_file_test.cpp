// Damaged databases and a full disk, with the real binary: `jobkb check` reports the damage (exit
// 1); every other command either works (when it does not touch the damage) or stops with one line
// on stderr naming the file, never with a signal; and nothing that fails leaves the file other
// than it was. tests/cli/bad_input_test.cpp covers files that are not jobkb databases at all.
#include "reliability/support.hpp"

#include <gtest/gtest.h>

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>

namespace jobkb {
namespace {

using test::fs::path;

constexpr std::size_t kPageSize = 4096;

void flip_byte(const path& file, std::size_t offset) {
    std::string bytes = test::read_bytes(file);
    ASSERT_LT(offset, bytes.size());
    bytes[offset] = static_cast<char>(~static_cast<unsigned char>(bytes[offset]));
    test::write_bytes(file, bytes);
}

void truncate_to(const path& file, std::size_t size) { test::fs::resize_file(file, size); }

// Where a table's or index's first page starts in the file.
std::size_t root_page_offset(const path& database, const std::string& name) {
    const auto rows =
        test::query(database, "SELECT rootpage FROM sqlite_schema WHERE name = '" + name + "'");
    return (std::stoul(rows.at(0).at(0)) - 1) * kPageSize;
}

struct Damage {
    std::string name;
    std::function<void(const path&)> apply;
    // Seen as soon as the file is opened, so every command refuses it; other damage shows only
    // to the commands that read the damaged page.
    bool refused_at_open = false;
};

void PrintTo(const Damage& damage, std::ostream* out) { *out << damage.name; }

std::size_t size_of(const path& file) { return test::fs::file_size(file); }

const std::vector<Damage>& damages() {
    static const std::vector<Damage> list = {
        {"TruncatedToFiftyBytes", [](const path& file) { truncate_to(file, 50); }, true},
        {"TruncatedToItsFirstPage", [](const path& file) { truncate_to(file, kPageSize); }, true},
        {"TruncatedToHalf",
         [](const path& file) { truncate_to(file, size_of(file) / 2 / kPageSize * kPageSize); },
         true},
        {"TruncatedByItsLastPage",
         [](const path& file) { truncate_to(file, size_of(file) - kPageSize); }, true},
        {"TruncatedInsideAPage", [](const path& file) { truncate_to(file, size_of(file) - 1000); },
         true},
        {"HeaderMagicFlipped", [](const path& file) { flip_byte(file, 0); }, true},
        {"HeaderPageSizeFlipped", [](const path& file) { flip_byte(file, 16); }, true},
        {"HeaderDatabaseSizeFlipped", [](const path& file) { flip_byte(file, 28); }, true},
        {"HeaderSchemaVersionFlipped", [](const path& file) { flip_byte(file, 60); }, true},
        {"TablePageTypeFlipped",
         [](const path& file) { flip_byte(file, root_page_offset(file, "roles")); }},
        {"TablePageCellCountFlipped",
         [](const path& file) { flip_byte(file, root_page_offset(file, "roles") + 4); }},
        {"IndexPageTypeFlipped",
         [](const path& file) {
             flip_byte(file, root_page_offset(file, "salary_observations_by_key"));
         }},
        {"IndexKeyFlipped",
         [](const path& file) {
             flip_byte(file, root_page_offset(file, "salary_observations_by_key") + kPageSize - 20);
         }},
    };
    return list;
}

class DamagedFile : public ::testing::TestWithParam<Damage> {
protected:
    test::TempDir dir_;
    path database_ = test::make_seeded_database(dir_);
    path input_ = dir_ / "figures.csv";

    void SetUp() override {
        test::write_bytes(input_, "role,country,currency,amount,as_of\n"
                                  "Data Scientist,US,USD,120000,2025\n");
        GetParam().apply(database_);
    }
};

TEST_P(DamagedFile, CheckReportsItAndNoCommandCrashesOrMakesItWorse) {
    const std::string damaged = test::read_bytes(database_);
    const std::string prefix = "jobkb: " + database_.string() + ": ";

    const auto check = test::run_process({"--db", database_.string(), "check"});
    EXPECT_EQ(check.signal, 0);
    EXPECT_EQ(check.exit_code, 1) << check.out;
    EXPECT_EQ(test::lines_of(check.err).size(), 1u) << check.err;
    EXPECT_EQ(check.err.rfind(prefix, 0), 0u) << check.err;
    EXPECT_EQ(check.err.find("see 'jobkb check'"), std::string::npos)
        << "check reports, it does not send the user to itself: " << check.err;
    // The problems, one a line, unless the file is not SQLite at all.
    if (check.err.find("not a SQLite database") == std::string::npos) {
        EXPECT_NE(check.out, "");
    }
    for (const auto& line : test::lines_of(check.out)) {
        EXPECT_EQ(line.rfind(database_.string() + ": ", 0), 0u) << line;
    }
    EXPECT_TRUE(test::read_bytes(database_) == damaged);

    const std::vector<std::vector<std::string>> commands = {
        {"roles"},
        {"role", "Data Scientist"},
        {"salaries"},
        {"sql", "SELECT count(*) FROM salary_observations"},
        {"import", "salaries", input_.string(), "--quiet"},
        {"export", "salaries"},
        {"migrate"}};
    for (const auto& command : commands) {
        SCOPED_TRACE(command[0]);
        std::vector<std::string> arguments = {"--db", database_.string()};
        arguments.insert(arguments.end(), command.begin(), command.end());
        // A command that does not touch the damage may work, and import or migrate then write.
        const std::string before = test::read_bytes(database_);
        const auto outcome = test::run_process(arguments, test::kToday);
        EXPECT_EQ(outcome.signal, 0) << "never a crash";
        EXPECT_TRUE(outcome.exit_code == 0 || outcome.exit_code == 1) << outcome.exit_code;
        if (GetParam().refused_at_open) {
            EXPECT_EQ(outcome.exit_code, 1);
            EXPECT_TRUE(outcome.err.find("the file is damaged") != std::string::npos ||
                        outcome.err.find("not a SQLite database") != std::string::npos)
                << outcome.err;
        }
        if (outcome.exit_code != 0) {
            // An export to stdout streams: its header may be out before the damage shows.
            if (command[0] != "export") {
                EXPECT_EQ(outcome.out, "");
            }
            EXPECT_EQ(test::lines_of(outcome.err).size(), 1u) << outcome.err;
            EXPECT_EQ(outcome.err.rfind(prefix, 0), 0u) << outcome.err;
            EXPECT_TRUE(test::read_bytes(database_) == before) << "a failed command wrote";
        }
        if (command[0] != "import" && command[0] != "migrate") {
            EXPECT_TRUE(test::read_bytes(database_) == before) << "a reading command wrote";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Databases, DamagedFile, ::testing::ValuesIn(damages()),
                         [](const auto& test_case) { return test_case.param.name; });

// bad_input_test.cpp tries the listing, check, init and migrate commands on a directory; these are
// the others, and a directory where an input or output file belongs.
TEST(DamagedFiles, ADirectoryWhereAFileBelongs) {
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const auto folder = dir / "folder";
    test::fs::create_directory(folder);
    test::write_bytes(dir / "figures.csv", "role,country,currency,amount,as_of\n"
                                           "Data Scientist,US,USD,120000,2025\n");
    for (const auto& command : std::vector<std::vector<std::string>>{
             {"role", "Data Scientist"},
             {"salaries"},
             {"sql", "SELECT 1"},
             {"import", "salaries", (dir / "figures.csv").string()},
             {"export", "salaries"}}) {
        std::vector<std::string> arguments = {"--db", folder.string()};
        arguments.insert(arguments.end(), command.begin(), command.end());
        const auto outcome = test::run_process(arguments, test::kToday);
        EXPECT_EQ(outcome.exit_code, 1) << command[0];
        EXPECT_EQ(outcome.err,
                  "jobkb: " + folder.string() + ": is a directory, expected a database file\n");
    }
    const std::string before = test::read_bytes(database);
    auto outcome = test::run_process({"--db", database.string(), "import", "salaries",
                                      folder.string(), "--input-format", "csv"});
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_EQ(outcome.err, "jobkb: " + folder.string() + ": cannot read: not a regular file\n");
    outcome =
        test::run_process({"--db", database.string(), "export", "salaries", "-o", folder.string()});
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_EQ(outcome.err,
              "jobkb: " + folder.string() + ": is a directory, expected a file to write\n");
    EXPECT_EQ(test::read_bytes(database), before);
}

std::vector<std::string> import_arguments(const path& database, const path& input) {
    return {"--db", database.string(), "import", "salaries", input.string(), "--quiet"};
}

// A write that fails for room leaves the base as it was, says so on one line, and the same import
// works once there is room.
void expect_import_refused_for_room(const path& database, const test::Outcome& outcome,
                                    const std::string& before) {
    EXPECT_EQ(outcome.signal, 0);
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_EQ(test::lines_of(outcome.err).size(), 1u) << outcome.err;
    EXPECT_EQ(outcome.err.rfind("jobkb: " + database.string() + ": committing: ", 0), 0u)
        << outcome.err;
    EXPECT_TRUE(outcome.err.find("disk is full") != std::string::npos ||
                outcome.err.find("is the disk full") != std::string::npos)
        << outcome.err;
    EXPECT_EQ(test::content_fingerprint(database), before);
    EXPECT_EQ(test::run_binary({"--db", database.string(), "check"}).out, "ok\n");
}

// RLIMIT_FSIZE stands in for a full disk: a write past it fails (SIGXFSZ ignored) as one past the
// end of the disk would.
TEST(FullDisk, AnImportBeyondTheFileSizeLimitLeavesTheBaseAsItWas) {
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const auto input = dir / "reports.csv";
    test::write_bytes(input, test::salary_csv(20'000));
    const std::string before = test::content_fingerprint(database);
    const std::string bytes_before = test::read_bytes(database);
    const auto limit = static_cast<std::uint64_t>(bytes_before.size()) * 2;
    const auto outcome =
        test::run_process(import_arguments(database, input), test::kToday, {std::nullopt, limit});
    expect_import_refused_for_room(database, outcome, before);
    EXPECT_EQ(test::read_bytes(database), bytes_before);

    // A new base that cannot be written is not left behind, whole or in part.
    const auto fresh = dir / "fresh.db";
    const auto created =
        test::run_process({"--db", fresh.string(), "init"}, {}, {std::nullopt, 64 * 1024});
    EXPECT_EQ(created.exit_code, 1);
    EXPECT_EQ(test::lines_of(created.err).size(), 1u) << created.err;
    EXPECT_EQ(created.err.rfind("jobkb: " + fresh.string() + ": ", 0), 0u) << created.err;
    EXPECT_FALSE(test::fs::exists(fresh));
    for (const auto& entry : test::fs::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().filename().string().find("fresh"), std::string::npos)
            << entry.path();
    }

    const auto again = test::run_binary(import_arguments(database, input), test::kToday);
    EXPECT_EQ(again.exit_code, 0) << again.err;
}

// A small tmpfs, mounted for the test and unmounted after it.
class SmallFileSystem {
public:
    SmallFileSystem(const path& where, const std::string& size) : where_(where) {
        test::fs::create_directory(where_);
        const std::string options = "size=" + size + ",mode=0755";
        if (::mount("tmpfs", where_.c_str(), "tmpfs", 0, options.c_str()) == 0) {
            mounted_ = true;
        } else {
            error_ = std::strerror(errno);
        }
    }
    ~SmallFileSystem() {
        if (mounted_) {
            ::umount2(where_.c_str(), MNT_DETACH);
        }
    }
    SmallFileSystem(const SmallFileSystem&) = delete;
    SmallFileSystem& operator=(const SmallFileSystem&) = delete;

    bool mounted() const { return mounted_; }
    const std::string& error() const { return error_; }

private:
    path where_;
    bool mounted_ = false;
    std::string error_;
};

TEST(FullDisk, OnAFullFileSystemNothingIsLeftHalfWritten) {
    test::TempDir dir;
    const auto seeded = test::make_seeded_database(dir);
    const auto input = dir / "reports.csv";
    test::write_bytes(input, test::salary_csv(20'000));
    // 2 MB: room for the seeded base (about 1 MB with the ISO 3166-2 areas), not for the import.
    const SmallFileSystem disk(dir / "disk", "2m");
    if (!disk.mounted()) {
        GTEST_SKIP() << "cannot mount a 2 MB tmpfs here (" << disk.error()
                     << "): this test needs root and a kernel that allows it";
    }
    const auto database = dir / "disk" / "kb.db";
    test::copy_database(seeded, database);
    const std::string before = test::content_fingerprint(database);
    const std::string bytes_before = test::read_bytes(database);

    const auto outcome = test::run_process(import_arguments(database, input), test::kToday);
    expect_import_refused_for_room(database, outcome, before);
    EXPECT_EQ(test::read_bytes(database), bytes_before);

    // Fill what is left; an export then fails without leaving a partial file.
    {
        std::ofstream filler(dir / "disk" / "filler", std::ios::binary);
        const std::string block(4096, 'x');
        while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
        }
    }
    const auto exported = dir / "disk" / "export.csv";
    auto written = test::run_process(
        {"--db", seeded.string(), "import", "salaries", input.string(), "--quiet"}, test::kToday);
    ASSERT_EQ(written.exit_code, 0) << written.err;
    written =
        test::run_process({"--db", seeded.string(), "export", "salaries", "-o", exported.string()});
    EXPECT_EQ(written.exit_code, 1);
    EXPECT_EQ(written.err, "jobkb: " + exported.string() + ": writing failed (disk full?)\n");
    EXPECT_FALSE(test::fs::exists(exported));

    // A new base on the full disk is not left behind either.
    const auto fresh = dir / "disk" / "fresh.db";
    const auto created = test::run_process({"--db", fresh.string(), "init"});
    EXPECT_EQ(created.exit_code, 1);
    EXPECT_EQ(test::lines_of(created.err).size(), 1u) << created.err;
    EXPECT_FALSE(test::fs::exists(fresh));
    EXPECT_EQ(test::read_bytes(database), bytes_before);
}

} // namespace
} // namespace jobkb
