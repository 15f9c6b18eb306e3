// Hostile input for `jobkb import roles FILE` and `jobkb import onet DIR`, as hostile_input_test
// does for salaries: each case runs the real binary and is refused with one-line messages naming
// the file and line (`FILE:LINE: field: ...`), exit code 1, in bounded time and memory, and the
// database stays byte for byte as it was. Files are made here: a roles file, or the O*NET mini
// release of tests/data/onet/ with one file broken.
#include "reliability/support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>

namespace jobkb {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;
using test::fs::path;
using Files = std::map<std::string, std::string>;

constexpr std::size_t kMiB = 1 << 20;
constexpr auto kTimeBound = test::kSanitizedBuild ? 180s : 60s;
const long kMemoryBoundKb = test::kSanitizedBuild ? 1'500'000 : 128'000;
const test::Limits kLimits{512 * kMiB, std::nullopt};
constexpr std::size_t kMaxMessageBytes = 2048;

const path kMini = test::source_dir() / "tests" / "data" / "onet" / "29.2-mini";

struct HostileCase {
    std::string name;
    std::string command;               // "roles" or "onet"
    std::vector<std::string> expected; // in stderr; ":LINE: ..." follows the input's path
    // Writes the input under `dir` and returns its path (a file for roles, a folder for onet).
    std::function<path(const path& dir)> make;
};

// A roles file with this content.
std::function<path(const path&)> roles_file(std::string name, std::string content) {
    return [name, content](const path& dir) {
        const path file = dir / name;
        test::write_bytes(file, content);
        return file;
    };
}

// The mini release with `change` applied to its files.
std::function<path(const path&)> release(std::function<void(Files&)> change) {
    return [change](const path& dir) {
        Files files;
        for (const auto& entry : test::fs::directory_iterator(kMini)) {
            files[entry.path().filename().string()] = test::read_bytes(entry.path());
        }
        change(files);
        const path folder = dir / "db_29_2_text";
        test::fs::create_directories(folder);
        for (const auto& [name, bytes] : files) {
            test::write_bytes(folder / name, bytes);
        }
        return folder;
    };
}

std::string big(char c, std::size_t size) { return std::string(size, c); }

const std::string kTasks = "Task Statements.txt";
const std::string kOccupations = "Occupation Data.txt";

const std::vector<HostileCase>& cases() {
    static const std::vector<HostileCase> all = {
        // import roles
        {"RolesUnclosedQuoteCsv",
         "roles",
         {":3: summary: a quoted field is never closed"},
         roles_file("roles.csv", "role,summary\nA Role,fine\nB Role,\"never closed\n")},
        {"RolesInvalidUtf8Csv",
         "roles",
         {":2: role: is not valid UTF-8 (expected UTF-8 text)"},
         roles_file("roles.csv", "role\nData \xff Scientist\n")},
        {"RolesNulByteCsv",
         "roles",
         {":2: row: contains a NUL byte (expected text)"},
         roles_file("roles.csv", "role\nData\0Scientist\n"s)},
        {"RolesControlCharactersJson",
         "roles",
         {":1: aliases: 'Bell\\x07' holds a tab, a line break or another control character"},
         roles_file("roles.ndjson", "{\"role\": \"A Role\", \"aliases\": [\"Bell\\u0007\"]}\n")},
        {"RolesTenMegabyteFieldCsv",
         "roles",
         {":2: summary: a field is longer than 1048576 bytes (expected short text)"},
         roles_file("roles.csv", "role,summary\nA Role," + big('x', 10 * kMiB) + "\n")},
        {"RolesCodesOfTheWrongShape",
         "roles",
         {":2: codes: '15-2051' is not an O*NET-SOC 2019 code (expected NN-NNNN.NN)",
          ":3: within: 'http://example.com/x' is not an occupation code",
          ":4: codes: '12345' is not an occupation code"},
         roles_file("roles.csv", "role,codes,within\nA Role,onet-soc-2019:15-2051,\nB Role,,"
                                 "http://example.com/x\nC Role,12345,\n")},
        {"RolesNamedTwiceWithConflictingCodes",
         "roles",
         {":3: role: 'Robotics Engineer' is named again (first on line 2)"},
         roles_file("roles.csv",
                    "role,codes\nRobotics Engineer,17-2199.08\nrobotics engineer,17-2199.09\n")},
        {"RolesTwoClaimingOneCode",
         "roles",
         {":3: codes: the codes are MLOps Engineer's, but 'Big Data Engineer' names Big Data "
          "Engineer"},
         roles_file("roles.csv",
                    "role,codes\nMLOps Engineer,17-2199.08\nBig Data Engineer,17-2199.08\n")},
        {"RolesListOfObjectsJson",
         "roles",
         {":1: row: a list holds an object or another list (expected text or numbers)"},
         roles_file("roles.json", "[{\"role\": \"A Role\", \"titles\": [{\"a\": 1}]}]")},
        {"RolesEmptyFile", "roles", {":1: the input has no records"}, roles_file("roles.csv", "")},
        {"RolesFolderForAFile",
         "roles",
         {"cannot read: not a regular file"},
         [](const path& dir) {
             test::fs::create_directories(dir / "roles.csv");
             return dir / "roles.csv";
         }},
        // import onet
        {"OnetRaggedLine",
         "onet",
         {"/Task Statements.txt:52: row: has 3 fields, the header has 7"},
         release([](Files& files) { files[kTasks] += "15-2051.00\t1\tA task.\r\n"; })},
        {"OnetMissingOccupationData",
         "onet",
         {"/Occupation Data.txt: missing (expected an O*NET text release folder, which always "
          "has Read Me.txt and Occupation Data.txt)"},
         release([](Files& files) { files.erase(kOccupations); })},
        {"OnetFileForAFolder",
         "onet",
         {"is a file, not a folder"},
         [](const path& dir) {
             test::write_bytes(dir / "db.txt", "not a folder");
             return dir / "db.txt";
         }},
        {"OnetFolderForAFile",
         "onet",
         {"/Task Statements.txt: is a folder, not a file"},
         [](const path& dir) {
             const path folder = release([](Files& files) { files.erase(kTasks); })(dir);
             test::fs::create_directories(folder / kTasks);
             return folder;
         }},
        {"OnetTenMegabyteField",
         "onet",
         {"/Occupation Data.txt:5: Description: a field is longer than 1048576 bytes"},
         release([](Files& files) {
             files[kOccupations] += "15-9999.00\tA Title\t" + big('x', 10 * kMiB) + "\r\n";
         })},
        {"OnetInvalidUtf8",
         "onet",
         {"/Occupation Data.txt:5: Title: is not valid UTF-8 (expected UTF-8 text)"},
         release([](Files& files) {
             files[kOccupations] += "15-9999.00\tBad \xc3\x28 Title\tText.\r\n";
         })},
        {"OnetNulByte",
         "onet",
         {"/Task Statements.txt:52: row: contains a NUL byte (expected text)"},
         release([](Files& files) {
             files[kTasks] += "15-2051.00\t1\tA\0task.\tCore\t1\t08/2023\tAnalyst\r\n"s;
         })},
        {"OnetControlCharacters",
         "onet",
         {"/Occupation Data.txt:5: Description: holds a NUL or another control character"},
         release([](Files& files) {
             files[kOccupations] += "15-9999.00\tA Title\tText \x1b[31mred.\r\n";
         })},
        {"OnetCodesOfTheWrongShape",
         "onet",
         {"/Occupation Data.txt:5: O*NET-SOC Code: '15-9999' is not an O*NET-SOC code",
          "/Task Statements.txt:52: O*NET-SOC Code: 15-9999.01 is not an occupation of "
          "Occupation Data.txt"},
         release([](Files& files) {
             files[kOccupations] += "15-9999\tA Title\tText.\r\n";
             files[kTasks] += "15-9999.01\t1\tA task.\tCore\t1\t08/2023\tAnalyst\r\n";
         })},
        {"OnetOccupationTwice",
         "onet",
         {"/Occupation Data.txt:5: O*NET-SOC Code: 15-2051.00 appears again (first on line"},
         release([](Files& files) {
             files[kOccupations] += "15-2051.00\tData Scientists\tAgain.\r\n";
         })},
        {"OnetRowsNotTogether",
         "onet",
         {"/Task Statements.txt:52: O*NET-SOC Code: the rows of 15-1221.00 come back after those "
          "of other occupations"},
         release([](Files& files) {
             files[kTasks] += "15-1221.00\t99999\tA task.\tCore\t1\t08/2023\tAnalyst\r\n";
         })},
        {"OnetReadMeOfNoRelease",
         "onet",
         {"/Read Me.txt:1: release: 'Hello' does not name an O*NET release"},
         release([](Files& files) { files["Read Me.txt"] = "Hello\r\n"; })},
    };
    return all;
}

void PrintTo(const HostileCase& hostile, std::ostream* out) { *out << hostile.name; }

class HostileRelease : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileRelease, IsRefusedClearlyQuicklyInLittleMemoryAndChangesNothing) {
    const HostileCase& hostile = GetParam();
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const path input = hostile.make(dir.path());
    const std::string bytes_before = test::read_bytes(database);
    const std::string content_before = test::content_dump(database);

    const auto outcome =
        test::run_process({"--db", database.string(), "import", hostile.command, input.string()},
                          test::kToday, kLimits);

    EXPECT_EQ(outcome.signal, 0) << "never a crash";
    EXPECT_EQ(outcome.exit_code, 1) << outcome.err.substr(0, 4000);
    EXPECT_EQ(outcome.out, "");
    EXPECT_TRUE(test::are_error_lines(outcome.err, {input.string()}));
    for (const auto& line : test::lines_of(outcome.err)) {
        EXPECT_LE(line.size(), kMaxMessageBytes) << line.substr(0, 200) << "...";
    }
    for (const auto& expected : hostile.expected) {
        const std::string wanted = expected.starts_with(":") || expected.starts_with("/")
                                       ? input.string() + expected
                                       : expected;
        EXPECT_NE(outcome.err.find(wanted), std::string::npos)
            << "expected: " << wanted << "\nin: " << outcome.err.substr(0, 4000);
    }
    EXPECT_LT(outcome.elapsed, kTimeBound);
    EXPECT_LT(outcome.max_rss_kb, kMemoryBoundKb);
    EXPECT_EQ(test::read_bytes(database), bytes_before);
    EXPECT_EQ(test::content_dump(database), content_before);
    std::cout << "[          ] " << outcome.elapsed.count() << " s, " << outcome.max_rss_kb / 1024
              << " MB at most\n";
}

INSTANTIATE_TEST_SUITE_P(Inputs, HostileRelease, ::testing::ValuesIn(cases()),
                         [](const auto& test_case) { return test_case.param.name; });

} // namespace
} // namespace jobkb
