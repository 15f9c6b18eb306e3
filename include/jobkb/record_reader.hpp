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
};

/// The format's name as settings and batches record it: "csv", "tsv", "json", "ndjson".
std::string_view to_string(InputFormat format);

/// The format a name stands for, in any case: "csv", "tsv" (also "tab"), "json", "ndjson" (also
/// "nl", "jsonl"); nullopt for any other name.
std::optional<InputFormat> parse_input_format(std::string_view name);

/// The format a file name's extension stands for: .csv .tsv .tab .json .ndjson .jsonl (any case);
/// nullopt for any other extension or none.
std::optional<InputFormat> input_format_for(const std::filesystem::path& path);

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
    struct Hash;
    std::unique_ptr<Hash> hash_;
};

/// One record: a CSV/TSV row or a JSON object, with its field names and values.
struct Record {
    std::size_t line = 0;        ///< where it starts, 1-based
    std::size_t header_line = 0; ///< CSV and TSV: the line of the header; 0 otherwise
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

/// How read_records() reads what the formats leave open.
struct ReadOptions {
    /// JSON and NDJSON: a field may hold an array of text and numbers (a list of names), handed
    /// on as its JSON text and marked in Record::lists; without it such a field is a malformed
    /// record, as any nested value is.
    bool lists = false;
};

/// Reads every record of the input, calling visit for each, in order. CSV and TSV: a header row,
/// then records (RFC 4180 quoting; CRLF, LF or CR line ends; a UTF-8 byte-order mark and blank
/// lines are skipped). JSON: one array of objects. NDJSON: one object a line. A malformed record
/// that the reader can read past comes with its `problem` set. Throws
/// Error(kInvalidArgument, "NAME:LINE: what was wrong (expected ...)") when the input cannot be
/// read any further, and what `visit` throws.
void read_records(InputSource& input, InputFormat format,
                  const std::function<void(const Record&)>& visit, const ReadOptions& options = {});

} // namespace jobkb
