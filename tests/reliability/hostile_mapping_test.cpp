// Hostile title mappings (`import salaries FILE --roles-from MAPPING`), each fed to the real
// binary with a valid salary file: every one is refused with MAPPING:LINE lines, exit code 1, in
// bounded time and memory, before the salary file is read, and the database stays as it was.
#include "reliability/support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>

namespace jobkb {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMiB = 1 << 20;
constexpr auto kTimeBound = test::kSanitizedBuild ? 180s : 60s;
const long kMemoryBoundKb = test::kSanitizedBuild ? 1'500'000 : 128'000;

struct HostileMapping {
    std::string name;                  // the test's name
    std::vector<std::string> expected; // in stderr; ":LINE: ..." follows the mapping's path
    std::function<void(std::ostream&)> write;
};

void repeat(std::ostream& out, char c, std::size_t count) {
    const std::string block(64 * 1024, c);
    for (; count >= block.size(); count -= block.size()) {
        out << block;
    }
    out << std::string(count, c);
}

const std::vector<HostileMapping>& hostile_mappings() {
    static const std::vector<HostileMapping> mappings = {
        {"UnknownAndAmbiguousRoles",
         {":2: role: unknown role 'Data Scientis': did you mean Data Scientist?",
          ":4: title: 'a' is mapped on line 3 to another role"},
         [](std::ostream& out) {
             out << "title,role\na,Data Scientis\nA,NLP Engineer\na,Data Scientist\n";
         }},
        {"SqlTextInNames",
         {":2: role: unknown role ''; DROP TABLE roles; --'"},
         [](std::ostream& out) {
             out << "title,role\n\"x'); DELETE FROM roles; --\",\"'; DROP TABLE roles; --\"\n";
         }},
        {"InvalidUtf8",
         {":2: title: is not valid UTF-8"},
         [](std::ostream& out) { out << "title,role\n\xff\xfe,Data Scientist\n"; }},
        {"NulByte",
         {":2: row: contains a NUL byte"},
         [](std::ostream& out) { out << "title,role\nA" << '\0' << "B,Data Scientist\n"; }},
        {"TabsAndLineBreaksInATitle",
         {":2: title: holds a tab or a line break", ":3: title: holds a tab or a line break"},
         [](std::ostream& out) {
             out << "title,role\n\"a\tb\",Data Scientist\n\"c\nd\",Data Scientist\n";
         }},
        {"RaggedRows",
         {":2: row: has 3 fields, the header has 2"},
         [](std::ostream& out) { out << "title,role\na,b,c\n"; }},
        {"UnclosedQuote",
         {":2: title: a quoted field is never closed"},
         [](std::ostream& out) { out << "title,role\n\"a,Data Scientist\n"; }},
        {"WrongHeader",
         {":1: header: unknown column 'job'", "missing required column 'role'"},
         [](std::ostream& out) { out << "title,job\na,b\n"; }},
        {"HeaderAlone",
         {":1: the input has no records"},
         [](std::ostream& out) { out << "title,role\n"; }},
        {"Empty", {":1: the input has no records"}, [](std::ostream&) {}},
        {"TenMegabyteField",
         {":2: title: a field is longer than 1048576 bytes"},
         [](std::ostream& out) {
             out << "title,role\n";
             repeat(out, 'x', 10 * kMiB);
             out << ",Data Scientist\n";
         }},
        // Every line a long unknown role: suggestions are computed for the first few only
        // (reading stops at --max-errors), so the time stays bounded however long the file.
        {"ManyUnknownRoles",
         {":2: role: unknown role 'Nobody 0'", "problem(s) in the title mapping"},
         [](std::ostream& out) {
             out << "title,role\n";
             for (int i = 0; i < 200'000; ++i) {
                 out << "Title " << i << ",Nobody " << i << "\n";
             }
         }},
        {"MegabyteLongRoles",
         {":2: role: unknown role '0QQQ", "bytes left out]…"},
         [](std::ostream& out) {
             out << "title,role\n";
             for (int i = 0; i < 30; ++i) {
                 out << i << ",";
                 out << i;
                 repeat(out, 'Q', kMiB - 64);
                 out << "\n";
             }
         }},
    };
    return mappings;
}

void PrintTo(const HostileMapping& hostile, std::ostream* out) { *out << hostile.name; }

class HostileTitleMapping : public ::testing::TestWithParam<HostileMapping> {};

TEST_P(HostileTitleMapping, IsRefusedClearlyQuicklyInLittleMemoryAndChangesNothing) {
    const HostileMapping& hostile = GetParam();
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const auto salaries = dir / "salaries.csv";
    test::write_bytes(salaries, "role,country,currency,amount,as_of\n"
                                "Data Scientist,US,USD,120000,2025\n");
    const auto mapping = dir / "titles.csv";
    {
        std::ofstream out(mapping, std::ios::binary);
        hostile.write(out);
        ASSERT_TRUE(out.flush());
    }
    const auto outcome =
        test::expect_refused(database,
                             {"--db", database.string(), "import", "salaries", salaries.string(),
                              "--roles-from", mapping.string(), "--quiet"},
                             {mapping.string() + ":"}, kTimeBound, kMemoryBoundKb);
    for (const auto& expected : hostile.expected) {
        const std::string wanted =
            expected.starts_with(":") ? mapping.string() + expected : expected;
        EXPECT_NE(outcome.err.find(wanted), std::string::npos)
            << "expected: " << wanted << "\nin: " << outcome.err.substr(0, 4000);
    }
    EXPECT_EQ(outcome.err.find("salaries.csv"), std::string::npos) << "never read";
}

INSTANTIATE_TEST_SUITE_P(Files, HostileTitleMapping, ::testing::ValuesIn(hostile_mappings()),
                         [](const auto& test_case) { return test_case.param.name; });

} // namespace
} // namespace jobkb
