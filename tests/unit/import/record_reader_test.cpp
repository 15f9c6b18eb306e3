#include "jobkb/error.hpp"
#include "jobkb/record_reader.hpp"
#include "jobkb/sha256.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace jobkb {
namespace {

struct Read {
    std::vector<std::size_t> lines;
    std::vector<std::vector<std::string>> names;
    std::vector<std::vector<std::string>> values; // "<null>" for JSON null
    std::vector<std::string> problems;
};

Read read(const std::string& text, InputFormat format) {
    std::istringstream in(text);
    InputSource input(in, "input");
    Read result;
    read_records(input, format, [&](const Record& record) {
        result.lines.push_back(record.line);
        result.names.push_back(record.names ? *record.names : std::vector<std::string>{});
        std::vector<std::string> values;
        for (const auto& value : record.values) {
            values.push_back(value ? *value : "<null>");
        }
        result.values.push_back(values);
        result.problems.push_back(record.problem);
    });
    EXPECT_EQ(input.bytes_read(), text.size());
    return result;
}

std::string failure(const std::string& text, InputFormat format) {
    try {
        read(text, format);
        return "";
    } catch (const Error& error) {
        return error.what();
    }
}

TEST(CsvReader, HandlesWhatSpreadsheetsWrite) {
    const auto result = read("\xEF\xBB\xBF\r\n\r\nrole,amount,note\r\n"
                             "Data Scientist,\"10,00,000\",\"says \"\"hi\"\"\r\nand more\"\r\n"
                             "\r\nMLOps Engineer,1330539,\r\n",
                             InputFormat::kCsv);
    ASSERT_EQ(result.values.size(), 2u);
    EXPECT_EQ(result.names[0], (std::vector<std::string>{"role", "amount", "note"}));
    EXPECT_EQ(result.values[0],
              (std::vector<std::string>{"Data Scientist", "10,00,000", "says \"hi\"\nand more"}));
    EXPECT_EQ(result.values[1], (std::vector<std::string>{"MLOps Engineer", "1330539", ""}));
    EXPECT_EQ(result.lines, (std::vector<std::size_t>{4, 7}));
    EXPECT_EQ(result.problems, (std::vector<std::string>{"", ""}));
}

TEST(CsvReader, ReportsMalformedRowsAndReadsOn) {
    const auto result =
        read("a,b\n1,2,3\n1\"x,2\n\"1\"x,2\nok,\"fine\"\n1,2\0,\n", InputFormat::kCsv);
    ASSERT_EQ(result.problems.size(), 5u);
    EXPECT_NE(result.problems[0].find("has 3 fields, the header has 2"), std::string::npos);
    EXPECT_NE(result.problems[1].find("a quote inside an unquoted field"), std::string::npos);
    EXPECT_NE(result.problems[2].find("text follows a closing quote"), std::string::npos);
    EXPECT_EQ(result.problems[3], "");
    EXPECT_EQ(result.lines, (std::vector<std::size_t>{2, 3, 4, 5, 6}));
    const auto with_nul = read(std::string("a,b\n1,2\0\n", 9), InputFormat::kCsv);
    EXPECT_NE(with_nul.problems[0].find("NUL byte"), std::string::npos);
}

TEST(CsvReader, StopsOnWhatCannotBeReadOn) {
    EXPECT_EQ(failure("a,b\n1,\"never closed\n2,3\n", InputFormat::kCsv),
              "input:2: b: a quoted field is never closed (expected a closing \")");
    EXPECT_NE(failure("a\n" + std::string(kMaxFieldBytes + 10, 'x') + "\n", InputFormat::kCsv)
                  .find("input:2: a: a field is longer than"),
              std::string::npos);
    EXPECT_NE(failure(std::string(kMaxFields + 5, ',') + "\n", InputFormat::kCsv)
                  .find("more than 1000 fields"),
              std::string::npos);
}

TEST(TsvReader, UsesTabsAndTheSameQuoting) {
    const auto result = read("role\tamount\nNLP Engineer\t\"8,50,000\"\n", InputFormat::kTsv);
    ASSERT_EQ(result.values.size(), 1u);
    EXPECT_EQ(result.values[0], (std::vector<std::string>{"NLP Engineer", "8,50,000"}));
}

TEST(JsonReader, ReadsAnArrayOfObjectsWithLineNumbers) {
    const auto result = read("[\n  {\"role\": \"Data Scientist\", \"amount\": 1000000.50},\n"
                             "  {\"role\": \"NLP Engineer\", \"amount\": 850000, \"note\": null,\n"
                             "   \"remote\": true}\n]\n",
                             InputFormat::kJson);
    ASSERT_EQ(result.values.size(), 2u);
    EXPECT_EQ(result.lines, (std::vector<std::size_t>{2, 3}));
    EXPECT_EQ(result.names[1], (std::vector<std::string>{"role", "amount", "note", "remote"}));
    EXPECT_EQ(result.values[0], (std::vector<std::string>{"Data Scientist", "1000000.50"}));
    EXPECT_EQ(result.values[1],
              (std::vector<std::string>{"NLP Engineer", "850000", "<null>", "true"}));
}

TEST(JsonReader, ReportsBadItemsAndStopsOnBadJson) {
    const auto result =
        read("[{\"role\": {\"nested\": 1}, \"amount\": 5}, 7, [1], {\"role\": \"x\"}]",
             InputFormat::kJson);
    ASSERT_EQ(result.problems.size(), 4u);
    EXPECT_NE(result.problems[0].find("holds an object or array"), std::string::npos);
    EXPECT_EQ(result.values[0].size(), result.names[0].size());
    EXPECT_NE(result.problems[1].find("is not an object"), std::string::npos);
    EXPECT_NE(result.problems[2].find("is not an object"), std::string::npos);
    EXPECT_EQ(result.problems[3], "");

    EXPECT_NE(failure("{\"role\": \"x\"}", InputFormat::kJson).find("is not a JSON array"),
              std::string::npos);
    EXPECT_NE(failure("", InputFormat::kJson).find("is empty"), std::string::npos);
    EXPECT_NE(failure("[{\"role\": \"x\",}\n]", InputFormat::kJson)
                  .find("input:1: the input is not "
                        "valid JSON"),
              std::string::npos);
    EXPECT_NE(failure(std::string(100000, '[') + std::string(100000, ']'), InputFormat::kJson)
                  .find("nests deeper than 64 levels"),
              std::string::npos);
}

TEST(NdjsonReader, ReadsOneObjectALine) {
    const auto result =
        read("{\"role\": \"a\"}\n\n{\"role\": \"b\", \"amount\": 1.5}\r\nnot json\n[1]\n",
             InputFormat::kNdjson);
    ASSERT_EQ(result.values.size(), 4u);
    EXPECT_EQ(result.lines, (std::vector<std::size_t>{1, 3, 4, 5}));
    EXPECT_EQ(result.values[1], (std::vector<std::string>{"b", "1.5"}));
    EXPECT_NE(result.problems[2].find("is not valid JSON"), std::string::npos);
    EXPECT_NE(result.problems[3].find("is an array"), std::string::npos);
}

TEST(InputSource, HashesAndCountsWhatItReads) {
    const std::string text = "role,amount\nx,1\n";
    std::istringstream in(text);
    InputSource input(in, "input");
    std::uint64_t progress = 0;
    input.on_progress = [&](std::uint64_t bytes) { progress = bytes; };
    read_records(input, InputFormat::kCsv, [](const Record&) {});
    EXPECT_EQ(progress, text.size());
    EXPECT_EQ(input.sha256(), sha256_hex(text));
    EXPECT_EQ(input_format_for("x/Salaries.CSV"), InputFormat::kCsv);
    EXPECT_EQ(input_format_for("salaries.txt"), std::nullopt);
    EXPECT_EQ(input_format_for("a.jsonl"), InputFormat::kNdjson);
    EXPECT_EQ(parse_input_format("NL"), InputFormat::kNdjson);
}

TEST(InputFormats, EveryFormatsNameAndExtensionStandForIt) {
    for (const auto format :
         {InputFormat::kCsv, InputFormat::kTsv, InputFormat::kJson, InputFormat::kNdjson}) {
        const std::string name(to_string(format));
        EXPECT_EQ(parse_input_format(name), format) << name;
        EXPECT_EQ(input_format_for("dir/file." + name), format) << name;
    }
    EXPECT_EQ(to_string(InputFormat::kNdjson), "ndjson");
    EXPECT_EQ(parse_input_format("Tab"), InputFormat::kTsv);
    EXPECT_EQ(parse_input_format("JSONL"), InputFormat::kNdjson);
    EXPECT_EQ(parse_input_format(""), std::nullopt);
    EXPECT_EQ(parse_input_format("xlsx"), InputFormat::kXlsx);
    EXPECT_EQ(input_format_for("BLS/national_M2023_dl.XLSX"), InputFormat::kXlsx);
    EXPECT_EQ(parse_input_format("xls"), std::nullopt);
    EXPECT_EQ(input_format_for("README"), std::nullopt);
    EXPECT_EQ(input_format_for(".csv"), std::nullopt) << "a hidden file, no extension";
}

} // namespace
} // namespace jobkb
