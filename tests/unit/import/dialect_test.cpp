// How text input is decoded and split: encodings (UTF-8 with or without its mark, UTF-16 with
// its mark, the ones refused by name), delimiter sniffing, decimal commas, and the format of
// standard input told by its first bytes.
#include "jobkb/error.hpp"
#include "jobkb/import/plan.hpp"
#include "jobkb/record_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace jobkb {
namespace {

struct Read {
    Dialect dialect;
    std::vector<std::size_t> lines;
    std::vector<std::vector<std::string>> rows; // names first, then each record's values
    std::string error;                          // what() when it was refused
    Hint hint;
};

Read read(const std::string& bytes, InputFormat format = InputFormat::kCsv,
          ReadOptions options = {}) {
    std::istringstream in(bytes);
    InputSource input(in, "in.csv");
    Read result;
    try {
        RecordReader reader(input, format, options);
        result.dialect = reader.dialect();
        reader.read([&](const Record& record) {
            if (result.rows.empty() && record.names) {
                result.rows.push_back(*record.names);
            }
            std::vector<std::string> values;
            for (const auto& value : record.values) {
                values.push_back(value.value_or("<null>"));
            }
            result.rows.push_back(values);
            result.lines.push_back(record.line);
        });
    } catch (const Error& error) {
        result.error = error.what();
        result.hint = error.hint();
    }
    return result;
}

// UTF-16 of ASCII text, with the byte-order mark.
std::string utf16(const std::string& text, bool little, bool mark = true) {
    std::string bytes = mark ? (little ? "\xFF\xFE" : "\xFE\xFF") : "";
    for (const char c : text) {
        bytes += little ? std::string{c, '\0'} : std::string{'\0', c};
    }
    return bytes;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(Sniffing, ChoosesTheDelimiterThatSplitsTheHeaderAndTheRecordsAlike) {
    const auto semicolons = read("role;country;amount\nData Scientist;US;\"1,5;0\"\nQA;IN;7\n");
    EXPECT_EQ(semicolons.error, "");
    EXPECT_EQ(semicolons.dialect.delimiter, ';');
    EXPECT_EQ(semicolons.dialect.format, InputFormat::kCsv);
    EXPECT_EQ(semicolons.rows, (Rows{{"role", "country", "amount"},
                                     {"Data Scientist", "US", "1,5;0"},
                                     {"QA", "IN", "7"}}));
    EXPECT_EQ(read("a|b|c\n1|2|3\n").dialect.delimiter, '|');
    const auto tabs = read("a\tb\n1\t2\n");
    EXPECT_EQ(tabs.dialect.delimiter, '\t');
    EXPECT_EQ(tabs.dialect.format, InputFormat::kTsv) << "a tab-separated .csv is TSV";
    // Commas inside quotes do not count; the header's commas against the records' decide.
    EXPECT_EQ(read("\"a,b\";c\n\"1,2\";3\n").dialect.delimiter, ';');
    EXPECT_EQ(read("role,amount\n\"x;y;z\",1\n").dialect.delimiter, ',');
    EXPECT_EQ(read("single\nvalue\n").dialect.delimiter, ',') << "nothing splits: a comma";
    EXPECT_EQ(read("a;b,c;d\n1;2,3;4\n").dialect.delimiter, ';');
}

TEST(Sniffing, AForcedDelimiterWinsAndTsvStaysTabs) {
    ReadOptions options;
    options.delimiter = ';';
    const auto forced = read("a,b;c\n1,2;3\n", InputFormat::kCsv, options);
    EXPECT_EQ(forced.dialect.delimiter, ';');
    EXPECT_EQ(forced.rows, (Rows{{"a,b", "c"}, {"1,2", "3"}}));
    EXPECT_EQ(read("a,b\tc\n1,2\t3\n", InputFormat::kTsv).dialect.delimiter, '\t');
    EXPECT_EQ(parse_delimiter("tab"), '\t');
    EXPECT_EQ(parse_delimiter("\\t"), '\t');
    EXPECT_EQ(parse_delimiter("\t"), '\t');
    EXPECT_EQ(parse_delimiter("Semicolon"), ';');
    EXPECT_EQ(parse_delimiter("|"), '|');
    EXPECT_EQ(parse_delimiter(":"), std::nullopt);
    EXPECT_EQ(parse_delimiter(",,"), std::nullopt);
    EXPECT_EQ(delimiter_name(';'), "semicolon");
}

TEST(Sniffing, TellsDecimalCommasInASemicolonFile) {
    EXPECT_TRUE(read("role;amount\nx;1.234,56\n").dialect.decimal_comma);
    EXPECT_TRUE(read("role;amount\nx;65000,5\n").dialect.decimal_comma);
    EXPECT_FALSE(read("role;amount\nx;1,234\n").dialect.decimal_comma) << "thousands";
    EXPECT_FALSE(read("role;amount\nx;1234.56\n").dialect.decimal_comma);
    EXPECT_FALSE(read("role,amount\nx,\"1,5\"\n").dialect.decimal_comma) << "commas: no guess";
}

TEST(Sniffing, TheDelimiterIsPartOfTheSettingsAsRead) {
    FileImportOptions options;
    Dialect dialect;
    EXPECT_EQ(detail::settings_fingerprint(options, dialect, 3), "format=csv;source=3")
        << "a comma CSV keeps the fingerprint imports before this one recorded";
    EXPECT_EQ(detail::settings_fingerprint(options, dialect, 3),
              detail::settings_fingerprint(options, 3));
    dialect.delimiter = ';';
    EXPECT_EQ(detail::settings_fingerprint(options, dialect, 3),
              "format=csv;delimiter=semicolon;source=3");
    dialect.format = InputFormat::kTsv;
    dialect.delimiter = '\t';
    options.format = InputFormat::kTsv;
    EXPECT_EQ(detail::settings_fingerprint(options, dialect, 3), "format=tsv;source=3");
    dialect.format = InputFormat::kXlsx;
    dialect.sheet = "Data;1%";
    EXPECT_EQ(detail::settings_fingerprint(options, dialect, 3),
              "format=xlsx;sheet=Data%3B1%25;source=3");
}

TEST(Encodings, Utf16WithItsMarkIsReadWithTheRightLines) {
    const std::string text = "role,note\r\nData Scientist,\"two\nlines\"\r\n\r\nQA,x\r\n";
    for (const bool little : {true, false}) {
        const auto read16 = read(utf16(text, little));
        EXPECT_EQ(read16.error, "");
        EXPECT_EQ(read16.dialect.encoding,
                  little ? TextEncoding::kUtf16Le : TextEncoding::kUtf16Be);
        EXPECT_EQ(read16.rows,
                  (Rows{{"role", "note"}, {"Data Scientist", "two\nlines"}, {"QA", "x"}}));
        EXPECT_EQ(read16.lines, (std::vector<std::size_t>{2, 5}));
    }
    // Beyond ASCII: é (U+00E9), € (U+20AC) and 😀 (U+1F600, a surrogate pair).
    const std::string bytes = std::string("\xFF\xFE", 2) + std::string("a\0\n\0\xE9\0\xAC\x20", 8) +
                              std::string("\x3D\xD8\x00\xDE", 4);
    const auto wide = read(bytes);
    EXPECT_EQ(wide.error, "");
    EXPECT_EQ(wide.rows, (Rows{{"a"}, {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"}}));
    // JSON too.
    const auto json = read(utf16("[{\"a\": \"1\"}]", true), InputFormat::kJson);
    EXPECT_EQ(json.rows, (Rows{{"a"}, {"1"}}));
}

TEST(Encodings, BrokenUtf16IsRefusedAtItsLine) {
    const auto odd = read(utf16("a\nb\n", true) + "x");
    EXPECT_EQ(odd.error, "in.csv:3: ends in the middle of a UTF-16 character: an odd number of "
                         "bytes (expected whole 2-byte units)");
    const auto lone = read(utf16("a\nb\n", true) + std::string("\x00\xDC", 2));
    EXPECT_EQ(lone.error, "in.csv:3: a lone UTF-16 surrogate U+DC00 (expected UTF-16 text: a low "
                          "surrogate only after a high one)");
    const auto unpaired =
        read(utf16("a\n", true) + std::string("\x00\xD8", 2) + std::string("b\0", 2));
    EXPECT_NE(unpaired.error.find("in.csv:2: a lone UTF-16 surrogate U+D800 (expected a low "
                                  "surrogate after it)"),
              std::string::npos)
        << unpaired.error;
    const auto at_end = read(utf16("a\n", true) + std::string("\x00\xD8", 2));
    EXPECT_NE(at_end.error.find("in.csv:2: a lone UTF-16 surrogate U+D800 at the end"),
              std::string::npos)
        << at_end.error;
}

TEST(Encodings, OtherEncodingsAreRefusedByTheNameTheyLookLike) {
    const auto unmarked = read(utf16("role,country\nData Scientist,US\n", true, false));
    EXPECT_EQ(unmarked.error, "in.csv:1: looks like UTF-16 (little-endian) without a byte-order "
                              "mark (expected UTF-8, or UTF-16 with a byte-order mark): convert "
                              "it from UTF-16LE to UTF-8 first");
    EXPECT_EQ(unmarked.hint.kind, HintKind::kConvertEncoding);
    EXPECT_EQ(unmarked.hint.value, "UTF-16LE");
    EXPECT_NE(read(utf16("role,country\n", false, false)).error.find("UTF-16 (big-endian)"),
              std::string::npos);
    const auto utf32 = read(std::string("\xFF\xFE\0\0a\0\0\0", 8));
    EXPECT_EQ(utf32.error, "in.csv:1: is UTF-32 (little-endian, with a byte-order mark) "
                           "(expected UTF-8, or UTF-16 with a byte-order mark): convert it from "
                           "UTF-32LE to UTF-8 first");
    EXPECT_NE(read(std::string("\0\0\xFE\xFF\0\0\0a", 8)).error.find("is UTF-32 (big-endian"),
              std::string::npos);
    EXPECT_NE(read(std::string("a\0\0\0b\0\0\0,\0\0\0c\0\0\0", 16)).error.find("UTF-32"),
              std::string::npos);
    const auto latin1 = read("role,country\nData Scientist,US\nCaf\xE9 Manager,FR\n");
    EXPECT_EQ(latin1.error, "in.csv:3: byte 0xE9 is not UTF-8: the file looks like Windows-1252 "
                            "or Latin-1 (expected UTF-8): convert it from WINDOWS-1252 to UTF-8 "
                            "first");
    EXPECT_EQ(latin1.hint.value, "WINDOWS-1252");
    EXPECT_NE(read("a,b\nx,\x93quoted text\x94\n").error.find("Windows-1252"), std::string::npos);
    // Invalid bytes that are no Windows-1252 text pass, for the field checks to name the field.
    EXPECT_EQ(read("a,b\nScienti\xFF\xFE,x\n").error, "");
    EXPECT_EQ(read("a,b\n20\xC3"
                   "25,x\n")
                  .error,
              "");
    // A UTF-8 mark is skipped, in JSON too; valid UTF-8 stays as it is.
    EXPECT_EQ(read("\xEF\xBB\xBF"
                   "a\n\xC3\xA9\n")
                  .rows,
              (Rows{{"a"}, {"\xC3\xA9"}}));
    EXPECT_EQ(read("\xEF\xBB\xBF[{\"a\": 1}]", InputFormat::kJson).rows, (Rows{{"a"}, {"1"}}));
}

TEST(Encodings, AWindows1252ByteAtAChunkBoundaryIsStillSeen) {
    // The decoder reads the first 4 KiB, then 64 KiB at a time: the byte ends one chunk, or
    // starts the next, so its neighbours are in another chunk.
    for (const std::size_t offset : {std::size_t{4095}, std::size_t{4096}, std::size_t{69631}}) {
        std::string text = "a,b\n";
        while (text.size() < offset - 1) {
            text += text.size() % 50 == 0 ? '\n' : 'x';
        }
        text += "f\xE9"
                "e,1\n";
        ASSERT_EQ(text[offset], '\xE9');
        EXPECT_NE(read(text).error.find("looks like Windows-1252"), std::string::npos) << offset;
    }
}

TEST(StandardInput, TheFormatIsToldByTheFirstBytes) {
    const auto detect = [](const std::string& bytes) {
        std::istringstream in(bytes);
        InputSource input(in, "-");
        const InputFormat format = detect_input_format(input);
        std::string rest(bytes.size() + 1, '\0');
        rest.resize(input.read(rest.data(), rest.size()));
        EXPECT_EQ(rest, bytes) << "detection consumes nothing";
        return format;
    };
    EXPECT_EQ(detect("  \n[{\"a\": 1}]"), InputFormat::kJson);
    EXPECT_EQ(detect("{\"a\": 1}\n{\"a\": 2}\n"), InputFormat::kNdjson);
    EXPECT_EQ(detect("\xEF\xBB\xBF{\"a\": 1}"), InputFormat::kNdjson);
    EXPECT_EQ(detect(utf16(" [{}]", true)), InputFormat::kJson);
    EXPECT_EQ(detect(utf16("[{}]", false)), InputFormat::kJson);
    EXPECT_EQ(detect("role,amount\n"), InputFormat::kCsv);
    EXPECT_EQ(detect(""), InputFormat::kCsv);
    EXPECT_EQ(detect(std::string("PK\x03\x04rest", 8)), InputFormat::kXlsx);
}

TEST(InputSource, PeekedBytesAreReadOnceAndHashedOnce) {
    std::istringstream in("abcdef");
    InputSource input(in, "x");
    EXPECT_EQ(input.peek(3), "abc");
    EXPECT_EQ(input.peek(10), "abcdef");
    std::string buffer(4, '\0');
    EXPECT_EQ(input.read(buffer.data(), 4), 4u);
    EXPECT_EQ(buffer, "abcd");
    EXPECT_EQ(input.peek(1), "e");
    EXPECT_EQ(input.read(buffer.data(), 4), 2u);
    EXPECT_EQ(buffer.substr(0, 2), "ef");
    EXPECT_EQ(input.read(buffer.data(), 4), 0u);
    EXPECT_EQ(input.bytes_read(), 6u);
    std::istringstream same("abcdef");
    InputSource plain(same, "y");
    plain.read(buffer.data(), 4);
    plain.read(buffer.data(), 4);
    EXPECT_EQ(input.sha256(), plain.sha256());
}

} // namespace
} // namespace jobkb
