#include "reader_fuzz.hpp"

#include "fuzz_support.hpp"

#include <fmt/format.h>

#include <sstream>

namespace jobkb::fuzz {

int fuzz_reader(std::string_view bytes, InputFormat format, const ReadOptions& options) {
    const std::string name = "fuzz." + std::string(to_string(format));
    std::istringstream stream{std::string(bytes)};
    InputSource input(stream, name);
    std::size_t records = 0;
    std::size_t last_line = 0;
    const auto refusal = refusal_of(
        [&] {
            RecordReader reader(input, format, options);
            const Dialect& dialect = reader.dialect();
            if (format == InputFormat::kCsv || format == InputFormat::kTsv) {
                if (dialect.format != InputFormat::kCsv && dialect.format != InputFormat::kTsv) {
                    fail("a delimited file read as another format", bytes);
                }
                if (options.delimiter && dialect.delimiter != *options.delimiter) {
                    fail("the delimiter asked for was not used", bytes);
                }
            }
            reader.read([&](const Record& record) {
                ++records;
                if (record.line == 0) {
                    fail("a record without a line", bytes);
                }
                if (format != InputFormat::kJson && format != InputFormat::kNdjson &&
                    record.line <= last_line) {
                    fail(fmt::format("record lines out of order: {} after {}", record.line,
                                     last_line),
                         bytes);
                }
                last_line = record.line;
                if (record.values.size() > kMaxFields) {
                    fail("a record with more than kMaxFields values", bytes);
                }
                const bool tabular = format != InputFormat::kJson && format != InputFormat::kNdjson;
                if (tabular && record.problem.empty() &&
                    (!record.names || record.names->size() != record.values.size())) {
                    fail("a well-formed row without one name per value", bytes);
                }
                std::size_t total = 0;
                for (const auto& value : record.values) {
                    const std::size_t size = value ? value->size() : 0;
                    total += size;
                    if (size > kMaxFieldBytes) {
                        fail("a value longer than kMaxFieldBytes", bytes);
                    }
                }
                if (total > kMaxRecordBytes + kMaxFields) {
                    fail("a record longer than kMaxRecordBytes", bytes);
                }
            });
        },
        bytes);
    if (refusal) {
        if (refusal->code() != ErrorCode::kInvalidArgument && refusal->code() != ErrorCode::kIo) {
            fail(fmt::format("refused with error code {}: {}", static_cast<int>(refusal->code()),
                             escaped(refusal->what())),
                 bytes);
        }
        const std::string message = refusal->what();
        if (!message.starts_with(name + ":") || has_control_characters(message) ||
            message.size() > 4096) {
            fail("a refusal that is not one short line naming the input: " + escaped(message),
                 bytes);
        }
    } else if (input.bytes_read() != bytes.size()) {
        fail(fmt::format("read {} of {} bytes without a refusal", input.bytes_read(), bytes.size()),
             bytes);
    }
    return 0;
}

} // namespace jobkb::fuzz
