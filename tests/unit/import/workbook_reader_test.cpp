// Excel workbooks read as records: cells by type, gaps, sheets by name, exact number text, the
// real BLS OEWS workbook against its CSV export, and damaged or hostile workbooks refused.
#include "jobkb/error.hpp"
#include "jobkb/import/xlsx/cells.hpp"
#include "jobkb/record_reader.hpp"

#include "support/fixtures.hpp"
#include "support/workbook.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace jobkb {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Read {
    Dialect dialect;
    std::vector<std::size_t> lines;
    Rows rows; // the header, then each record's values
    std::vector<std::string> problems;
    std::string error;
};

Read read_bytes(const std::string& bytes, ReadOptions options = {}) {
    std::istringstream in(bytes);
    InputSource input(in, "book.xlsx");
    Read result;
    try {
        RecordReader reader(input, InputFormat::kXlsx, options);
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
            result.problems.push_back(record.problem);
        });
    } catch (const Error& error) {
        result.error = error.what();
    }
    EXPECT_EQ(input.bytes_read(), bytes.size()) << "a workbook is read whole";
    return result;
}

Read read_workbook(const test::ZipEntries& parts, ReadOptions options = {}) {
    test::TempDir dir;
    test::write_zip(dir / "book.xlsx", parts);
    return read_bytes(test::read_bytes(dir / "book.xlsx"), options);
}

Read read_sheet(const std::string& sheet_data, const std::vector<std::string>& strings = {}) {
    return read_workbook(test::workbook_parts({{"Sheet1", sheet_data}}, strings));
}

TEST(WorkbookReader, ReadsCellsByTheirTypesAndFillsGaps) {
    const std::string data =
        test::sheet_row(2, {"s:0", "s:1", "i:note", "s:2"}) + // the first row with a value
        "<row r=\"3\"><c r=\"B3\" s=\"4\"/></row>" +          // formatted, empty: skipped
        "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>3</v></c><c r=\"C4\"><v>108020</v></c>"
        "<c r=\"D4\"><v>52.04</v></c></row>"
        "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><r><t>Data </t></r><r><t>Scientist</t>"
        "</r><rPh><t>phonetic</t></rPh></is></c><c r=\"B7\" t=\"b\"><v>1</v></c>"
        "<c r=\"C7\" t=\"e\"><v>#N/A</v></c><c r=\"D7\" t=\"str\"><f>A1</f><v>x&amp;y</v></c>"
        "</row>"
        "<row><c t=\"s\"><v>4</v></c><c><v>1.5E-3</v></c></row>"; // no references: row 8, A, B
    const auto result = read_sheet(data, {"role", "country", "amount", "QA Engineer", "#"});
    EXPECT_EQ(result.error, "");
    EXPECT_EQ(result.rows, (Rows{{"role", "country", "note", "amount"},
                                 {"QA Engineer", "", "108020", "52.04"},
                                 {"Data Scientist", "TRUE", "#N/A", "x&y"},
                                 {"#", "0.0015", "", ""}}));
    EXPECT_EQ(result.lines, (std::vector<std::size_t>{4, 7, 8}));
    EXPECT_EQ(result.problems, (std::vector<std::string>{"", "", ""}));
    EXPECT_EQ(result.dialect.sheet, "Sheet1");
    EXPECT_EQ(result.dialect.format, InputFormat::kXlsx);
}

TEST(WorkbookReader, AValueBeyondTheHeaderIsTheRecordsProblem) {
    const auto result = read_sheet(test::sheet_row(1, {"i:a", "i:b"}) +
                                   test::sheet_row(2, {"n:1", "n:2", "", "n:4"}));
    EXPECT_EQ(result.rows, (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(result.problems,
              (std::vector<std::string>{"has a value in column D, beyond the header's 2 "
                                        "(expected one value per column)"}));
}

TEST(WorkbookReader, ReadsTheSheetAskedForByName) {
    const auto parts = test::workbook_parts(
        {{"First", test::sheet_row(1, {"i:one"}) + test::sheet_row(2, {"n:1"})},
         {"Second Sheet", test::sheet_row(1, {"i:two"}) + test::sheet_row(2, {"n:2"})}});
    EXPECT_EQ(read_workbook(parts).rows, (Rows{{"one"}, {"1"}}));
    ReadOptions second;
    second.sheet = "second sheet";
    const auto result = read_workbook(parts, second);
    EXPECT_EQ(result.rows, (Rows{{"two"}, {"2"}}));
    EXPECT_EQ(result.dialect.sheet, "Second Sheet");
    ReadOptions missing;
    missing.sheet = "Third";
    EXPECT_EQ(read_workbook(parts, missing).error,
              "book.xlsx: no sheet named 'Third' (expected one of: First, Second Sheet)");
}

TEST(WorkbookReader, NumbersKeepTheirExactDecimalText) {
    using detail::xlsx::number_text;
    EXPECT_EQ(number_text("108020"), "108020");
    EXPECT_EQ(number_text("52.04"), "52.04");
    EXPECT_EQ(number_text("0.10"), "0.10") << "as stored";
    EXPECT_EQ(number_text("1.5E-3"), "0.0015");
    EXPECT_EQ(number_text("1.0E-3"), "0.001");
    EXPECT_EQ(number_text("-2.5e+2"), "-250");
    EXPECT_EQ(number_text("1E+20"), "100000000000000000000");
    EXPECT_EQ(number_text("123456789012345E-20"), "0.00000123456789012345");
    // Excel's 17-digit renderings name the double of the 15 digits it shows.
    EXPECT_EQ(number_text("37.659999999999997"), "37.66");
    EXPECT_EQ(number_text("1.1000000000000001"), "1.1");
    EXPECT_EQ(number_text("3.0000000000000001E-3"), "0.003");
    // Not numbers: as they are.
    EXPECT_EQ(number_text("abc"), "abc");
    EXPECT_EQ(number_text("1E+99999"), "1E+99999");
    EXPECT_EQ(number_text(""), "");
}

TEST(WorkbookReader, CellReferencesStayInExcelsBounds) {
    using detail::xlsx::parse_cell_reference;
    EXPECT_EQ(parse_cell_reference("B7")->column, 1u);
    EXPECT_EQ(parse_cell_reference("AB12")->column, 27u);
    EXPECT_EQ(parse_cell_reference("XFD1048576")->row, 1048576u);
    EXPECT_FALSE(parse_cell_reference("XFE1"));
    EXPECT_FALSE(parse_cell_reference("XFD1048577"));
    EXPECT_FALSE(parse_cell_reference("A0"));
    EXPECT_FALSE(parse_cell_reference("7"));
    EXPECT_FALSE(parse_cell_reference("AAAAA1"));
    EXPECT_EQ(detail::xlsx::column_letters(16383), "XFD");
}

TEST(WorkbookReader, RefusesDamagedWorkbooksWithOneLine) {
    EXPECT_EQ(read_bytes("role,amount\n").error,
              "book.xlsx: is not a zip archive, or only part of one (expected an Excel workbook, "
              ".xlsx)");
    EXPECT_NE(read_bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
                  .error.find("legacy Excel file (.xls) or a password-protected workbook"),
              std::string::npos);
    EXPECT_EQ(read_workbook({{"hello.txt", "hi"}}).error,
              "book.xlsx: is a zip archive without a workbook (xl/workbook.xml is missing; "
              "expected an Excel workbook, .xlsx)");
    EXPECT_EQ(read_sheet(test::sheet_row(1, {"s:5"}), {"a"}).error,
              "book.xlsx:1: cell A1: shared string 5 does not exist (expected an index below 1, "
              "the workbook's count)");
    EXPECT_EQ(read_sheet("<row r=\"3\"/><row r=\"2\"/>").error,
              "book.xlsx:3: row 2 comes after row 3 (expected rows in order)");
    EXPECT_EQ(
        read_sheet("<row r=\"1\"><c r=\"C1\"><v>1</v></c><c r=\"B1\"><v>1</v></c></row>").error,
        "book.xlsx:1: cell B1 comes after cell C1 (expected cells in order)");
    EXPECT_EQ(read_sheet("<row r=\"1\"><c r=\"XFD1048577\"><v>1</v></c></row>").error,
              "book.xlsx:1: cell reference 'XFD1048577' is out of range (expected columns A to "
              "XFD and rows 1 to 1048576)");
    // A cell after a row's end (the fuzzer's find: the row before was read twice with it).
    EXPECT_EQ(read_sheet("<row r=\"1\"><c><v>1</v></c></row><c><v>2</v></c>").error,
              "book.xlsx:1: a cell outside a row, after row 1 (expected cells inside <row>)");
    EXPECT_EQ(read_sheet("<c><v>2</v></c><row r=\"1\"/>").error,
              "book.xlsx:1: a cell before any row (expected cells inside <row>)");
    EXPECT_EQ(read_sheet("<row r=\"1\"><row r=\"2\"/></row>").error,
              "book.xlsx:1: a row inside row 1 (expected rows side by side in sheetData)");
    EXPECT_EQ(read_sheet("<row r=\"1\"><c r=\"A2\"><v>1</v></c></row>").error,
              "book.xlsx:1: cell A2 is in row 2 (expected cells of row 1)");
    const auto broken = read_sheet("<row r=\"1\"><c><v>1</v></row>");
    EXPECT_NE(broken.error.find("book.xlsx:1: xl/worksheets/sheet1.xml is not well-formed XML at "
                                "its line 2: mismatched tag"),
              std::string::npos)
        << broken.error;
}

// The real BLS OEWS national workbook (May 2023) gives the records of its CSV export: the same
// header and 1,403 rows, the same text in every cell once numbers are compared as numbers. The
// CSV is what Excel shows: thousands separators ("151,853,870") and the cell's format's decimals
// ("58.40", "0.0"); the workbook holds the values themselves (151853870, 58.4, 0).
TEST(WorkbookReader, TheOewsWorkbookReadsAsItsCsvExport) {
    const auto records = [](const std::string& file, InputFormat format) {
        std::ifstream in(test::source_dir() / "tests" / "data" / "oews" / file, std::ios::binary);
        InputSource input(in, file);
        RecordReader reader(input, format);
        Rows rows;
        reader.read([&](const Record& record) {
            if (rows.empty()) {
                rows.push_back(*record.names);
            }
            std::vector<std::string> values;
            for (const auto& value : record.values) {
                values.push_back(*value);
            }
            rows.push_back(values);
        });
        return rows;
    };
    const Rows workbook = records("national_M2023_dl.xlsx", InputFormat::kXlsx);
    const Rows csv = records("national_M2023_dl.csv", InputFormat::kCsv);
    ASSERT_EQ(workbook.size(), 1404u);
    ASSERT_EQ(csv.size(), 1404u);
    EXPECT_EQ(workbook[0], csv[0]);
    const std::regex number(R"(-?[0-9,]+(\.[0-9]+)?)");
    const auto as_number = [&](std::string text) {
        if (std::regex_match(text, number)) {
            std::erase(text, ',');
            if (text.find('.') != std::string::npos) {
                text.erase(text.find_last_not_of('0') + 1);
                if (text.back() == '.') {
                    text.pop_back();
                }
            }
        }
        return text;
    };
    std::size_t cells = 0;
    std::size_t exact = 0;
    for (std::size_t row = 1; row < workbook.size(); ++row) {
        ASSERT_EQ(workbook[row].size(), csv[row].size()) << row;
        for (std::size_t column = 0; column < csv[row].size(); ++column) {
            ++cells;
            exact += workbook[row][column] == csv[row][column] ? 1u : 0u;
            EXPECT_EQ(as_number(workbook[row][column]), as_number(csv[row][column]))
                << "row " << row + 1 << ", " << workbook[0][column];
        }
    }
    EXPECT_EQ(cells, 1403u * 32u);
    EXPECT_GT(exact, cells * 3 / 4) << "most cells are the same text as they are";
    // Data Scientists: the median the issue names, and * and # as shared strings.
    const auto scientist = std::find_if(workbook.begin(), workbook.end(),
                                        [](const auto& row) { return row[8] == "15-2051"; });
    ASSERT_NE(scientist, workbook.end());
    EXPECT_EQ((*scientist)[27], "108020") << workbook[0][27];
    EXPECT_EQ(workbook[0][27], "A_MEDIAN");
    EXPECT_EQ(
        std::count_if(workbook.begin(), workbook.end(),
                      [](const auto& row) { return row[29] == "#"; }),
        std::count_if(csv.begin(), csv.end(), [](const auto& row) { return row[29] == "#"; }));
}

} // namespace
} // namespace jobkb
