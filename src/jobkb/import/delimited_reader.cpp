#include "jobkb/import/readers.hpp"
#include "jobkb/import/text_input.hpp"

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

namespace jobkb::detail {
namespace {

// RFC 4180 with a configurable delimiter, one chunk at a time; or, without quoting, plain
// delimited lines in which a quote is just a character (O*NET's files).
class DelimitedReader {
public:
    DelimitedReader(TextInput& input, char delimiter, const RecordVisitor& visit,
                    bool quoting = true, std::string_view none = {})
        : input_(input), delimiter_(delimiter), visit_(visit), quoting_(quoting), none_(none) {}

    void run() {
        std::array<char, kReadChunk> buffer; // read into, so not zeroed first
        while (const std::size_t size = input_.read(buffer.data(), buffer.size())) {
            for (char c : std::string_view(buffer.data(), size)) {
                consume(c);
            }
        }
        if (state_ == State::kQuoted) {
            fail_input(input_.name(), record_line_,
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
            if (c == '"' && quoting_) {
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
            if (c == '"' && quoting_) {
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
            fail_input(input_.name(), record_line_,
                       fmt::format("{}: a field is longer than {} bytes (expected short text)",
                                   where(), kMaxFieldBytes));
        }
        // Many long fields in one row would add up: the row is bounded as a whole too.
        if (record_bytes_ >= kMaxRecordBytes) {
            fail_input(input_.name(), record_line_,
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
            fail_input(input_.name(), record_line_,
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
                if (!none_.empty() && field == none_) {
                    record_.values.emplace_back(std::nullopt);
                } else {
                    record_.values.emplace_back(std::move(field));
                }
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

    TextInput& input_;
    char delimiter_;
    const RecordVisitor& visit_;
    bool quoting_;
    std::string_view none_; // a field's text that means no value ("n/a"); empty: none
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

} // namespace

void read_delimited(TextInput& input, char delimiter, const RecordVisitor& visit) {
    DelimitedReader(input, delimiter, visit).run();
}

void read_plain_tsv(InputSource& input, const RecordVisitor& visit) {
    TextInput text(input);
    DelimitedReader(text, '\t', visit, false, "n/a").run();
}

} // namespace jobkb::detail
