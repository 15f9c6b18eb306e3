#pragma once

#include "jobkb/import/onet_run.hpp"
#include "jobkb/import/plan.hpp"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Reading one O*NET file as a table of checked fields, and the grouping of its rows by
// occupation, which every file but Job Zones.txt and Occupation Data.txt shares.
namespace jobkb::detail {

// A column an import reads, as O*NET names it ("O*NET-SOC Code").
struct OnetColumn {
    std::string_view name;
    bool required = true;
};

class OnetTable {
public:
    OnetTable(OnetRun& run, InputSource& input, OnetFileReport& file,
              std::span<const OnetColumn> columns);

    // Reads every line, checks its fields (UTF-8, no control characters, required ones given)
    // and calls `row` with the texts of those whose fields could be read, by column. Problems of
    // the header (a missing column) end the file's reading; a line's go to the run.
    void read(const std::function<void(const Record&, FieldTexts&)>& row);

    // A problem of the record's column (by index into the columns).
    void problem(const Record& record, std::size_t column, std::string text,
                 std::string expected = {});

    // The O*NET-SOC code of the record's first column, checked for its shape; nullopt with a
    // problem otherwise.
    std::optional<std::string> code(const Record& record, const FieldTexts& texts,
                                    std::size_t column = 0);
    // The occupation of the code, which must be one of the release's; nullptr with a problem.
    Occupation* occupation(const Record& record, const std::string& code);
    // A whole number from 1 to `max`; nullopt with a problem.
    std::optional<std::int64_t> number(const Record& record, const FieldTexts& texts,
                                       std::size_t column, std::int64_t max);

    OnetRun& run() noexcept { return run_; }
    OnetFileReport& file() noexcept { return file_; }

private:
    OnetRun& run_;
    InputSource& input_;
    OnetFileReport& file_;
    std::span<const OnetColumn> columns_;
    std::vector<FieldSpec> specs_;
    std::vector<std::string> spec_names_; // lower-case column names, which specs_ point into
    std::optional<FieldList> fields_;
    FileImportOptions options_;
    std::optional<MappingPlan> mapping_;
    ColumnPlan plan_;
    const std::vector<std::string>* planned_header_ = nullptr;
    bool header_refused_ = false;
    std::vector<Diagnostic> problems_;
    FieldTexts texts_;
};

// The rows of one occupation, gathered while a file lists them and written when it moves on to
// the next: O*NET's files list each occupation's rows together. A file that comes back to an
// occupation after others is refused (its rows could not be compared as a whole), and so is an
// occupation with more than kMaxRowsPerOccupation rows.
template <typename Row> class OccupationGroups {
public:
    // Writes one occupation's rows (all it has in the file; none for an occupation the file does
    // not list): what replaced what.
    using Write = std::function<Replaced(std::int64_t role, std::vector<Row>& rows)>;

    OccupationGroups(OnetTable& table, Write write)
        : table_(table), write_(std::move(write)), listed_(table.run().occupations.size(), false) {}

    void add(const Record& record, const std::string& code, Occupation& occupation, Row row) {
        if (&occupation != current_) {
            flush();
            if (listed_[occupation.index]) {
                table_.problem(record, 0,
                               "the rows of " + code +
                                   " come back after those of other occupations",
                               "each occupation's rows together, as O*NET lists them");
                return;
            }
            listed_[occupation.index] = true;
            current_ = &occupation;
        }
        if (rows_.size() >= kMaxRowsPerOccupation) {
            table_.problem(record, 0,
                           "more than " + std::to_string(kMaxRowsPerOccupation) + " rows for " +
                               code,
                           "at most a few hundred rows an occupation");
            return;
        }
        rows_.push_back(std::move(row));
    }

    // The last occupation's rows, then (nothing) for each occupation the file did not list.
    void finish() {
        flush();
        const auto& codes = table_.run().codes;
        for (std::size_t index = 0; index < codes.size(); ++index) {
            if (!listed_[index]) {
                current_ = &table_.run().occupations.at(codes[index]);
                flush();
            }
        }
    }

private:
    void flush() {
        if (current_ != nullptr && table_.run().writing() && current_->role_id != 0) {
            const Replaced done = write_(current_->role_id, rows_);
            table_.file().added += done.added;
            table_.file().removed += done.removed;
        }
        rows_.clear();
        current_ = nullptr;
    }

    OnetTable& table_;
    Write write_;
    std::vector<bool> listed_; // by occupation index
    Occupation* current_ = nullptr;
    std::vector<Row> rows_;
};

} // namespace jobkb::detail
