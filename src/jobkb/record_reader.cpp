#include "jobkb/record_reader.hpp"

#include "jobkb/error.hpp"
#include "jobkb/sha256.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>

namespace jobkb {
namespace {

constexpr std::size_t kChunk = 1 << 16;

[[noreturn]] void fail(const InputSource& input, std::size_t line, const std::string& message) {
    throw Error(ErrorCode::kInvalidArgument, fmt::format("{}:{}: {}", input.name(), line, message));
}

// A column's name as a message shows it: on one line and short, whatever the file holds.
std::string column_label(std::string_view name, std::size_t index) {
    std::string label;
    for (char c : detail::elided(detail::trimmed(name), 80)) {
        const auto byte = static_cast<unsigned char>(c);
        label += byte < 0x20 || byte == 0x7f ? '?' : c;
    }
    return label.empty() ? fmt::format("column {}", index + 1) : label;
}

// RFC 4180 with a configurable delimiter, one chunk at a time.
class DelimitedReader {
public:
    DelimitedReader(InputSource& input, char delimiter,
                    const std::function<void(const Record&)>& visit)
        : input_(input), delimiter_(delimiter), visit_(visit) {}

    void run() {
        std::array<char, kChunk> buffer{};
        bool first_chunk = true;
        while (const std::size_t size = input_.read(buffer.data(), buffer.size())) {
            std::string_view chunk(buffer.data(), size);
            if (first_chunk && chunk.starts_with("\xEF\xBB\xBF")) {
                chunk.remove_prefix(3); // a UTF-8 byte-order mark
            }
            first_chunk = false;
            for (char c : chunk) {
                consume(c);
            }
        }
        if (state_ == State::kQuoted) {
            fail(input_, record_line_,
                 where() + ": a quoted field is never closed (expected a closing \")");
        }
        if (pending_cr_) {
            pending_cr_ = false;
        }
        if (field_started_ || !fields_.empty()) {
            end_record();
        }
    }

private:
    enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };

    void consume(char c) {
        if (pending_cr_) {
            pending_cr_ = false;
            if (c == '\n') {
                return; // the LF of a CRLF
            }
        }
        if (!field_started_ && fields_.empty() && state_ == State::kFieldStart) {
            record_line_ = line_;
        }
        switch (state_) {
        case State::kQuoted:
            if (c == '"') {
                state_ = State::kQuoteInQuoted;
            } else if (c == '\r' || c == '\n') {
                count_line(c);
                append('\n'); // line breaks inside a field read as LF, whatever the file uses
            } else {
                append(c);
            }
            return;
        case State::kQuoteInQuoted:
            if (c == '"') {
                append('"'); // a doubled quote
                state_ = State::kQuoted;
                return;
            }
            state_ = State::kUnquoted;
            if (c != delimiter_ && c != '\n' && c != '\r') {
                note(
                    "text follows a closing quote (expected the delimiter or the end of the line)");
                append(c);
                return;
            }
            break;
        case State::kFieldStart:
            if (c == '"') {
                state_ = State::kQuoted;
                field_started_ = true;
                return;
            }
            break;
        case State::kUnquoted:
            break;
        }
        if (c == delimiter_) {
            end_field();
        } else if (c == '\n' || c == '\r') {
            count_line(c);
            end_record();
        } else {
            if (c == '"') {
                note("a quote inside an unquoted field (expected the whole field in quotes, with "
                     "inner quotes doubled)");
            }
            field_started_ = true;
            state_ = State::kUnquoted;
            append(c);
        }
    }

    void count_line(char c) {
        if (c == '\n') {
            ++line_;
        } else if (c == '\r') {
            ++line_;
            pending_cr_ = true;
        }
    }

    void append(char c) {
        if (c == '\0') {
            note("contains a NUL byte (expected text)");
        }
        if (field_.size() >= kMaxFieldBytes) {
            fail(input_, record_line_,
                 fmt::format("{}: a field is longer than {} bytes (expected short text)", where(),
                             kMaxFieldBytes));
        }
        // Many long fields in one row would add up: the row is bounded as a whole too.
        if (record_bytes_ >= kMaxRecordBytes) {
            fail(input_, record_line_,
                 fmt::format("{}: longer than {} bytes in all (expected short fields)",
                             have_header_ ? "row" : "header", kMaxRecordBytes));
        }
        ++record_bytes_;
        field_.push_back(c);
    }

    // The column being read, by its header's name, for messages.
    std::string where() const {
        if (!have_header_) {
            return "header";
        }
        return fields_.size() < header_.size()
                   ? column_label(header_[fields_.size()], fields_.size())
                   : "row";
    }

    void note(const char* problem) {
        if (problem_.empty()) {
            problem_ = problem;
        }
    }

    void end_field() {
        if (fields_.size() >= kMaxFields) {
            fail(input_, record_line_,
                 fmt::format("{}: more than {} fields in a row (expected one per column)",
                             have_header_ ? "row" : "header", kMaxFields));
        }
        fields_.push_back(std::move(field_));
        field_.clear();
        field_started_ = false;
        state_ = State::kFieldStart;
    }

    void end_record() {
        const bool blank = fields_.empty() && !field_started_ && field_.empty();
        record_bytes_ = 0;
        if (blank) {
            state_ = State::kFieldStart;
            return; // blank lines carry nothing
        }
        end_field();
        if (!have_header_) {
            header_ = std::move(fields_);
            have_header_ = true;
            header_line_ = record_line_;
        } else {
            record_.line = record_line_;
            record_.header_line = header_line_;
            record_.names = &header_;
            record_.values.clear();
            for (auto& field : fields_) {
                record_.values.emplace_back(std::move(field));
            }
            record_.problem = std::move(problem_);
            if (record_.problem.empty() && fields_.size() != header_.size()) {
                record_.problem = fmt::format("has {} fields, the header has {} (expected one "
                                              "value per column)",
                                              fields_.size(), header_.size());
            }
            visit_(record_);
        }
        fields_.clear();
        problem_.clear();
    }

    InputSource& input_;
    char delimiter_;
    const std::function<void(const Record&)>& visit_;
    State state_ = State::kFieldStart;
    bool pending_cr_ = false;
    bool field_started_ = false;
    bool have_header_ = false;
    std::size_t line_ = 1;
    std::size_t record_line_ = 1;
    std::size_t header_line_ = 1;
    std::size_t record_bytes_ = 0;
    std::string field_;
    std::vector<std::string> fields_;
    std::vector<std::string> header_;
    std::string problem_;
    Record record_;
};

// A streambuf over an InputSource for the JSON parser. It can tell the line of the byte last
// handed out, so records get line numbers although the parser only pulls characters. And it
// bounds the parser's memory: nlohmann's lexer holds a whole string or number before the SAX
// handler can refuse it, so this buffer watches the tokens go by and ends the input at the first
// one longer than kMaxFieldBytes (overlong() then says why the parser saw the input end). It ends
// the input at a NUL byte too, which the parser would take for the end and ignore what follows.
class JsonInputBuffer : public std::streambuf {
public:
    explicit JsonInputBuffer(InputSource& input) : input_(input) {}

    std::size_t line() {
        const char* position = gptr();
        lines_ += static_cast<std::size_t>(std::count(counted_, position, '\n'));
        counted_ = position;
        return lines_ + 1;
    }

    bool overlong() const noexcept { return overlong_; }
    bool nul() const noexcept { return nul_; }

protected:
    int_type underflow() override {
        line(); // count what was consumed before the buffer is refilled
        const std::size_t size =
            overlong_ || nul_ ? 0 : bounded(input_.read(buffer_.data(), buffer_.size()));
        if (size == 0) {
            return traits_type::eof();
        }
        setg(buffer_.data(), buffer_.data(), buffer_.data() + size);
        counted_ = buffer_.data();
        return traits_type::to_int_type(buffer_[0]);
    }

private:
    // How much of the chunk the parser may see: all of it, unless a token grows too long in it.
    std::size_t bounded(std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) {
            const char c = buffer_[i];
            if (c == '\0') {
                nul_ = true;
                return i;
            }
            if (in_string_) {
                if (escaped_) {
                    escaped_ = false;
                } else if (c == '\\') {
                    escaped_ = true;
                } else if (c == '"') {
                    in_string_ = false;
                    token_ = 0;
                    continue;
                }
            } else if (c == '"') {
                in_string_ = true;
                token_ = 0;
                continue;
            } else if (std::string_view("{}[],: \t\r\n").find(c) != std::string_view::npos) {
                token_ = 0;
                continue;
            }
            if (++token_ > kMaxFieldBytes) {
                overlong_ = true;
                return i;
            }
        }
        return size;
    }

    InputSource& input_;
    std::array<char, kChunk> buffer_{};
    const char* counted_ = nullptr;
    std::size_t lines_ = 0;
    bool in_string_ = false;
    bool escaped_ = false;
    std::size_t token_ = 0; // bytes of the string or bare token (number, literal) being read
    bool overlong_ = false;
    bool nul_ = false;
};

// Builds records from JSON objects: top-level array items (kArray) or whole documents (kObject).
class JsonRecords : public nlohmann::json_sax<nlohmann::json> {
public:
    enum class Shape { kArray, kObject };

    JsonRecords(Shape shape, const std::function<std::size_t()>& line,
                const std::function<void(const Record&)>& visit)
        : shape_(shape), line_(line), visit_(visit) {}

    std::string fatal; // set when parsing must stop

    // The key whose value is being read, if the parser is inside a record's value.
    const std::string* field_being_read() const {
        return awaiting_value_ && !names_.empty() ? &names_.back() : nullptr;
    }

    bool null() override { return value(std::nullopt); }
    bool boolean(bool v) override { return value(std::string(v ? "true" : "false")); }
    bool number_integer(number_integer_t v) override { return value(std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return value(std::to_string(v)); }
    bool number_float(number_float_t, const string_t& text) override { return value(text); }
    bool string(string_t& v) override {
        if (v.size() > kMaxFieldBytes) {
            fatal = fmt::format("has a value longer than {} bytes (expected short text)",
                                kMaxFieldBytes);
            return false;
        }
        return value(std::move(v));
    }
    bool binary(binary_t&) override { return value(std::string()); }

    bool start_object(std::size_t) override {
        ++depth_;
        if (depth_ == record_depth()) {
            record_ = Record{};
            record_.line = line_();
            record_bytes_ = 0;
            awaiting_value_ = false;
            names_.clear();
            record_.names = &names_;
            return true;
        }
        return nested();
    }
    bool end_object() override {
        if (depth_ == record_depth()) {
            visit_(record_);
        }
        --depth_;
        return true;
    }
    bool start_array(std::size_t) override {
        ++depth_;
        if (depth_ == 1 && shape_ == Shape::kArray) {
            return true;
        }
        if (depth_ == 1) {
            fatal = "is an array (expected one object a line)";
            return false;
        }
        return nested();
    }
    bool end_array() override {
        --depth_;
        return true;
    }
    bool key(string_t& name) override {
        if (depth_ == record_depth()) {
            if (names_.size() >= kMaxFields) {
                fatal = fmt::format("has an object with more than {} fields (expected one per "
                                    "column)",
                                    kMaxFields);
                return false;
            }
            if (!count_bytes(name.size())) {
                return false;
            }
            names_.push_back(std::move(name));
            awaiting_value_ = true;
        }
        return true;
    }
    bool parse_error(std::size_t, const std::string&,
                     const nlohmann::detail::exception& error) override {
        // nlohmann's message ends with its own wording of what it expected, after the token it
        // last read, which can be long. It writes controls below 0x20 as <U+001B> but DEL as it
        // is: the message must stay one line of text.
        std::string what = error.what();
        const auto detail = what.find("parse error");
        fatal = "is not valid JSON: ";
        for (char c :
             jobkb::detail::elided(detail == std::string::npos ? what : what.substr(detail), 300)) {
            fatal += c == '\x7f' ? std::string("<U+007F>") : std::string(1, c);
        }
        return false;
    }

private:
    int record_depth() const { return shape_ == Shape::kArray ? 2 : 1; }

    // Many long values in one object would add up: a record is bounded as a whole too.
    bool count_bytes(std::size_t bytes) {
        record_bytes_ += bytes;
        if (record_bytes_ > kMaxRecordBytes) {
            fatal = fmt::format("has an object longer than {} bytes in all (expected short "
                                "fields)",
                                kMaxRecordBytes);
            return false;
        }
        return true;
    }

    bool value(std::optional<std::string> text) {
        if (depth_ == record_depth()) {
            awaiting_value_ = false;
            if (!count_bytes(text ? text->size() : 0)) {
                return false;
            }
            record_.values.push_back(std::move(text));
        } else if (depth_ < record_depth()) {
            // A scalar where an object was expected: report it as a record of its own.
            Record stray;
            stray.line = line_();
            stray.names = &names_;
            stray.problem = "is not an object (expected {\"role\": ..., \"amount\": ...})";
            visit_(stray);
        }
        return true;
    }

    bool nested() {
        if (depth_ > kMaxJsonDepth) {
            fatal =
                fmt::format("nests deeper than {} levels (expected flat objects)", kMaxJsonDepth);
            return false;
        }
        if (depth_ == record_depth() + 1) {
            awaiting_value_ = false;
            if (record_.problem.empty()) {
                record_.problem = "a field holds an object or array (expected text or a number)";
            }
            record_.values.push_back(std::nullopt); // keeps names and values aligned
        }
        if (depth_ <= record_depth()) {
            Record stray;
            stray.line = line_();
            stray.problem = "is not an object (expected {\"role\": ..., \"amount\": ...})";
            visit_(stray);
        }
        return true;
    }

    Shape shape_;
    const std::function<std::size_t()>& line_;
    const std::function<void(const Record&)>& visit_;
    int depth_ = 0;
    Record record_;
    std::vector<std::string> names_;
    std::size_t record_bytes_ = 0;
    bool awaiting_value_ = false;
};

void read_json(InputSource& input, const std::function<void(const Record&)>& visit) {
    JsonInputBuffer buffer(input);
    std::istream stream(&buffer);
    const std::function<std::size_t()> line = [&] { return buffer.line(); };
    JsonRecords records(JsonRecords::Shape::kArray, line, visit);
    bool top_level_array = false;
    // Peek at the first significant character: the input must be one array.
    while (true) {
        const int c = stream.peek();
        if (c == std::char_traits<char>::eof()) {
            fail(input, buffer.line(), "is empty (expected a JSON array of objects)");
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            stream.get();
            continue;
        }
        if (c == 0xEF) { // a UTF-8 byte-order mark
            stream.get();
            stream.get();
            stream.get();
            continue;
        }
        top_level_array = c == '[';
        break;
    }
    if (!top_level_array) {
        fail(input, buffer.line(),
             "is not a JSON array (expected [ {...}, {...} ]; for one object a line use ndjson)");
    }
    nlohmann::json::sax_parse(stream, &records, nlohmann::json::input_format_t::json, true);
    if (buffer.overlong()) {
        const std::string* field = records.field_being_read();
        fail(input, buffer.line(),
             field ? fmt::format("{}: a value is longer than {} bytes (expected short text)",
                                 column_label(*field, 0), kMaxFieldBytes)
                   : fmt::format("the input has a string or number longer than {} bytes "
                                 "(expected short text)",
                                 kMaxFieldBytes));
    }
    if (buffer.nul()) {
        fail(input, buffer.line(), "the input contains a NUL byte (expected JSON text)");
    }
    if (!records.fatal.empty()) {
        const std::string* field = records.field_being_read();
        fail(input, buffer.line(),
             (field ? column_label(*field, 0) + ": " : std::string()) + "the input " +
                 records.fatal);
    }
}

void read_ndjson(InputSource& input, const std::function<void(const Record&)>& visit) {
    std::array<char, kChunk> buffer{};
    std::string line;
    std::size_t line_number = 0;
    auto finish_line = [&] {
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) {
            line.erase(0, 3);
        }
        if (line.find_first_not_of(" \t") == std::string::npos) {
            line.clear();
            return; // blank lines carry nothing
        }
        if (line.find('\0') != std::string::npos) {
            // The parser would take it for the end of the line and ignore what follows.
            Record bad;
            bad.line = line_number;
            bad.problem = "the line contains a NUL byte (expected JSON text)";
            visit(bad);
            line.clear();
            return;
        }
        const std::function<std::size_t()> where = [&] { return line_number; };
        // Records are handed on only once the whole line has parsed.
        std::vector<Record> parsed_records;
        const std::function<void(const Record&)> keep = [&](const Record& record) {
            parsed_records.push_back(record);
        };
        JsonRecords records(JsonRecords::Shape::kObject, where, keep);
        const bool parsed = nlohmann::json::sax_parse(line, &records);
        if (parsed && records.fatal.empty()) {
            for (const auto& record : parsed_records) {
                visit(record);
            }
        } else {
            Record bad;
            bad.line = line_number;
            bad.problem =
                "the line " + (records.fatal.empty() ? "is not valid JSON" : records.fatal);
            visit(bad);
        }
        line.clear();
    };
    while (const std::size_t size = input.read(buffer.data(), buffer.size())) {
        for (char c : std::string_view(buffer.data(), size)) {
            if (c == '\n') {
                finish_line();
            } else if (line.size() >= kMaxRecordBytes) {
                fail(input, line_number + 1,
                     fmt::format("a line is longer than {} bytes (expected one short object a "
                                 "line)",
                                 kMaxRecordBytes));
            } else {
                line.push_back(c);
            }
        }
    }
    if (!line.empty()) {
        finish_line();
    }
}

} // namespace

struct InputSource::Hash {
    Sha256 sha;
};

InputSource::InputSource(std::istream& in, std::string name)
    : in_(in), name_(std::move(name)), hash_(std::make_unique<Hash>()) {}

InputSource::~InputSource() = default;

std::size_t InputSource::read(char* buffer, std::size_t size) {
    in_.read(buffer, static_cast<std::streamsize>(size));
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (got == 0 && in_.bad()) {
        throw Error(ErrorCode::kIo, name_ + ": cannot read the input");
    }
    hash_->sha.update(std::string_view(buffer, got));
    bytes_read_ += got;
    if (got > 0 && on_progress) {
        on_progress(bytes_read_);
    }
    return got;
}

std::string InputSource::sha256() { return hash_->sha.hex_digest(); }

std::string_view to_string(InputFormat format) {
    switch (format) {
    case InputFormat::kCsv:
        return "csv";
    case InputFormat::kTsv:
        return "tsv";
    case InputFormat::kJson:
        return "json";
    case InputFormat::kNdjson:
        return "ndjson";
    }
    return "csv";
}

std::optional<InputFormat> parse_input_format(std::string_view name) {
    const std::string lowered = detail::ascii_lowered(name);
    static const std::map<std::string, InputFormat, std::less<>> kNames = {
        {"csv", InputFormat::kCsv},       {"tsv", InputFormat::kTsv},
        {"tab", InputFormat::kTsv},       {"json", InputFormat::kJson},
        {"ndjson", InputFormat::kNdjson}, {"nl", InputFormat::kNdjson},
        {"jsonl", InputFormat::kNdjson}};
    const auto found = kNames.find(lowered);
    return found == kNames.end() ? std::nullopt : std::optional(found->second);
}

std::optional<InputFormat> input_format_for(const std::filesystem::path& path) {
    const std::string extension = path.extension().string();
    return extension.size() > 1 ? parse_input_format(extension.substr(1)) : std::nullopt;
}

void read_records(InputSource& input, InputFormat format,
                  const std::function<void(const Record&)>& visit) {
    switch (format) {
    case InputFormat::kCsv:
        DelimitedReader(input, ',', visit).run();
        return;
    case InputFormat::kTsv:
        DelimitedReader(input, '\t', visit).run();
        return;
    case InputFormat::kJson:
        read_json(input, visit);
        return;
    case InputFormat::kNdjson:
        read_ndjson(input, visit);
        return;
    }
}

} // namespace jobkb
