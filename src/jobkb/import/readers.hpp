#pragma once

#include "jobkb/record_reader.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

// The record readers, one per family of formats, and what they share. read_records() picks one
// from the table of formats (formats.cpp); a new format is a new reader here and a row there. A
// reader streams: it reads the input in chunks, hands each record to `visit` as soon as it is
// whole, keeps no more than one record, and bounds every field and record (kMaxFieldBytes,
// kMaxRecordBytes, kMaxFields) so hostile input stays cheap.
namespace jobkb::detail {

using RecordVisitor = std::function<void(const Record&)>;

// How much of the input a reader asks for at a time.
inline constexpr std::size_t kReadChunk = 1 << 16;

// Stops reading: Error(kInvalidArgument, "NAME:LINE: message").
[[noreturn]] void fail_input(const InputSource& input, std::size_t line,
                             const std::string& message);

// A column's name as a message shows it: on one line and short, whatever the file holds
// ("column 3" for a blank name).
std::string column_label(std::string_view name, std::size_t index);

// CSV (delimiter ',') and TSV ('\t'): a header row, then records, RFC 4180 quoting.
void read_delimited(InputSource& input, char delimiter, const RecordVisitor& visit);

// Tab-separated lines without any quoting, as O*NET's text files are (a field may hold a literal
// "): a header line, then one record a line, as read_delimited() reads them otherwise (line ends,
// byte-order mark, bounds); `n/a` reads as no value (a JSON null's nullopt).
void read_plain_tsv(InputSource& input, const RecordVisitor& visit);

// JSON: one array of flat objects (with options.lists, values may be arrays of scalars).
void read_json_array(InputSource& input, const RecordVisitor& visit, const ReadOptions& options);

// NDJSON: one flat object a line (with options.lists, values may be arrays of scalars).
void read_json_lines(InputSource& input, const RecordVisitor& visit, const ReadOptions& options);

} // namespace jobkb::detail
