#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// The formats an import reads. Adding one is adding a value here, a row in the table of formats
/// (src/jobkb/import/formats.cpp: its names, file extensions and reader) and its reader.
enum class InputFormat {
    kCsv,    ///< comma-separated values with a header row (RFC 4180 quoting)
    kTsv,    ///< tab-separated values with a header row, quoted as CSV is
    kJson,   ///< one JSON array of flat objects
    kNdjson, ///< one flat JSON object a line (also called JSON Lines)
    kXlsx,   ///< an Office Open XML workbook (Excel's .xlsx): one sheet, a header row, then rows
};

/// The format's name as settings and batches record it: "csv", "tsv", "json", "ndjson", "xlsx".
std::string_view to_string(InputFormat format);

/// The format a name stands for, in any case: "csv", "tsv" (also "tab"), "json", "ndjson" (also
/// "nl", "jsonl"), "xlsx" (also "excel"); nullopt for any other name.
std::optional<InputFormat> parse_input_format(std::string_view name);

/// The format a file name's extension stands for: .csv .tsv .tab .json .ndjson .jsonl .xlsx (any
/// case); nullopt for any other extension or none.
std::optional<InputFormat> input_format_for(const std::filesystem::path& path);

/// The delimiter a name stands for: "," ";" "|", "tab" or "\t" (a backslash and a t) or a tab
/// character, and the words "comma", "semicolon", "pipe"; nullopt for anything else.
std::optional<char> parse_delimiter(std::string_view name);

/// The delimiter as settings and messages name it: "comma", "semicolon", "tab", "pipe" (another
/// character as itself).
std::string delimiter_name(char delimiter);

/// How text input is encoded. Readers see UTF-8 whatever the file holds.
enum class TextEncoding {
    kUtf8,    ///< UTF-8, with or without a byte-order mark
    kUtf16Le, ///< UTF-16 little-endian, with its byte-order mark (transcoded while reading)
    kUtf16Be, ///< UTF-16 big-endian, with its byte-order mark (transcoded while reading)
};

/// The encoding's name: "utf-8", "utf-16le", "utf-16be".
std::string_view to_string(TextEncoding encoding);

/// What a reader may be told beyond the format.
struct ReadOptions {
    /// CSV and TSV: the delimiter to split on. None: TSV splits on tabs, and CSV sniffs it from
    /// the first records among comma, semicolon, tab and pipe.
    std::optional<char> delimiter;
    /// A workbook's sheet to read, by name; empty: the first sheet.
    std::string sheet;
    /// JSON and NDJSON: a field may hold an array of text and numbers (a list of names), handed
    /// on as its JSON text and marked in Record::lists; without it such a field is a malformed
    /// record, as any nested value is.
    bool lists = false;
};

/// How an input turned out to be written, known before its first record is read.
struct Dialect {
    /// The format as read: CSV or TSV as the delimiter says (a tab-separated file read as CSV is
    /// TSV), else the format asked for.
    InputFormat format = InputFormat::kCsv;
    char delimiter = ',';                        ///< CSV and TSV: what fields are split on
    TextEncoding encoding = TextEncoding::kUtf8; ///< text formats: how the bytes were encoded
    /// CSV and TSV: the first records hold numbers with a decimal comma (1.234,56, as Excel
    /// writes them where the comma is the decimal separator), which amounts cannot be.
    bool decimal_comma = false;
    std::string sheet; ///< a workbook: the sheet read
};

/// Bytes from a stream, counted and hashed as they are read, in chunks: memory stays flat however
/// large the input.
class InputSource {
public:
    /// Reads from `in`; `name` is how messages name the input (a path, or "-" for stdin).
    InputSource(std::istream& in, std::string name);
    /// Releases the hash state; the stream is the caller's.
    ~InputSource();
    InputSource(const InputSource&) = delete;
    InputSource& operator=(const InputSource&) = delete;

    /// Reads up to `size` bytes into `buffer`; returns how many, 0 at the end. Throws
    /// Error(kIo) when the stream fails.
    std::size_t read(char* buffer, std::size_t size);
    /// The next bytes, up to `size` of them (fewer only at the end of the input), without
    /// consuming them: read() returns them again. They count as read (bytes_read, sha256) once.
    /// Valid until the next call. Throws Error(kIo) when the stream fails.
    std::string_view peek(std::size_t size);
    /// How messages name the input.
    const std::string& name() const noexcept { return name_; }
    /// The bytes read so far.
    std::uint64_t bytes_read() const noexcept { return bytes_read_; }
    /// The SHA-256 of every byte read, as 64 hex digits; call once, at the end.
    std::string sha256();

    /// Called after each chunk with the bytes read so far (a progress bar); may be empty.
    std::function<void(std::uint64_t bytes_read)> on_progress;

private:
    std::istream& in_;
    std::string name_;
    std::uint64_t bytes_read_ = 0;
    std::string lookahead_; // peeked, not yet read
    std::size_t lookahead_used_ = 0;
    std::size_t pull(char* buffer, std::size_t size);
    struct Hash;
    std::unique_ptr<Hash> hash_;
};

/// One record: a CSV/TSV row, a sheet's row or a JSON object, with its field names and values.
struct Record {
    std::size_t line = 0;        ///< where it starts, 1-based (a sheet: its row number)
    std::size_t header_line = 0; ///< CSV, TSV, a sheet: the line of the header; 0 otherwise
    const std::vector<std::string>* names = nullptr; ///< one per value; may be null
    std::vector<std::optional<std::string>> values;  ///< nullopt: JSON null
    /// Per value, when read with ReadOptions::lists: true for a JSON array of text and numbers,
    /// whose value is then that array as compact JSON text (`["Python","SQL"]`). Empty otherwise.
    std::vector<bool> lists;
    std::string problem; ///< set when this record is malformed but the input can be read on
};

/// The longest field, in bytes. A JSON string or number counts with its quotes and escapes as
/// written. These limits keep hostile input bounded in time and memory.
inline constexpr std::size_t kMaxFieldBytes = 1 << 20;
/// The longest record (a row, an object or a line), in bytes.
inline constexpr std::size_t kMaxRecordBytes = 4 * kMaxFieldBytes;
/// The most fields a record may have.
inline constexpr std::size_t kMaxFields = 1000;
/// The deepest a JSON input may nest.
inline constexpr int kMaxJsonDepth = 64;

/// The format of an input that has no name to tell it by (standard input), from its first bytes:
/// a zip archive is a workbook (xlsx); text (UTF-8, or UTF-16 with a byte-order mark) whose first
/// character other than white space is `[` is JSON, `{` NDJSON (one object a line: a single
/// object on one line is one too), anything else CSV (its delimiter is sniffed). Consumes nothing.
/// Throws Error(kIo) when the stream fails.
InputFormat detect_input_format(InputSource& input);

/// Reads an input's records. Constructing it settles the dialect from the first bytes (and, for
/// a workbook, reads the archive's directory, its sheets and shared strings); read() then streams
/// the records. Text input is UTF-8 (a byte-order mark is skipped) or UTF-16 with its byte-order
/// mark, transcoded as it is read; other encodings are refused by the name they look like.
class RecordReader {
public:
    /// Settles the dialect. Throws Error(kInvalidArgument, "NAME:LINE: what was wrong (expected
    /// ...)") for an input that cannot be read at all: an encoding other than UTF-8 or UTF-16
    /// with a byte-order mark (with a HintKind::kConvertEncoding hint), a workbook that is no zip
    /// archive, is damaged, encrypted or too large, or has no such sheet (the message lists them).
    RecordReader(InputSource& input, InputFormat format, ReadOptions options = {});
    /// Releases the reader's buffers (and a workbook's temporary copy).
    ~RecordReader();
    RecordReader(const RecordReader&) = delete;
    RecordReader& operator=(const RecordReader&) = delete;

    /// How the input is written.
    const Dialect& dialect() const noexcept;

    /// Reads every record, calling visit for each, in order; call once. CSV and TSV: a header
    /// row, then records (RFC 4180 quoting; CRLF, LF or CR line ends; blank lines are skipped).
    /// JSON: one array of objects. NDJSON: one object a line. A workbook's sheet: its first row
    /// that has a value is the header, each later row with a value a record (its line is the
    /// row's number), cells as their text: shared and inline strings, numbers as the exact
    /// decimal text the workbook stores (an exponent written out: 1.5E-3 is 0.0015; a 17-digit
    /// rendering such as 37.659999999999997 as the shortest decimal of the same double, 37.66,
    /// which is what Excel shows), booleans TRUE and FALSE, errors as Excel shows them (`#N/A`),
    /// dates as their serial number. A
    /// malformed record that the reader can read past comes with its `problem` set. Throws
    /// Error(kInvalidArgument, "NAME:LINE: what was wrong (expected ...)") when the input cannot
    /// be read any further, and what `visit` throws.
    void read(const std::function<void(const Record&)>& visit);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Reads every record of the input in its format with the given options: RecordReader(input,
/// format, options).read(visit), with what those throw.
void read_records(InputSource& input, InputFormat format,
                  const std::function<void(const Record&)>& visit, const ReadOptions& options = {});

} // namespace jobkb
