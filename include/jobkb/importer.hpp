#pragma once

#include "jobkb/database.hpp"
#include "jobkb/money.hpp"
#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jobkb {

// The fields of the salary import format, in their canonical order.
inline constexpr std::array<std::string_view, 9> kImportFields = {
    "role", "country", "currency", "amount", "period", "statistic", "as_of", "source", "note"};

struct ImportOptions {
    std::string file_name; // as given: named in messages and recorded with the batch
    InputFormat format = InputFormat::kCsv;
    std::map<std::string, std::string> mapping;   // field -> the file's column for it (--map)
    std::map<std::string, std::string> constants; // field -> a value for every row (--set)
    bool ignore_unknown = false; // columns that are no field are skipped, not errors
    std::size_t max_errors = 20; // error messages kept (and, without skip_invalid, when to stop)
    bool skip_invalid = false;   // import the valid rows, reject the others
    bool create_roles = false;   // unknown roles are added instead of rejected
    bool dry_run = false;        // validate and report, write nothing
    bool supersede = false;      // earlier batches of the same source stop counting as current
    std::optional<std::string> source; // the batch's source (title or slug); default: file name
    std::string today; // YYYY-MM-DD: as_of may not be later; empty means the system date
};

// One line of the change report: a key whose current figure the import replaces, with the
// figure before it (none for a new key) and the new one.
struct FigureChange {
    std::string role;
    std::string country_code;
    std::string statistic;
    std::string period;
    std::optional<std::int64_t> current_minor;
    std::optional<Currency> current_currency;
    std::int64_t new_minor = 0;
    Currency new_currency;
    std::int64_t new_rows = 0; // rows of this import for the key
};

struct ImportReport {
    std::int64_t batch_id = 0; // 0 when nothing was written
    bool committed = false;
    bool already_imported = false; // the same file with the same settings is batch existing_batch
    std::int64_t existing_batch = 0;
    std::int64_t existing_rejected = 0; // rows that batch rejected
    std::int64_t rows_read = 0;
    std::int64_t rows_inserted = 0;
    std::int64_t rows_unchanged = 0;
    std::int64_t rows_rejected = 0;
    std::size_t error_count = 0;
    std::vector<std::string> errors;   // "FILE:LINE: field: what was wrong (expected ...)"
    bool stopped_early = false;        // max_errors reached without skip_invalid
    std::vector<FigureChange> changes; // at most kMaxReportedChanges
    std::size_t change_count = 0;      // keys whose current figure changes
    std::vector<std::int64_t> superseded_batches;
    std::vector<std::string> created_roles;
};

inline constexpr std::size_t kMaxReportedChanges = 50;

// Called for each rejected record with the reason, so the caller can write a rejects file.
using RejectSink = std::function<void(const Record& record, const std::string& reason)>;

// Imports salary observations from the input as one batch, in one transaction, streaming.
// Every row is validated; with errors and without skip_invalid nothing is written and the
// report's errors say why. Throws Error for what stops the whole import (an unreadable input,
// a header without a required column, a database failure); the database is unchanged then too.
ImportReport import_salaries(Database& database, InputSource& input, const ImportOptions& options,
                             const RejectSink& on_reject = {});

struct ImportBatch {
    std::int64_t id = 0;
    std::string file_name;
    std::string source;
    std::string input_format;
    std::int64_t rows_read = 0;
    std::int64_t rows_inserted = 0;
    std::int64_t rows_rejected = 0;
    std::string imported_at;
    std::optional<std::int64_t> superseded_by;
    std::optional<std::string> undone_at;
    std::string sha256;
};

std::vector<ImportBatch> list_import_batches(Database& database);

// Removes a batch's observations (the latest figures fall back to what is left) and marks it
// undone; batches it superseded count as current again. Returns the observations removed.
// Throws Error(kNotFound) for an unknown batch, Error(kInvalidArgument) for one already undone.
std::int64_t undo_import_batch(Database& database, std::int64_t batch_id);

} // namespace jobkb
