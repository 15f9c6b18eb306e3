#pragma once

#include "jobkb/import.hpp"
#include "jobkb/import/batches.hpp"
#include "jobkb/import/diagnostics.hpp"
#include "jobkb/import/fields.hpp"
#include "jobkb/import/lookups.hpp"
#include "jobkb/import/plan.hpp"
#include "jobkb/import/validation.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The run every import of a file shares: one transaction; a batch with its source and settings
// fingerprint; every record read, its fields planned and their texts checked, then handed to the
// kind of import (a RowImporter) to validate and write; bounded diagnostics and rejects; the
// re-import no-op; supersede; the counts; and the dry run, which rolls it all back.
namespace jobkb::detail {

class FileImport;

// What one kind of import (salaries, roles, ...) adds to the shared run.
class RowImporter {
public:
    virtual ~RowImporter() = default;

    // The batch exists (run.batch_id(), run.batch_source()): prepare lookups and writers.
    virtual void begin(FileImport& run) = 0;
    // Validates one record whose field texts read_field_texts() accepted, adding its problems;
    // when `write`, writes the row (or keeps it for the next statement). Returns false for an
    // invalid row.
    virtual bool accept(const Record& record, FieldTexts& texts, bool write,
                        std::vector<Diagnostic>& problems) = 0;
    // Writes what is still pending; returns the rows written in all.
    virtual std::int64_t finish_rows() = 0;
    // Called once the batch is kept (not a repeat, rows written, supersede done): removes the
    // batch's rows that the base holds already and that count (the same facts from the same
    // source), returning how many. The run counts them as unchanged; with none left, it keeps
    // nothing.
    virtual std::int64_t drop_unchanged() { return 0; }
    // Called once the batch is kept (and unchanged rows dropped), before commit or the dry run's
    // rollback: the change report.
    virtual void report() = 0;

    // What the batch holds: a code of import_contents ("salaries", "roles", "exchange-rates").
    virtual std::string_view content() const { return kSalaryContent; }
    // Whether the importer reads each record's columns itself (a file with one column per
    // currency or year): then no field plan is made, and accept() gets every record with its
    // `problem`, and empty texts.
    virtual bool reads_columns() const { return false; }
    // What else decides how the file's rows become the batch's (a title mapping's digest), for
    // the settings fingerprint: the same file with other such settings is another import.
    virtual std::string settings() const { return {}; }
    // Whether every reference the importer writes is one it resolved itself (an id it looked up
    // or created, a code of a vocabulary it loaded), and it deletes nothing that is referenced
    // but salary_latest's figures (which the delete trigger hands back): then the run writes
    // with foreign-key enforcement off, which would probe each reference again (seven per salary
    // row, and a scan of salary_latest for each observation deleted). `jobkb check` proves them.
    virtual bool trusts_own_references() const { return false; }
};

class FileImport {
public:
    // Throws Error(kInvalidArgument) for unusable options (a mapping or constant naming no field
    // of `fields`, a malformed `today`). What the batch holds is the RowImporter's content().
    // `other_columns` are columns the RowImporter reads itself (a wide table's figures): a header
    // may have them without ignore_unknown.
    FileImport(Database& database, InputSource& input, const FileImportOptions& options,
               const FieldList& fields, const RejectSink& on_reject,
               std::vector<std::string> other_columns = {});

    // Imports the input as one batch through `rows`, counting into `report`. Throws InputError for
    // a header the fields cannot be read from, and Error for what else stops the import; the
    // database is unchanged then.
    void run(RowImporter& rows, FileImportReport& report);

    // The bytes the batch's SHA-256 is of, when `input` reads them through a filter (the rate
    // import blanks a preamble): the original input, read to its end by then.
    void hash_from(InputSource& original) noexcept { hashed_ = &original; }

    Database& database() noexcept { return database_; }
    const FileImportOptions& options() const noexcept { return options_; }
    // What the import's statements say they were doing when they fail: "importing FILE".
    const std::string& doing() const noexcept { return doing_; }
    // The date nothing may be later than, YYYY-MM-DD.
    const std::string& today() const noexcept { return today_; }
    std::int64_t batch_id() const noexcept { return batch_id_; }
    // The batch's source, which rows without a source of their own come from.
    std::int64_t batch_source() const noexcept { return batch_source_; }
    SourceLookup& sources() noexcept { return sources_; }

    // Marks the record's problem at `index` (of those accept() added) as being about `group`
    // (an unknown name): the run reports it once for every record that has it (RejectLog).
    void group_problem(std::size_t index, std::string group);

private:
    void visit(const Record& record, RowImporter& rows, FileImportReport& report);
    std::string default_source() const;

    Database& database_;
    InputSource& input_;
    InputSource* hashed_ = nullptr;
    const Dialect* dialect_ = nullptr; // the input's, while it is read
    const FileImportOptions& options_;
    const RejectSink& on_reject_;
    std::string doing_;
    std::string today_;
    MappingPlan plan_;
    SourceLookup sources_;
    std::int64_t batch_id_ = 0;
    std::int64_t batch_source_ = 0;
    std::vector<Diagnostic> problems_; // the record's, reused
    std::vector<std::string> groups_;  // the record's problems' groups ("" for none), reused
    FieldTexts texts_;                 // the record's, reused
    std::optional<RejectLog> rejects_; // made by run()
    NamedColumns filtered_;            // the filters' columns
};

} // namespace jobkb::detail
