// read_sheet(): a worksheet's rows as records, streamed: <row r="7"> holds <c r="B7" t="s">
// cells, each with its value in <v> (or an inline string in <is>). The first row with a value is
// the header; later rows with a value are records whose line is the row's number. Cells the sheet
// leaves out are empty.
#include "jobkb/import/xlsx/cells.hpp"
#include "jobkb/import/xlsx/workbook.hpp"
#include "jobkb/import/xlsx/xml_parser.hpp"

#include <fmt/format.h>

#include <charconv>

namespace jobkb::detail::xlsx {
namespace {

class SheetHandler : public XmlHandler {
public:
    SheetHandler(const std::string& name, const SharedStrings& strings, const RecordVisitor& visit)
        : name_(name), strings_(strings), visit_(visit) {}

    // Where messages point: the row being read.
    std::string where() const { return fmt::format("{}:{}", name_, row_ == 0 ? 1 : row_); }

    void start(std::string_view name, const char** attributes) override {
        if (name == "sheetData") {
            in_data_ = true;
        } else if (!in_data_) {
            return;
        } else if (name == "row") {
            if (in_row_) {
                fail(fmt::format("a row inside row {} (expected rows side by side in "
                                 "sheetData)",
                                 row_));
            }
            start_row(attribute(attributes, "r"));
        } else if (name == "c") {
            // A cell is of the row it is in: outside one it has no row, and the row before
            // would be read again with it.
            if (!in_row_) {
                fail(row_ == 0 ? std::string("a cell before any row (expected cells inside <row>)")
                               : fmt::format("a cell outside a row, after row {} (expected cells "
                                             "inside <row>)",
                                             row_));
            }
            start_cell(attribute(attributes, "r"), attribute(attributes, "t"));
        } else if (in_cell_ && name == "v") {
            collecting_ = true;
        } else if (in_cell_ && name == "rPh") {
            ++in_phonetic_;
        } else if (in_cell_ && name == "t" && in_phonetic_ == 0) {
            collecting_ = type_ == "inlineStr";
        }
    }

    void end(std::string_view name) override {
        if (!in_data_) {
            return;
        }
        if (name == "v" || name == "t") {
            collecting_ = false;
        } else if (name == "rPh") {
            --in_phonetic_;
        } else if (name == "c" && in_cell_) {
            end_cell();
        } else if (name == "row") {
            in_row_ = false;
            end_row();
        } else if (name == "sheetData") {
            in_data_ = false;
        }
    }

    void text(std::string_view text) override {
        if (!collecting_) {
            return;
        }
        if (value_.size() + text.size() > kMaxFieldBytes) {
            fail(fmt::format("cell {}: a value is longer than {} bytes (expected short text)",
                             cell_name(), kMaxFieldBytes));
        }
        value_.append(text);
    }

private:
    [[noreturn]] void fail(const std::string& problem) const {
        fail_input(name_, row_ == 0 ? 1 : row_, problem);
    }

    std::string cell_name() const { return column_letters(column_) + std::to_string(row_); }

    void start_row(const char* number) {
        std::uint32_t row = row_ + 1;
        if (number != nullptr) {
            const auto parsed = parse_row_number(number);
            if (!parsed) {
                fail(fmt::format("row number '{}' is out of range (expected 1 to {})",
                                 std::string_view(number).substr(0, 20), kMaxRows));
            }
            row = *parsed;
        }
        if (row <= row_ || row > kMaxRows) {
            fail(fmt::format("row {} comes after row {} (expected rows in order)", row, row_));
        }
        row_ = row;
        in_row_ = true;
        next_column_ = 0;
        cells_ = 0;
        row_bytes_ = 0;
        for (auto& value : values_) {
            value.clear();
        }
    }

    void start_cell(const char* reference, const char* type) {
        std::uint32_t column = next_column_;
        if (reference != nullptr) {
            const auto parsed = parse_cell_reference(reference);
            if (!parsed) {
                fail(fmt::format("cell reference '{}' is out of range (expected columns A to "
                                 "XFD and rows 1 to {})",
                                 std::string_view(reference).substr(0, 20), kMaxRows));
            }
            if (parsed->row != row_) {
                fail(fmt::format("cell {} is in row {} (expected cells of row {})", reference,
                                 parsed->row, row_));
            }
            if (parsed->column < next_column_) {
                fail(fmt::format("cell {} comes after cell {} (expected cells in order)", reference,
                                 column_letters(next_column_ - 1) + std::to_string(row_)));
            }
            column = parsed->column;
        }
        if (column >= kMaxColumns) {
            fail(fmt::format("a cell after column XFD (expected at most {} columns)", kMaxColumns));
        }
        column_ = column;
        next_column_ = column + 1;
        type_ = type == nullptr ? "n" : type;
        in_cell_ = true;
        value_.clear();
    }

    // The cell's value as text, by its type.
    void end_cell() {
        in_cell_ = false;
        collecting_ = false;
        if (value_.empty()) {
            return; // an empty or merely formatted cell
        }
        if (type_ == "s") {
            std::size_t index = 0;
            const auto [end, error] =
                std::from_chars(value_.data(), value_.data() + value_.size(), index);
            if (error != std::errc() || end != value_.data() + value_.size() ||
                index >= strings_.size()) {
                fail(fmt::format("cell {}: shared string {} does not exist (expected an index "
                                 "below {}, the workbook's count)",
                                 cell_name(), value_.substr(0, 20), strings_.size()));
            }
            value_.assign(strings_.at(index));
        } else if (type_ == "b") {
            value_ = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
        } else if (type_ == "n") {
            value_ = number_text(value_);
        } // str (a formula's text), inlineStr, e (#N/A), d (an ISO 8601 date): as they are
        if (value_.empty()) {
            return;
        }
        if (column_ >= kMaxFields) {
            fail(fmt::format("{}: more than {} columns in a row (expected one value per column)",
                             have_header_ ? "row" : "header", kMaxFields));
        }
        row_bytes_ += value_.size();
        if (row_bytes_ > kMaxRecordBytes) {
            fail(fmt::format("{}: longer than {} bytes in all (expected short fields)",
                             have_header_ ? "row" : "header", kMaxRecordBytes));
        }
        if (values_.size() <= column_) {
            values_.resize(column_ + 1);
        }
        values_[column_].swap(value_);
        ++cells_;
    }

    void end_row() {
        if (cells_ == 0) {
            return; // a row of empty or formatted cells carries nothing
        }
        std::size_t width = values_.size();
        while (width > 0 && values_[width - 1].empty()) {
            --width;
        }
        if (!have_header_) {
            header_.assign(values_.begin(), values_.begin() + static_cast<long>(width));
            have_header_ = true;
            header_line_ = row_;
            return;
        }
        record_.line = row_;
        record_.header_line = header_line_;
        record_.names = &header_;
        record_.problem.clear();
        record_.values.resize(header_.size());
        for (std::size_t column = 0; column < header_.size(); ++column) {
            auto& value = record_.values[column];
            const std::string& cell = column < values_.size() ? values_[column] : kEmpty;
            value ? value->assign(cell) : value.emplace(cell);
        }
        if (width > header_.size()) {
            record_.problem =
                fmt::format("has a value in column {}, beyond the header's {} "
                            "(expected one value per column)",
                            column_letters(static_cast<std::uint32_t>(width - 1)), header_.size());
        }
        visit_(record_);
    }

    static inline const std::string kEmpty;

    const std::string& name_;
    const SharedStrings& strings_;
    const RecordVisitor& visit_;
    bool in_data_ = false;
    bool in_row_ = false;
    bool in_cell_ = false;
    bool collecting_ = false;
    int in_phonetic_ = 0;
    std::uint32_t row_ = 0;
    std::uint32_t column_ = 0;
    std::uint32_t next_column_ = 0;
    std::size_t cells_ = 0;
    std::size_t row_bytes_ = 0;
    std::string type_;
    std::string value_;
    std::vector<std::string> values_; // the row's cells by column; reused
    bool have_header_ = false;
    std::size_t header_line_ = 0;
    std::vector<std::string> header_;
    Record record_;
};

} // namespace

void read_sheet(ZipArchive& archive, std::uint64_t index, const std::string& entry,
                const SharedStrings& strings, const RecordVisitor& visit) {
    SheetHandler handler(archive.name(), strings, visit);
    parse_xml(archive, index, entry, kMaxSheetBytes, handler, [&] { return handler.where(); });
}

} // namespace jobkb::detail::xlsx
