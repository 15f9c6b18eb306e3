// Hostile encodings and workbooks: text that is not UTF-8 or is broken UTF-16, and workbooks that
// are zip bombs, truncated, incomplete, out of Excel's bounds, or attack the XML parser.
#include "reliability/hostile_files.hpp"

#include "support/fixtures.hpp"
#include "support/workbook.hpp"

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace jobkb::test {
namespace {

constexpr std::size_t kMiB = 1 << 20;
const std::string kHeader = "role,country,currency,amount,as_of\n";

std::string utf16le(const std::string& ascii) {
    std::string bytes = "\xFF\xFE";
    for (const char c : ascii) {
        bytes += std::string{c, '\0'};
    }
    return bytes;
}

Generator bytes(std::string content) {
    return [content](const std::filesystem::path& path) { write_bytes(path, content); };
}

// A workbook of one sheet whose <sheetData> holds `data`, with these shared strings.
Generator workbook(std::string data, std::vector<std::string> strings = {"role", "x"}) {
    return [data, strings](const std::filesystem::path& path) {
        write_zip(path, workbook_parts({{"Sheet1", data}}, strings));
    };
}

// A workbook with one part replaced by `size` bytes: `head`, then `fill` repeated, then `tail`.
Generator generated_part(std::string part, std::size_t size, std::string head, char fill,
                         std::string tail) {
    return [=](const std::filesystem::path& path) {
        ZipEntries parts = workbook_parts({{"Sheet1", ""}}, {"role"});
        std::erase_if(parts, [&](const auto& entry) { return entry.first == part; });
        write_zip_with_generated(
            path, parts, part, size, [&](std::size_t offset, char* buffer, std::size_t length) {
                for (std::size_t i = 0; i < length; ++i) {
                    const std::size_t at = offset + i;
                    buffer[i] = at < head.size()           ? head[at]
                                : at >= size - tail.size() ? tail[at - (size - tail.size())]
                                                           : fill;
                }
            });
    };
}

// Sets the inflated size the zip's headers give for `entry` to `claimed` (a bomb that lies).
void claim_size(const std::filesystem::path& path, const std::string& entry,
                std::uint32_t claimed) {
    std::string zip = read_bytes(path);
    const auto put = [&](std::size_t at, std::uint32_t value) {
        for (int i = 0; i < 4; ++i) {
            zip[at + static_cast<std::size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xff);
        }
    };
    const auto get = [&](std::size_t at, int width) {
        std::uint32_t value = 0;
        for (int i = width - 1; i >= 0; --i) {
            value = value << 8 | static_cast<unsigned char>(zip[at + static_cast<std::size_t>(i)]);
        }
        return value;
    };
    bool found = false;
    for (std::size_t at = zip.find("PK\x01\x02"); at != std::string::npos;
         at = zip.find("PK\x01\x02", at + 4)) {
        const std::size_t name_length = get(at + 28, 2);
        if (zip.compare(at + 46, name_length, entry) == 0) {
            put(at + 24, claimed);              // the central directory's uncompressed size
            put(get(at + 42, 4) + 22, claimed); // the local header's
            found = true;
        }
    }
    if (!found) {
        throw std::runtime_error("no entry " + entry);
    }
    write_bytes(path, zip);
}

const std::string kSheetHead = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas."
                               "openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
const std::string kSheetTail = "</sheetData></worksheet>";

} // namespace

std::vector<HostileFile> hostile_dialect_files() {
    return {
        // Encodings
        {"Latin1Csv",
         "latin1.csv",
         {":3: byte 0xE9 is not UTF-8: the file looks like Windows-1252 or Latin-1 (expected "
          "UTF-8): convert it with iconv -f WINDOWS-1252 -t UTF-8"}},
        {"Utf32Csv",
         "utf32.csv",
         {":1: is UTF-32 (little-endian, with a byte-order mark) (expected UTF-8, or UTF-16 with "
          "a byte-order mark): convert it with iconv -f UTF-32LE -t UTF-8"}},
        {"Utf16WithoutAMarkCsv",
         "utf16-no-bom.csv",
         {":1: looks like UTF-16 (little-endian) without a byte-order mark (expected UTF-8, or "
          "UTF-16 with a byte-order mark): convert it with iconv -f UTF-16LE -t UTF-8"}},
        {"Utf16OddByteCountCsv",
         "utf16-odd.csv",
         {":3: ends in the middle of a UTF-16 character: an odd number of bytes"},
         {},
         bytes(utf16le(kHeader + "Data Scientist,US,USD,120000,2025\n") + "x")},
        {"Utf16UnpairedSurrogateCsv",
         "utf16-surrogate.csv",
         {":2: a lone UTF-16 surrogate U+D800 (expected a low surrogate after it)"},
         {},
         bytes(utf16le(kHeader + "Data Scientist") + std::string("\x00\xD8", 2) +
               utf16le(",US,USD,120000,2025\n").substr(2))},
        {"Utf16LoneLowSurrogateCsv",
         "utf16-low-surrogate.csv",
         {":2: a lone UTF-16 surrogate U+DC00"},
         {},
         bytes(utf16le(kHeader) + std::string("\x00\xDC", 2))},
        // Workbooks
        {"NotAZipXlsx",
         "not-a-zip.xlsx",
         {": is not a zip archive, or only part of one (expected an Excel workbook, .xlsx)"},
         {},
         bytes(kHeader)},
        {"TruncatedZipXlsx",
         "truncated.xlsx",
         {": is not a zip archive, or only part of one"},
         {},
         [](const std::filesystem::path& path) {
             write_zip(path, workbook_parts({{"Sheet1", sheet_row(1, {"i:role"})}}));
             const std::string zip = read_bytes(path);
             write_bytes(path, zip.substr(0, zip.size() / 2));
         }},
        {"LegacyOrEncryptedXlsx",
         "encrypted.xlsx",
         {": is a legacy Excel file (.xls) or a password-protected workbook"},
         {},
         bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(4096, '\0'))},
        {"ZipWithoutAWorkbookXlsx",
         "no-workbook.xlsx",
         {": is a zip archive without a workbook (xl/workbook.xml is missing"},
         {},
         [](const std::filesystem::path& path) {
             write_zip(path, {{"readme.txt", "hello"}});
         }},
        {"MissingSharedStringXlsx",
         "missing-string.xlsx",
         {":2: cell B2: shared string 7 does not exist (expected an index below 2"},
         {},
         workbook(sheet_row(1, {"s:0"}) + sheet_row(2, {"s:1", "s:7"}))},
        {"HundredThousandColumnsXlsx",
         "hundred-thousand-columns.xlsx",
         {":1: header: more than 1000 columns in a row (expected one value per column)"},
         {},
         [](const std::filesystem::path& path) {
             std::string row = "<row r=\"1\">";
             for (int i = 0; i < 100'000; ++i) {
                 row += "<c t=\"inlineStr\"><is><t>c</t></is></c>";
             }
             write_zip(path, workbook_parts({{"Sheet1", row + "</row>"}}));
         }},
        {"CellOutOfRangeXlsx",
         "cell-out-of-range.xlsx",
         {":1: cell reference 'XFD1048577' is out of range (expected columns A to XFD and rows 1 "
          "to 1048576)"},
         {},
         workbook("<row r=\"1\"><c r=\"XFD1048577\"><v>1</v></c></row>")},
        {"CellsOutOfOrderXlsx",
         "cells-out-of-order.xlsx",
         {":2: cell A2 comes after cell C2 (expected cells in order)"},
         {},
         workbook(sheet_row(1, {"s:0"}) +
                  "<row r=\"2\"><c r=\"C2\"><v>1</v></c><c r=\"A2\"><v>2</v></c></row>")},
        {"DeeplyNestedXmlXlsx",
         "deep.xlsx",
         {":1: xl/worksheets/sheet1.xml nests deeper than 64 levels"},
         {},
         [](const std::filesystem::path& path) {
             std::string deep;
             for (int i = 0; i < 100'000; ++i) {
                 deep += "<x>";
             }
             write_zip(path,
                       workbook_parts({{"Sheet1", "<row r=\"1\"><c>" + deep + "</c></row>"}}));
         }},
        {"InvalidUtf8InXmlXlsx",
         "invalid-utf8.xlsx",
         {": xl/sharedStrings.xml is not well-formed XML at its line 2: not well-formed (invalid "
          "token)"},
         {},
         workbook(sheet_row(1, {"s:0"}), {"Scienti\xFF\xFE"})},
        {"BillionLaughsXlsx",
         "billion-laughs.xlsx",
         {": xl/sharedStrings.xml has a document type declaration (expected none"},
         {},
         [](const std::filesystem::path& path) {
             ZipEntries parts = workbook_parts({{"Sheet1", sheet_row(1, {"s:0"})}});
             std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY l0 \"ha\">";
             for (int i = 1; i < 10; ++i) {
                 laughs += "<!ENTITY l" + std::to_string(i) + " \"";
                 for (int j = 0; j < 10; ++j) {
                     laughs += "&l" + std::to_string(i - 1) + ";";
                 }
                 laughs += "\">";
             }
             laughs += "]><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                       "main\"><si><t>&l9;</t></si></sst>";
             for (auto& [name, content] : parts) {
                 if (name == "xl/sharedStrings.xml") {
                     content = laughs;
                 }
             }
             write_zip(path, parts);
         }},
        {"HugeAttributeXlsx",
         "huge-attribute.xlsx",
         {":1: xl/worksheets/sheet1.xml needs more than 32 MiB to parse (expected short tags and "
          "values)"},
         {},
         generated_part("xl/worksheets/sheet1.xml", 100 * kMiB, kSheetHead + "<row r=\"1\" x=\"",
                        'a', "\"/>" + kSheetTail)},
        {"SheetZipBombXlsx",
         "sheet-bomb.xlsx",
         {": xl/worksheets/sheet1.xml inflates to more than 512 MiB (expected a workbook of a "
          "sensible size; this looks like a zip bomb)"},
         {},
         generated_part("xl/worksheets/sheet1.xml", 600 * kMiB, kSheetHead, ' ', kSheetTail)},
        // The same bomb, its headers claiming a small size: it stops at the bound all the same.
        {"LyingSheetZipBombXlsx",
         "lying-sheet-bomb.xlsx",
         {": xl/worksheets/sheet1.xml inflates to more than 512 MiB"},
         {},
         [](const std::filesystem::path& path) {
             generated_part("xl/worksheets/sheet1.xml", 600 * kMiB, kSheetHead, ' ',
                            kSheetTail)(path);
             claim_size(path, "xl/worksheets/sheet1.xml", 4096);
         }},
        {"SharedStringsZipBombXlsx",
         "shared-strings-bomb.xlsx",
         {": xl/sharedStrings.xml inflates to more than 64 MiB"},
         {},
         generated_part("xl/sharedStrings.xml", 80 * kMiB,
                        "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/"
                        "spreadsheetml/2006/main\"><si><t>",
                        'x', "</t></si></sst>")},
        {"UnknownSheetXlsx",
         "unknown-sheet.xlsx",
         {": no sheet named 'Salaries' (expected one of: Sheet1)"},
         {"--sheet", "Salaries"},
         workbook(sheet_row(1, {"s:0"}))},
    };
}

} // namespace jobkb::test
