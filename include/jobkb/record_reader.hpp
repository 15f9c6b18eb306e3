#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

enum class InputFormat { kCsv, kTsv, kJson, kNdjson };

std::string_view to_string(InputFormat format); // "csv", "tsv", "json", "ndjson"
// "csv", "tsv", "json", "ndjson" (also "nl", "jsonl"), any case.
std::optional<InputFormat> parse_input_format(std::string_view name);
// By extension: .csv .tsv .tab .json .ndjson .jsonl
std::optional<InputFormat> input_format_for(const std::filesystem::path& path);

// Bytes from a stream, counted and hashed as they are read, in chunks: memory stays flat
// however large the input.
class InputSource {
public:
    InputSource(std::istream& in, std::string name);
    ~InputSource();
    InputSource(const InputSource&) = delete;
    InputSource& operator=(const InputSource&) = delete;

    std::size_t read(char* buffer, std::size_t size); // 0 at the end
    const std::string& name() const noexcept { return name_; }
    std::uint64_t bytes_read() const noexcept { return bytes_read_; }
    std::string sha256(); // of every byte read; call once, at the end

    std::function<void(std::uint64_t bytes_read)> on_progress; // after each chunk

private:
    std::istream& in_;
    std::string name_;
    std::uint64_t bytes_read_ = 0;
    struct Hash;
    std::unique_ptr<Hash> hash_;
};

// One record: a CSV/TSV row or a JSON object, with its field names and values.
struct Record {
    std::size_t line = 0;        // where it starts, 1-based
    std::size_t header_line = 0; // CSV and TSV: the line of the header; 0 otherwise
    const std::vector<std::string>* names = nullptr; // one per value
    std::vector<std::optional<std::string>> values;  // nullopt: JSON null
    std::string problem; // set when this record is malformed but the input can be read on
};

// Limits that keep hostile input bounded in time and memory. A JSON string or number counts as a
// field with its quotes and escapes as written.
inline constexpr std::size_t kMaxFieldBytes = 1 << 20;
inline constexpr std::size_t kMaxRecordBytes = 4 * kMaxFieldBytes; // a row, object or line
inline constexpr std::size_t kMaxFields = 1000;
inline constexpr int kMaxJsonDepth = 64;

// Reads every record of the input, calling visit for each, in order. CSV and TSV: a header row,
// then records (RFC 4180 quoting; CRLF, LF or CR line ends; a UTF-8 byte-order mark and blank
// lines are skipped). JSON: one array of objects. NDJSON: one object a line. Throws
// Error(kInvalidArgument, "NAME:LINE: what was wrong (expected ...)") when the input cannot be
// read any further.
void read_records(InputSource& input, InputFormat format,
                  const std::function<void(const Record&)>& visit);

} // namespace jobkb
