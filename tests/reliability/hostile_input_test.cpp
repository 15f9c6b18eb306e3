// Hostile import files, each fed to the real binary: every one is refused with FILE:LINE: field:
// messages (one line each, short whatever the file holds), exit code 1, in bounded time and
// memory, and the database stays byte for byte as it was. Small files are committed under
// tests/data/hostile/; big ones are generated here.
#include "reliability/hostile_files.hpp"
#include "reliability/support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <stdexcept>

namespace jobkb {
namespace {

using namespace std::chrono_literals;
using test::fs::path;

constexpr std::size_t kMiB = 1 << 20;
// Generous bounds: a hostile file must be refused in seconds, in a few dozen megabytes. These are
// not speed measurements (the machines are shared and noisy): the time bound only catches a hang
// or a per-row cost that grows with the file, which would take hours. The sanitized build is
// slower and its allocator keeps freed memory in quarantine, so its memory bound only catches
// runaways; the release build measures.
constexpr auto kTimeBound = test::kSanitizedBuild ? 180s : 60s;
const long kMemoryBoundKb = test::kSanitizedBuild ? 1'500'000 : 128'000;
const test::Limits kLimits{512 * kMiB, std::nullopt};
constexpr std::size_t kMaxMessageBytes = 2048;

using test::HostileFile;
using StreamGenerator = std::function<void(std::ostream&)>;

// A generator that writes the file as a stream.
test::Generator streamed(StreamGenerator generate) {
    return [generate](const path& file) {
        std::ofstream out(file, std::ios::binary);
        generate(out);
        if (!out.flush()) {
            throw std::runtime_error("cannot write " + file.string());
        }
    };
}

void repeat(std::ostream& out, char c, std::size_t count) {
    const std::string block(64 * 1024, c);
    for (; count >= block.size(); count -= block.size()) {
        out << block;
    }
    out << std::string(count, c);
}

const std::string kHeader = "role,country,currency,amount,as_of";
const std::string kJsonFields =
    R"("role": "Data Scientist", "country": "US", "currency": "USD", "amount": 120000, )";

// A file whose bytes are random, the same every run.
StreamGenerator garbage() {
    return [](std::ostream& out) {
        std::mt19937 random(6);
        for (int i = 0; i < 256 * 1024; ++i) {
            out.put(static_cast<char>(random() & 0xff));
        }
    };
}

std::vector<HostileFile> text_files() {
    return {
        // CSV
        {"UnclosedQuoteCsv",
         "unclosed-quote.csv",
         {":3: amount: a quoted field is never closed (expected a closing \")"}},
        {"TextAfterAClosingQuoteCsv",
         "text-after-quote.csv",
         {":2: row: text follows a closing quote (expected the delimiter or the end of the line)"}},
        {"QuoteInAnUnquotedFieldCsv",
         "quote-in-unquoted-field.csv",
         {":2: row: a quote inside an unquoted field"}},
        {"RaggedRowsCsv",
         "ragged-row.csv",
         {":3: row: has 3 fields, the header has 5", ":4: row: has 6 fields, the header has 5"}},
        {"InvalidUtf8Csv",
         "invalid-utf8.csv",
         {":2: role: is not valid UTF-8 (expected UTF-8 text)"}},
        {"NulByteCsv", "nul-byte.csv", {":2: row: contains a NUL byte (expected text)"}},
        {"ControlCharactersCsv",
         "control-characters.csv",
         {":2: note: holds a NUL or another control character"}},
        {"EmptyCsv", "empty.csv", {":1: the input has no records"}},
        {"HeaderAloneCsv", "header-only.csv", {":1: the input has no records"}},
        {"BlankLinesAloneCsv", "blank-lines-only.csv", {":1: the input has no records"}},
        {"TwoColumnsForOneFieldCsv",
         "duplicate-column.csv",
         {":1: header: two columns give the field amount (expected one)"}},
        {"BadAmountsCsv",
         "amounts.csv",
         {":2: amount: '-5' is negative (expected a positive amount)",
          ":3: amount: '0' is zero (expected a positive amount)", ":4: amount: '0.00' is zero",
          ":5: amount: '99999999999999999999999' is out of range",
          ":6: amount: '1e30' is not a number", ":7: amount: 'NaN' is not a number",
          ":8: amount: 'Infinity' is not a number", ":9: amount: '0x10' is not a number",
          ":10: amount: '1,000,000,000,000,000' is out of range",
          ":11: amount: '1.001' has more decimals than USD has",
          ":12: amount: '$-5' is not a number", ":13: amount: '١٢٣' is not a number"},
         {"--max-errors", "50"}},
        {"BadDatesCsv",
         "dates.csv",
         {":2: as_of: '2026-02-30' is no such day", ":3: as_of: '2025-02-29' is no such day",
          ":4: as_of: '2026-13-01' is no such day", ":5: as_of: '2026-00' is no such day",
          ":6: as_of: '0000' is before 1900", ":7: as_of: '99999' is not a date",
          ":8: as_of: '2026-2-3' is not a date",
          ":9: as_of: '2027' is in the future (expected a date up to 2026-11-23)",
          ":10: as_of: '2026-11-24' is in the future", ":11: as_of: 'yesterday' is not a date"},
         {"--max-errors", "50"}},
        {"SqlTextInNamesCsv",
         "sql-names.csv",
         {":2: role: unknown role ''; DROP TABLE roles; --'",
          ":3: country: unknown country 'IN'); DELETE FROM countries; --'",
          ":4: currency: unknown currency 'USD' OR '1'='1'",
          ":6: role: unknown role 'Robert'); DROP TABLE salary_observations;--'"}},
        // Split on commas, as before sniffing: the header is refused.
        {"BinaryGarbageCsv",
         "garbage.csv",
         {":1: header: "},
         {"--delimiter", ","},
         streamed(garbage())},
        // Sniffed, random bytes split best on some other delimiter: refused all the same.
        {"BinaryGarbageSniffedCsv", "garbage-sniffed.csv", {":2: row: "}, {}, streamed(garbage())},
        {"TenMegabyteFieldCsv",
         "ten-megabyte-field.csv",
         {":2: note: a field is longer than 1048576 bytes (expected short text)"},
         {},
         streamed([](std::ostream& out) {
             out << kHeader << ",note\nData Scientist,US,USD,120000,2025,";
             repeat(out, 'x', 10 * kMiB);
             out << "\n";
         })},
        {"HundredThousandColumnsCsv",
         "hundred-thousand-columns.csv",
         {":1: header: more than 1000 fields in a row (expected one per column)"},
         {},
         streamed([](std::ostream& out) {
             for (int i = 0; i < 100'000; ++i) {
                 out << "column" << i << ",";
             }
             out << "\n";
         })},
        {"HundredThousandFieldsInARowCsv",
         "hundred-thousand-fields.csv",
         {":2: row: more than 1000 fields in a row (expected one per column)"},
         {},
         streamed([](std::ostream& out) {
             out << kHeader << "\n";
             repeat(out, ',', 100'000);
             out << "\n";
         })},
        {"ManyLongFieldsInARowCsv",
         "long-row.csv",
         {":2: row: longer than 4194304 bytes in all (expected short fields)"},
         {"--ignore-unknown"},
         streamed([](std::ostream& out) {
             out << kHeader << ",a,b,c,d,e,f,g,h\nData Scientist,US,USD,120000,2025";
             for (int i = 0; i < 8; ++i) {
                 out << ",";
                 repeat(out, 'x', kMiB - 16);
             }
             out << "\n";
         })},
        // Names too long to be names, in rows that are all checked: each is refused on its own
        // (no suggestions computed over a megabyte), quoted shortened, and not kept in memory.
        {"ManyMegabyteLongNamesCsv",
         "long-names.csv",
         {":2: role: unknown role '0QQQQ", "bytes left out]…", ":3: country: unknown country"},
         {"--skip-invalid"},
         streamed([](std::ostream& out) {
             out << kHeader << "\n";
             for (int row = 0; row < (test::kSanitizedBuild ? 20 : 60); ++row) {
                 out << row;
                 repeat(out, 'Q', kMiB - 64);
                 out << "," << row;
                 repeat(out, 'U', kMiB - 64);
                 out << ",USD,120000,2025\n";
             }
         })},
        // Every row checked, each name unknown: suggestions are computed for each (the sanitized
        // build is slower, so it gets fewer).
        {"ThousandsOfUnknownNamesCsv",
         "unknown-names.csv",
         {":2: role: unknown role 'Nobody 0'", ":2: country: unknown country 'Nowhere 0'",
          "more error(s) not shown"},
         {"--skip-invalid"},
         streamed([](std::ostream& out) {
             out << kHeader << "\n";
             for (int row = 0; row < (test::kSanitizedBuild ? 5'000 : 20'000); ++row) {
                 out << "Nobody " << row << ",Nowhere " << row << ",USD,120000,2025\n";
             }
         })},
        // TSV
        {"UnclosedQuoteTsv", "unclosed-quote.tsv", {":2: amount: a quoted field is never closed"}},
        {"RaggedRowTsv", "ragged-row.tsv", {":2: row: has 3 fields, the header has 5"}},
        {"InvalidUtf8Tsv", "invalid-utf8.tsv", {":2: as_of: is not valid UTF-8"}},
        {"NulByteTsv", "nul-byte.tsv", {":2: row: contains a NUL byte"}},
        {"EmptyTsv", "empty.tsv", {":1: the input has no records"}},
        {"HeaderAloneTsv", "header-only.tsv", {":1: the input has no records"}},
        {"TenMegabyteFieldTsv",
         "ten-megabyte-field.tsv",
         {":2: note: a field is longer than 1048576 bytes"},
         {},
         streamed([](std::ostream& out) {
             out << "role\tcountry\tcurrency\tamount\tas_of\tnote\n"
                    "Data Scientist\tUS\tUSD\t120000\t2025\t";
             repeat(out, 'x', 10 * kMiB);
             out << "\n";
         })},
        {"HundredThousandFieldsInARowTsv",
         "hundred-thousand-fields.tsv",
         {":2: row: more than 1000 fields in a row"},
         {},
         streamed([](std::ostream& out) {
             out << "role\tcountry\tcurrency\tamount\tas_of\n";
             repeat(out, '\t', 100'000);
             out << "\n";
         })},
        // JSON
        {"MalformedJson",
         "malformed.json",
         {":2: the input is not valid JSON: parse error at line 2, column 44: syntax error while "
          "parsing object key - unexpected '}'; expected string literal"}},
        {"TrailingGarbageJson",
         "trailing-garbage.json",
         {":1: the input is not valid JSON:", "expected end of input"}},
        {"NotAnArrayJson", "not-an-array.json", {":1: is not a JSON array"}},
        {"InvalidUtf8Json",
         "invalid-utf8.json",
         {":1: role: the input is not valid JSON:", "ill-formed UTF-8 byte"}},
        {"NulByteInAStringJson",
         "nul-byte.json",
         {":1: the input contains a NUL byte (expected JSON text)"}},
        {"NulByteAfterTheArrayJson",
         "nul-after-array.json",
         {":1: the input contains a NUL byte (expected JSON text)"}},
        {"EscapedNulJson",
         "escaped-nul.json",
         {":2: role: holds a NUL or another control character"}},
        {"LoneSurrogateJson",
         "lone-surrogate.json",
         {":1: role: the input is not valid JSON:", "surrogate U+D800..U+DBFF"}},
        {"EmptyJson", "empty.json", {":1: is empty (expected a JSON array of objects)"}},
        {"EmptyArrayJson", "empty-array.json", {":1: the input has no records"}},
        {"DuplicateKeysJson",
         "duplicate-keys.json",
         {":2: header: two columns give the field role (expected one)"}},
        {"BadAmountsJson",
         "amounts.json",
         {":2: amount: '-1' is negative", ":3: amount: '0' is zero",
          ":4: amount: '-0.0' is negative", ":5: amount: 'true' is not a number",
          ":6: amount: is empty (expected a value)",
          ":7: row: a field holds an object or array (expected text or a number)",
          ":8: row: a field holds an object or array", ":9: amount: is empty",
          ":10: amount: '1.5e3' is not a number"}},
        {"NumberOverflowJson",
         "number-overflow.json",
         {":2: amount: the input is not valid JSON:", "number overflow parsing '1e400'"}},
        {"BadDatesJson",
         "dates.json",
         {":2: as_of: '2026-02-30' is no such day", ":3: as_of: '20260230' is not a date",
          ":4: as_of: '2026.5' is not a date", ":5: as_of: '2026-13' is no such day",
          ":6: as_of: is empty"}},
        {"SqlTextInNamesJson",
         "sql-names.json",
         {":2: role: unknown role ''; DROP TABLE roles; --'",
          ":3: country: unknown country 'US\"); DELETE FROM countries; --'"}},
        {"BinaryGarbageJson", "garbage.json", {":1: is not a JSON array"}, {}, streamed(garbage())},
        {"TenMegabyteStringJson",
         "ten-megabyte-string.json",
         {":1: note: a value is longer than 1048576 bytes (expected short text)"},
         {},
         streamed([](std::ostream& out) {
             out << "[{" << kJsonFields << R"("as_of": "2025", "note": ")";
             repeat(out, 'x', 10 * kMiB);
             out << "\"}]\n";
         })},
        // nlohmann's lexer would hold all of it (and more) before our handler saw it.
        {"HundredMegabyteStringJson",
         "hundred-megabyte-string.json",
         {":1: role: a value is longer than 1048576 bytes (expected short text)"},
         {},
         streamed([](std::ostream& out) {
             out << R"([{"role": ")";
             repeat(out, 'x', 100 * kMiB);
             out << "\"}]\n";
         })},
        {"HundredMegabyteNumberJson",
         "hundred-megabyte-number.json",
         {":1: amount: a value is longer than 1048576 bytes"},
         {},
         streamed([](std::ostream& out) {
             out << R"([{"role": "Data Scientist", "amount": 1)";
             repeat(out, '0', 100 * kMiB);
             out << "}]\n";
         })},
        {"HundredMegabyteKeyJson",
         "hundred-megabyte-key.json",
         {":1: the input has a string or number longer than 1048576 bytes (expected short text)"},
         {},
         streamed([](std::ostream& out) {
             out << R"([{")";
             repeat(out, 'k', 100 * kMiB);
             out << "\": 1}]\n";
         })},
        {"HundredThousandKeysJson",
         "hundred-thousand-keys.json",
         {":1: the input has an object with more than 1000 fields (expected one per column)"},
         {},
         streamed([](std::ostream& out) {
             out << "[{";
             for (int i = 0; i < 100'000; ++i) {
                 out << (i ? ", " : "") << "\"key" << i << "\": " << i;
             }
             out << "}]\n";
         })},
        {"ManyLongValuesInAnObjectJson",
         "long-object.json",
         {":1: the input has an object longer than 4194304 bytes in all (expected short fields)"},
         {},
         streamed([](std::ostream& out) {
             out << "[{" << kJsonFields << R"("as_of": "2025")";
             for (int i = 0; i < 8; ++i) {
                 out << ", \"extra" << i << "\": \"";
                 repeat(out, 'x', kMiB - 16);
                 out << "\"";
             }
             out << "}]\n";
         })},
        {"MillionDeepArraysJson",
         "million-deep-arrays.json",
         {":1: the input nests deeper than 64 levels (expected flat objects)"},
         {},
         streamed([](std::ostream& out) {
             repeat(out, '[', 1'000'000);
             repeat(out, ']', 1'000'000);
         })},
        {"MillionDeepObjectsJson",
         "million-deep-objects.json",
         {":1: the input nests deeper than 64 levels"},
         {},
         streamed([](std::ostream& out) {
             out << R"([{"role": )";
             for (int i = 0; i < 1'000'000; ++i) {
                 out << R"({"a": )";
             }
             out << "1";
             repeat(out, '}', 1'000'000);
             out << "}]\n";
         })},
        // NDJSON
        {"MalformedLineNdjson", "malformed.ndjson", {":2: row: the line is not valid JSON"}},
        {"InvalidUtf8Ndjson",
         "invalid-utf8.ndjson",
         {":1: row: the line is not valid JSON:", "ill-formed UTF-8 byte"}},
        {"NulByteNdjson",
         "nul-byte.ndjson",
         {":1: row: the line contains a NUL byte (expected JSON text)"}},
        {"ArrayLineNdjson",
         "array-line.ndjson",
         {":1: row: the line is an array (expected one object a line)"}},
        {"EmptyNdjson", "empty.ndjson", {":1: the input has no records"}},
        {"BlankLinesAloneNdjson", "blank-lines.ndjson", {":1: the input has no records"}},
        {"BadAmountsNdjson",
         "amounts.ndjson",
         {":1: amount: '-1' is negative", ":2: amount: '0' is zero",
          ":3: row: the line is not valid JSON:", "number overflow parsing '1e400'",
          ":4: amount: '1e30' is not a number",
          ":5: amount: '99999999999999999999' is out of range"}},
        {"BadDatesNdjson",
         "dates.ndjson",
         {":1: as_of: '2026-02-30' is no such day", ":2: as_of: '2100-01-01' is in the future",
          ":3: as_of: '0001-01-01' is before 1900"}},
        {"SqlTextInNamesNdjson",
         "sql-names.ndjson",
         {":1: role: unknown role 'x\"; DROP TABLE roles; --'"}},
        {"BinaryGarbageNdjson",
         "garbage.ndjson",
         {":1: row: the line ", ":2: row: the line contains a NUL byte"},
         {},
         streamed(garbage())},
        {"TenMegabyteLineNdjson",
         "ten-megabyte-line.ndjson",
         {":1: a line is longer than 4194304 bytes (expected one short object a line)"},
         {},
         streamed([](std::ostream& out) {
             out << "{" << kJsonFields << R"("as_of": "2025", "note": ")";
             repeat(out, 'x', 10 * kMiB);
             out << "\"}\n";
         })},
        {"HundredThousandKeysNdjson",
         "hundred-thousand-keys.ndjson",
         {":1: row: the line has an object with more than 1000 fields"},
         {},
         streamed([](std::ostream& out) {
             out << "{";
             for (int i = 0; i < 100'000; ++i) {
                 out << (i ? ", " : "") << "\"k" << i << "\": " << i;
             }
             out << "}\n";
         })},
        {"DeepLineNdjson",
         "deep.ndjson",
         {":1: row: the line nests deeper than 64 levels"},
         {},
         streamed([](std::ostream& out) {
             for (int i = 0; i < 600'000; ++i) {
                 out << R"({"a":)";
             }
             out << "1";
             repeat(out, '}', 600'000);
             out << "\n";
         })},
    };
}

const std::vector<HostileFile>& hostile_files() {
    static const std::vector<HostileFile> files = [] {
        std::vector<HostileFile> all = text_files();
        for (auto& file : test::hostile_dialect_files()) {
            all.push_back(std::move(file));
        }
        return all;
    }();
    return files;
}

class HostileInput : public ::testing::TestWithParam<HostileFile> {};

TEST_P(HostileInput, IsRefusedClearlyQuicklyInLittleMemoryAndChangesNothing) {
    const HostileFile& hostile = GetParam();
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    path input = test::source_dir() / "tests" / "data" / "hostile" / hostile.file;
    if (hostile.generate) {
        input = dir / hostile.file;
        hostile.generate(input);
    }
    ASSERT_TRUE(test::fs::exists(input)) << input;
    const std::string bytes_before = test::read_bytes(database);
    const std::string content_before = test::content_dump(database);

    std::vector<std::string> arguments = {"--db",     database.string(), "import",
                                          "salaries", input.string(),    "--quiet"};
    arguments.insert(arguments.end(), hostile.options.begin(), hostile.options.end());
    const auto outcome = test::run_process(arguments, test::kToday, kLimits);

    EXPECT_EQ(outcome.signal, 0) << "never a crash";
    EXPECT_EQ(outcome.exit_code, 1) << outcome.err.substr(0, 4000);
    EXPECT_EQ(outcome.out, "");
    EXPECT_TRUE(test::are_error_lines(outcome.err, {input.string() + ":"}));
    for (const auto& line : test::lines_of(outcome.err)) {
        EXPECT_LE(line.size(), kMaxMessageBytes) << line.substr(0, 200) << "...";
    }
    for (const auto& expected : hostile.expected) {
        const std::string wanted = expected.starts_with(":") ? input.string() + expected : expected;
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

INSTANTIATE_TEST_SUITE_P(Files, HostileInput, ::testing::ValuesIn(hostile_files()),
                         [](const auto& test_case) { return test_case.param.name; });

// Every committed hostile file has its test (a file added without one would go unchecked).
TEST(HostileInputFiles, EveryCommittedFileIsUsed) {
    std::set<std::string> used;
    for (const auto& hostile : hostile_files()) {
        used.insert(hostile.file);
    }
    for (const auto& entry :
         test::fs::directory_iterator(test::source_dir() / "tests" / "data" / "hostile")) {
        EXPECT_TRUE(used.count(entry.path().filename().string())) << entry.path();
    }
}

// SQL in names is data: with --create-roles the role is created under exactly that name, and
// every table is still there.
TEST(HostileInputNames, SqlTextInNamesIsStoredAsText) {
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const std::string role = "'; DROP TABLE roles; --";
    const std::string source = "x'); DROP TABLE sources; --";
    const std::string note = "\"; DELETE FROM salary_observations; --";
    const auto input = dir / "names.csv";
    test::write_bytes(input, "role,country,currency,amount,as_of,source,note\n\"" + role +
                                 "\",US,USD,120000,2025,\"" + source + "\",\"\"\"" +
                                 note.substr(1) + "\"\n");
    const auto tables_before = test::query(database, "SELECT name FROM sqlite_schema ORDER BY 1");
    const auto observations_before =
        test::query(database, "SELECT count(*) FROM salary_observations")[0][0];
    const auto result = test::run_binary({"--db", database.string(), "import", "salaries",
                                          input.string(), "--create-roles", "--quiet"},
                                         test::kToday);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(test::query(database, "SELECT name FROM sqlite_schema ORDER BY 1"), tables_before);
    EXPECT_EQ(test::query(database, "SELECT r.name, s.title, o.note FROM salary_observations o "
                                    "JOIN roles r ON r.id = o.role_id JOIN sources s ON s.id = "
                                    "o.source_id WHERE o.batch_id = 1"),
              (std::vector<std::vector<std::string>>{{role, source, note}}));
    EXPECT_EQ(std::stoi(test::query(database, "SELECT count(*) FROM salary_observations")[0][0]),
              std::stoi(observations_before) + 1);
    const auto shown = test::run_binary({"--db", database.string(), "role", role});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find(role), std::string::npos);
    EXPECT_EQ(test::run_binary({"--db", database.string(), "check"}).out, "ok\n");
}

} // namespace
} // namespace jobkb
