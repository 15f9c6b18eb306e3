#pragma once

#include "jobkb/error.hpp"
#include "jobkb/record_reader.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

// The record readers, one per family of formats, and what they share. A RecordReader picks one
// from the table of formats (formats.cpp); a new format is a new reader here and a row there. A
// reader streams: it reads the input in chunks, hands each record to `visit` as soon as it is
// whole, keeps no more than one record, and bounds every field and record (kMaxFieldBytes,
// kMaxRecordBytes, kMaxFields) so hostile input stays cheap. Text readers read UTF-8 from a
// TextInput (text_input.hpp), which decodes what the file holds; the workbook reader reads the
// InputSource's bytes itself (xlsx/).
namespace jobkb::detail {

class TextInput;

using RecordVisitor = std::function<void(const Record&)>;

// How much of the input a reader asks for at a time.
inline constexpr std::size_t kReadChunk = 1 << 16;

// Stops reading: Error(kInvalidArgument, "NAME:LINE: message"), with a hint if one is given.
[[noreturn]] void fail_input(const std::string& name, std::size_t line, const std::string& message,
                             Hint hint = {});
[[noreturn]] void fail_input(const InputSource& input, std::size_t line,
                             const std::string& message);

// A column's name as a message shows it: on one line and short, whatever the file holds
// ("column 3" for a blank name).
std::string column_label(std::string_view name, std::size_t index);

// CSV and TSV (and ';' or '|' separated): a header row, then records, RFC 4180 quoting.
void read_delimited(TextInput& input, char delimiter, const RecordVisitor& visit);

// Tab-separated lines without any quoting, as O*NET's text files are (a field may hold a literal
// "): a header line, then one record a line, as read_delimited() reads them otherwise (decoded
// through a TextInput, line ends, bounds); `n/a` reads as no value (a JSON null's nullopt).
void read_plain_tsv(InputSource& input, const RecordVisitor& visit);

// JSON: one array of flat objects (with options.lists, values may be arrays of scalars).
void read_json_array(TextInput& input, const RecordVisitor& visit, const ReadOptions& options);

// NDJSON: one flat object a line (with options.lists, values may be arrays of scalars).
void read_json_lines(TextInput& input, const RecordVisitor& visit, const ReadOptions& options);

// What the first records of a delimited file say about how it is written (sniff.cpp).
struct SniffedDialect {
    char delimiter = ',';
    bool decimal_comma = false; // numbers such as 1.234,56 in the records
};

// The delimiter among , ; tab | that splits the header into the most fields that the records
// then have too (quotes respected), over the first records in `sample`; a comma when none splits
// it. `complete`: the sample is the whole input, so its last record is not cut short.
// `delimiter`: forced, only the decimal commas are looked for.
SniffedDialect sniff_delimited(std::string_view sample, bool complete,
                               std::optional<char> delimiter);

// A workbook's sheet, read as records (xlsx/workbook_reader.cpp).
class WorkbookReader {
public:
    virtual ~WorkbookReader() = default;
    virtual const std::string& sheet() const = 0;
    virtual void read(const RecordVisitor& visit) = 0;
};

// Reads the whole input (a zip archive), its workbook, sheet list and shared strings; throws
// Error(kInvalidArgument, "NAME: ...") for a workbook that cannot be read, or has no such sheet.
std::unique_ptr<WorkbookReader> open_workbook(InputSource& input, const std::string& sheet);

} // namespace jobkb::detail
