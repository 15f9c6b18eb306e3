#include "jobkb/import/readers.hpp"
#include "jobkb/import/text_input.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <istream>
#include <optional>
#include <streambuf>
#include <string>
#include <vector>

namespace jobkb::detail {
namespace {

// A streambuf over a TextInput for the JSON parser. It can tell the line of the byte last
// handed out, so records get line numbers although the parser only pulls characters. And it
// bounds the parser's memory: nlohmann's lexer holds a whole string or number before the SAX
// handler can refuse it, so this buffer watches the tokens go by and ends the input at the first
// one longer than kMaxFieldBytes (overlong() then says why the parser saw the input end). It ends
// the input at a NUL byte too, which the parser would take for the end and ignore what follows.
class JsonInputBuffer : public std::streambuf {
public:
    explicit JsonInputBuffer(TextInput& input) : input_(input) {}

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

    TextInput& input_;
    std::array<char, kReadChunk> buffer_; // read into, so not zeroed first
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

    JsonRecords(Shape shape, const std::function<std::size_t()>& line, const RecordVisitor& visit,
                bool lists)
        : shape_(shape), line_(line), visit_(visit), lists_(lists) {}

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
        if (lists_ && depth_ == record_depth() + 1 && awaiting_value_) {
            list_.emplace(); // a field's list of names
            return true;
        }
        return nested();
    }
    bool end_array() override {
        if (list_ && depth_ == record_depth() + 1) {
            std::string text = nlohmann::json(*list_).dump(
                -1, ' ', false, nlohmann::json::error_handler_t::replace);
            list_.reset();
            --depth_;
            return value(std::move(text), true);
        }
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

    bool value(std::optional<std::string> text, bool list = false) {
        if (list_ && depth_ == record_depth() + 1) {
            if (text) { // a null in a list names nothing
                if (!count_bytes(text->size())) {
                    return false;
                }
                list_->push_back(std::move(*text));
            }
            return true;
        }
        if (depth_ == record_depth()) {
            awaiting_value_ = false;
            if (!count_bytes(text ? text->size() : 0)) {
                return false;
            }
            record_.values.push_back(std::move(text));
            if (lists_) {
                record_.lists.push_back(list);
            }
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
        if (list_ && depth_ == record_depth() + 2) {
            if (record_.problem.empty()) {
                record_.problem = "a list holds an object or another list (expected text or "
                                  "numbers)";
            }
            return true;
        }
        if (depth_ == record_depth() + 1) {
            awaiting_value_ = false;
            if (record_.problem.empty()) {
                record_.problem = lists_ ? "a field holds an object (expected text, a number or "
                                           "a list of them)"
                                         : "a field holds an object or array (expected text or "
                                           "a number)";
            }
            record_.values.push_back(std::nullopt); // keeps names and values aligned
            if (lists_) {
                record_.lists.push_back(false);
            }
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
    const RecordVisitor& visit_;
    int depth_ = 0;
    Record record_;
    std::vector<std::string> names_;
    std::size_t record_bytes_ = 0;
    bool awaiting_value_ = false;
    bool lists_;                                   // arrays of scalars are values
    std::optional<std::vector<std::string>> list_; // the list being read
};

} // namespace

void read_json_array(TextInput& input, const RecordVisitor& visit, const ReadOptions& options) {
    JsonInputBuffer buffer(input);
    std::istream stream(&buffer);
    const std::function<std::size_t()> line = [&] { return buffer.line(); };
    JsonRecords records(JsonRecords::Shape::kArray, line, visit, options.lists);
    bool top_level_array = false;
    // Peek at the first significant character: the input must be one array.
    while (true) {
        const int c = stream.peek();
        if (c == std::char_traits<char>::eof()) {
            fail_input(input.name(), buffer.line(), "is empty (expected a JSON array of objects)");
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            stream.get();
            continue;
        }
        top_level_array = c == '[';
        break;
    }
    if (!top_level_array) {
        fail_input(
            input.name(), buffer.line(),
            "is not a JSON array (expected [ {...}, {...} ]; for one object a line use ndjson)");
    }
    nlohmann::json::sax_parse(stream, &records, nlohmann::json::input_format_t::json, true);
    if (buffer.overlong()) {
        const std::string* field = records.field_being_read();
        fail_input(input.name(), buffer.line(),
                   field ? fmt::format("{}: a value is longer than {} bytes (expected short text)",
                                       column_label(*field, 0), kMaxFieldBytes)
                         : fmt::format("the input has a string or number longer than {} bytes "
                                       "(expected short text)",
                                       kMaxFieldBytes));
    }
    if (buffer.nul()) {
        fail_input(input.name(), buffer.line(),
                   "the input contains a NUL byte (expected JSON text)");
    }
    if (!records.fatal.empty()) {
        const std::string* field = records.field_being_read();
        fail_input(input.name(), buffer.line(),
                   (field ? column_label(*field, 0) + ": " : std::string()) + "the input " +
                       records.fatal);
    }
}

void read_json_lines(TextInput& input, const RecordVisitor& visit, const ReadOptions& options) {
    std::array<char, kReadChunk> buffer; // read into, so not zeroed first
    std::string line;
    std::size_t line_number = 0;
    auto finish_line = [&] {
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
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
        JsonRecords records(JsonRecords::Shape::kObject, where, keep, options.lists);
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
                fail_input(
                    input.name(), line_number + 1,
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

} // namespace jobkb::detail
