#pragma once

#include "jobkb/import.hpp"
#include "jobkb/import/fields.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// The mapping plan: which column of a record gives each field, from the header (matched in any
// case and spacing), the mapping (field -> column) and the constants (field -> one value for every
// row); and the settings fingerprint that tells one import of a file from another.
namespace jobkb::detail {

// Where each field's text comes from for records with one header.
struct ColumnPlan {
    std::vector<int> column;          // per field: the record's column, or -1 for none
    std::vector<Diagnostic> problems; // the header's (field "header"), without file and line
};

class MappingPlan {
public:
    // Throws Error(kInvalidArgument) when the mapping or the constants name no field.
    // `other_columns` are read by something else (a filter, a wide table's figures): never
    // unknown columns.
    MappingPlan(const FieldList& fields, const FileImportOptions& options,
                std::vector<std::string> other_columns = {});

    const FieldList& fields() const noexcept { return fields_; }

    // The plan for the record's header. CSV and TSV rows share one header, planned once: its
    // problems throw InputError, once, for the whole file. JSON objects are planned again when
    // their keys differ, and their problems are the record's.
    const ColumnPlan& plan_for(const Record& record);

    // The field's constant, if the options give it one.
    const std::optional<std::string>& constant(std::size_t field) const {
        return constants_[field];
    }

private:
    void plan(const std::vector<std::string>& names);

    // By value: a FieldList is a view of a static table, and a caller may pass a temporary.
    FieldList fields_;
    const FileImportOptions& options_;
    std::vector<std::pair<std::size_t, std::string>> mapping_; // field, normalized column
    std::vector<bool> mapped_;                                 // per field: has a mapping
    std::vector<std::optional<std::string>> constants_;        // per field
    std::vector<std::string> other_columns_;                   // normalized

    const std::vector<std::string>* planned_names_ = nullptr;
    std::vector<std::string> planned_copy_;
    ColumnPlan plan_;
};

// The cells of some named columns (a filter's, a wide table's) in each record. A CSV, TSV or
// sheet header is searched once (any case, spaces around), and one without a column is refused
// (InputError naming the column and the header's columns); a JSON object is searched each
// record, and a key it lacks is a missing cell.
class NamedColumns {
public:
    // `purpose` says what the columns are for: "to filter on".
    NamedColumns(std::vector<std::string> columns, std::string purpose, std::string file_name);

    // Per column, the record's cell (nullptr when it has none, or holds JSON null).
    const std::vector<const std::string*>& cells(const Record& record);

    bool empty() const noexcept { return columns_.empty(); }

private:
    std::vector<std::string> columns_; // normalized
    std::vector<std::string> given_;   // as given
    std::string purpose_;
    std::string file_name_;
    const std::vector<std::string>* planned_names_ = nullptr;
    std::vector<std::string> planned_copy_;
    std::vector<int> index_; // per column, in the planned header
    std::vector<const std::string*> cells_;
};

// What decides how the file's bytes become rows: the same file with the same settings is the
// same import. Columns compare as headers do (case and spaces aside); mapping a field to its own
// name is no mapping; the source counts by identity (its id), not spelling.
// "format=csv;map:role=job_title;set:statistic=point;source=3". The dialect the reader settled
// counts as read, not as asked for: a delimiter other than the format's own ("format=csv;
// delimiter=semicolon"; a tab-separated .csv is "format=tsv"), a workbook's sheet
// ("format=xlsx;sheet=Data"); the encoding does not (the bytes differ anyway). Batches store it:
// the text must not change for the same settings, or files imported before would import again.
// No source id (the source is the file's name, as no --source gave one) is "source=file": the
// same bytes under another name, or on standard input, are the same import. Batches before
// that recorded the file's source id (FileImport looks for both).
std::string settings_fingerprint(const FileImportOptions& options, const Dialect& dialect,
                                 std::optional<std::int64_t> source_id);
// The same, for the format's own dialect (a comma for CSV, a tab for TSV, the first sheet).
std::string settings_fingerprint(const FileImportOptions& options,
                                 std::optional<std::int64_t> source_id);

} // namespace jobkb::detail
