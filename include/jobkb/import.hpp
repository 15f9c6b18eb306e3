#pragma once

#include "jobkb/database.hpp"
#include "jobkb/error.hpp"
#include "jobkb/money.hpp"
#include "jobkb/record_reader.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jobkb {

/// The fields of the salary import format, in their canonical order (the order an export writes
/// them in). Required: role, country, currency, amount, as_of. The qualifier (exact, at_least,
/// at_most, approximate; default exact) came next, then the survey dimensions, all optional:
/// `level` (entry, mid, senior, executive; EN, MI, SE, EX), `employment` (full-time, part-time,
/// contract, freelance; FT, PT, CT, FL), `work_setting` (on-site, hybrid, remote, or the remote
/// ratio 0, 50, 100) and `company_size` (small, medium, large; S, M, L); then `area`, a place in
/// the row's country (a state, province, metro area or city) by its name or code ("Alabama",
/// `US-AL`). Each came last, so the earlier columns keep their positions.
inline constexpr std::array<std::string_view, 15> kImportFields = {
    "role",      "country",    "currency",     "amount",       "period",
    "statistic", "as_of",      "source",       "note",         "qualifier",
    "level",     "employment", "work_setting", "company_size", "area"};

/// Fields a salary import reads besides kImportFields (never exported): `code`, an occupation
/// code (SOC 2018 15-2051 or O*NET-SOC 15-2051.00) that finds the role by its code; `area_code`,
/// the area's code (ISO 3166-2 `US-AL` or the publisher's, BLS metro `10180`) for files that give
/// the area's name and code, which finds the area by its code; `area_kind`, the kind of an area
/// the import creates (ImportOptions::create_areas; default metro).
inline constexpr std::array<std::string_view, 3> kImportLookupFields = {"code", "area_code",
                                                                        "area_kind"};

/// One problem found in the input: a field of a record that is not what it should be, or a header
/// column. The parts let a front end word the hint its own way (see describe()).
struct Diagnostic {
    std::string file;     ///< the input as the caller named it (ImportOptions::file_name)
    std::size_t line = 0; ///< the record's line (a header's, for header problems), 1-based
    std::string field;    ///< the field ("amount"), or "header" or "row" for the whole record
    std::string problem;  ///< what was wrong: "unknown period 'week'"
    std::string expected; ///< what was expected instead: "year, month or hour"; may be empty
    Hint hint;            ///< what the user could do about it; often none
};

/// How a front end words a hint; describe_hint() is the library's own wording.
using HintWording = std::function<std::string(const Hint&)>;

/// The diagnostic as one line, `FILE:LINE: field: problem (expected ...; HINT)`, with the hint
/// worded by `word_hint`. Line breaks and other control characters it quotes from the file are
/// escaped, and a long one is shortened, so the message stays one line.
std::string describe(const Diagnostic& diagnostic, const HintWording& word_hint = describe_hint);

/// The diagnostic of a problem that `rows` records have (a name the base does not know, reported
/// once for all the rows that carry it), as one line: `FILE:LINE: field: problem (in 12 rows, the
/// first at line LINE; expected ...; HINT)`; with rows 1 the same as describe(diagnostic).
std::string describe(const Diagnostic& diagnostic, std::size_t rows,
                     const HintWording& word_hint = describe_hint);

/// Diagnostics of one place (one header) as one line: `FILE:LINE: field: problem (expected ...;
/// HINT); problem (...)`, the location taken from the first. Empty for none.
std::string describe(std::span<const Diagnostic> diagnostics,
                     const HintWording& word_hint = describe_hint);

/// The diagnostic without its location and as the file held the text:
/// `field: problem (expected ...; HINT)`, for a rejects file beside the record itself.
std::string describe_reason(const Diagnostic& diagnostic,
                            const HintWording& word_hint = describe_hint);

/// An input refused as a whole, with a diagnostic for each of its problems: a CSV or TSV header
/// that the fields cannot be read from. what() words the hints as the library does; a front end
/// words them its own way from diagnostics().
class InputError : public Error {
public:
    /// An error made of these diagnostics (at least one, all about one place).
    explicit InputError(std::vector<Diagnostic> diagnostics);
    /// The problems, in the order they were found.
    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// Called for each rejected record with its problems (each with file and line), so that the
/// caller can write a rejects file.
using RejectSink =
    std::function<void(const Record& record, const std::vector<Diagnostic>& problems)>;

/// A row filter of an import (FileImportOptions::filters): a record is kept when its `column`
/// holds `value` (or, with `equal` false, does not), compared after trimming, in any letter case.
struct RowFilter {
    std::string column; ///< as the header names it (any case and spacing)
    std::string value;  ///< the text compared with the cell
    bool equal = true;  ///< true: keep rows whose cell is value; false: rows whose cell is not
};

/// The options of any import of a file as one batch: how the file's columns become fields, what to
/// do with invalid rows, and where the batch comes from.
struct FileImportOptions {
    std::string file_name; ///< as given: named in messages and recorded with the batch
    InputFormat format = InputFormat::kCsv; ///< how to read the input
    ReadOptions reading; ///< the delimiter or the sheet, where the format has one
    std::map<std::string, std::string> mapping;   ///< field -> the file's column for it
    std::map<std::string, std::string> constants; ///< field -> a value for every row
    bool ignore_unknown = false; ///< columns that are no field are skipped, not errors
    std::size_t max_errors = 20; ///< diagnostics kept (and, without skip_invalid, when to stop)
    bool skip_invalid = false;   ///< import the valid rows, reject the others
    bool dry_run = false;        ///< validate and report, write nothing
    bool supersede = false;      ///< earlier batches of the same source stop counting as current
    std::optional<std::string> source; ///< the batch's source (title or slug); default: file name
    std::string today; ///< YYYY-MM-DD: dates may not be later; empty means the system date
    /// Rows kept: only records whose columns pass every filter (all of them) are imported; the
    /// others are counted (FileImportReport::rows_filtered). A filter's column must be in the
    /// header.
    std::vector<RowFilter> filters;
};

/// One line of a title mapping (ImportOptions::role_titles, read_title_mapping()): the rows of a
/// salary import whose role is `title` are figures of `role`.
struct TitleMapping {
    std::string title;    ///< as the salary file writes it; matched in any letter case
    std::string role;     ///< the role: its name, slug, alias, code, or a title of it alone
    std::size_t line = 0; ///< its line in the mapping file (0 when it comes from no file)
};

/// One column of a wide table (ImportOptions::columns): each filled cell of `column` is one
/// figure of this statistic and period.
struct FigureColumn {
    std::string column;    ///< as the header names it (any case and spacing)
    std::string statistic; ///< a statistic of the base, or a spelling of one ("mean", "p50")
    std::string period;    ///< a period of the base, or a spelling of one ("yearly", "hourly")
};

/// A cell text that stands for a bound (ImportOptions::top_codes): BLS's `#`, "at or above the
/// top code", is at least 239,200 a year and at least 115.00 an hour.
struct TopCode {
    std::string text;   ///< the cell's text, exactly (after trimming)
    std::string amount; ///< the bound, in the row's currency, as an amount is written
    std::string period; ///< the period the bound is for: a cell of another period is no match
};

/// The options of a salary import.
struct ImportOptions : FileImportOptions {
    bool create_roles = false; ///< unknown roles are added instead of rejected
    /// Unknown areas are added (with the row's area_code, if any, and area_kind, default metro)
    /// under the row's country instead of rejected, recorded with the batch (undo removes them).
    bool create_areas = false;
    /// A row without a currency (no currency column, or an empty cell) takes its country's
    /// currency instead of being rejected.
    bool currency_from_country = false;
    /// Titles mapped to roles for this import: a row's role is looked up here first. A mapped
    /// title the base does not know (or that names several roles) is recorded as a title of its
    /// role ('user', with the batch, so undo takes it back). The mapping is part of the settings,
    /// so the same file with the same mapping imports once.
    std::vector<TitleMapping> role_titles;
    /// A wide table: with columns, every filled cell of each is one figure of the column's
    /// statistic and period (the row's other fields as without them; the file needs no amount,
    /// statistic or period column). Part of the settings.
    std::vector<FigureColumn> columns;
    /// With columns: cell texts that are no figure (matched exactly, after trimming): skipped and
    /// counted per column (ImportReport::placeholder_cells). None given means the default: empty,
    /// `*`, `n/a`, `N/A` and `-`.
    std::vector<std::string> placeholders;
    /// Cell texts stored as bounds: a cell (of a wide column, or the amount) of the top code's
    /// text and period is the figure "at least" its amount. Part of the settings.
    std::vector<TopCode> top_codes;
    /// Figures are checked for plausibility: converted to a year (an hour is 2,080 of them, a
    /// month 12), each must lie within 1,000 to 10^12 major units of its currency, and a published
    /// figure (any statistic but `point`) must be within 10 times of the current figure of its key
    /// in the same currency; a row that fails is invalid (field `amount`, or the wide column),
    /// naming the figure and the bound (HintKind::kScaleAmounts below the range, else
    /// HintKind::kAllowOutliers). With allow_outliers neither is checked.
    bool allow_outliers = false;
    /// Every amount of the file (and of the wide columns' cells) is multiplied by this, exactly: a
    /// power of ten (1, 10, 100, ... 10^18), so `scale` 1000 reads a column in thousands. Top
    /// codes' amounts are not scaled (they are written in the currency). Part of the settings.
    std::int64_t scale = 1;
};

/// Rows of one country in a currency that is neither the country's own nor a common reporting
/// currency (USD, EUR, GBP): worth a look, not an error (a survey may pay in a neighbour's
/// currency, or a column may be shifted).
struct CurrencyRemark {
    std::string country_code;     ///< ISO 3166-1 alpha-2
    std::string currency;         ///< the rows' currency
    std::string country_currency; ///< the country's own; empty when it has none
    std::int64_t rows = 0;        ///< rows of this import with this country and currency
};

/// What read_title_mapping() found.
struct TitleMappingFile {
    std::vector<TitleMapping> mappings; ///< in the file's order, each title once
    std::size_t error_count = 0;        ///< problems found
    std::vector<Diagnostic> errors;     ///< the first max_errors problems, with file and line
};

/// Reads and checks a title mapping (for ImportOptions::role_titles): CSV with a header naming
/// the columns `title` and `role` (in any case and order), then one title a line. Every role must
/// name a known role, as names are looked up everywhere (an unknown one comes with suggestions;
/// a title of several roles is ambiguous); a title mapped twice to different roles, an empty
/// field, text that is not UTF-8 or holds control characters are problems too, each
/// `FILE:LINE: field: ...`; at most 100,000 titles. Writes nothing. Throws InputError for a header
/// that does not name the two columns, Error(kInvalidArgument) for an input that cannot be read
/// as CSV any further or holds no titles, and Error when SQLite fails.
TitleMappingFile read_title_mapping(Database& database, InputSource& input,
                                    const std::string& file_name, std::size_t max_errors = 20);

/// What one line of the change report says about its key.
enum class ChangeKind {
    kCurrent,    ///< the import's figure becomes current (current_*: the one before, if any)
    kNotCurrent, ///< the import's figure in another currency than the one that becomes current
    kReverts,    ///< superseded: the key falls back to an older figure (new_*: that figure)
    kRetired,    ///< superseded: the key has no current figure left (no new_*)
};

/// One line of the change report: a key whose current figure the import replaces, with the figure
/// before it (none for a new key) and the new one; or, with supersede, a key of a superseded
/// batch whose figure stops being current. Figures of two currencies are two lines.
struct FigureChange {
    std::string role;         ///< the role's name
    std::string country_code; ///< ISO 3166-1 alpha-2
    std::string statistic;    ///< "average", "median", ...
    std::string period;       ///< "year", "month" or "hour"
    /// The key's dimensions as salary_latest keys them: "" for none, else `NAME=VALUE;` pairs
    /// ("level=senior;employment=full-time;").
    std::string dimensions;
    ChangeKind kind = ChangeKind::kCurrent;    ///< what the line says
    std::optional<std::int64_t> current_minor; ///< the figure before; none for a new key
    std::optional<Currency> current_currency;  ///< its currency; none for a new key
    std::string current_qualifier;             ///< its qualifier (exact, at_least, ...)
    std::int64_t new_minor = 0;                ///< the figure now current (none for kRetired)
    Currency new_currency;                     ///< its currency
    std::string new_qualifier = "exact";       ///< its qualifier
    std::int64_t new_rows = 0;                 ///< rows of this import for the key (and currency)
    std::string area; ///< the key's area (a state, metro area, ...); empty: the whole country
};

/// What any import of a file as one batch did (or, in a dry run, would do).
struct FileImportReport {
    std::int64_t batch_id = 0;           ///< 0 when nothing was written
    bool committed = false;              ///< the batch was written
    bool already_imported = false;       ///< the same file with the same settings is existing_batch
    std::int64_t existing_batch = 0;     ///< with already_imported: the earlier batch
    std::int64_t existing_rejected = 0;  ///< with already_imported: rows that batch rejected
    std::int64_t rows_read = 0;          ///< records read
    std::int64_t rows_inserted = 0;      ///< rows written (a dry run: that would be written)
    std::int64_t rows_unchanged = 0;     ///< rows already there (already_imported)
    std::int64_t rows_rejected = 0;      ///< records with at least one problem
    std::size_t error_count = 0;         ///< problems found, including those not kept; a name the
                                         ///< base does not know counts once however many rows
    std::vector<Diagnostic> errors;      ///< the first max_errors problems
    std::vector<std::size_t> error_rows; ///< for each of errors: the rows that have it
    bool stopped_early = false;          ///< max_errors reached without skip_invalid
    std::vector<std::int64_t> superseded_batches; ///< batches this one superseded
    std::int64_t rows_filtered = 0; ///< records a filter left out (counted in rows_read too)
};

/// Cells of one wide column (ImportOptions::columns) that held a placeholder.
struct PlaceholderCells {
    std::string column;     ///< as the options name it
    std::int64_t cells = 0; ///< cells skipped
};

/// What a salary import did (or, in a dry run, would do).
struct ImportReport : FileImportReport {
    /// The keys whose current figure changes, at most kMaxReportedChanges (each followed by the
    /// import's figures of the key in other currencies), then, with supersede, the keys of the
    /// superseded batches that revert or are retired (at most kMaxReportedChanges more).
    std::vector<FigureChange> changes;
    std::size_t change_count = 0;  ///< keys whose current figure becomes one of the import's
    std::size_t revert_count = 0;  ///< with supersede: keys that revert to an older figure
    std::size_t retired_count = 0; ///< with supersede: keys left without a current figure
    std::vector<std::string> created_roles; ///< with create_roles: the roles added
    std::vector<std::string> created_areas; ///< with create_areas: "CC: name (code)" of each added
    /// Countries with figures in an unusual currency, in the order first met (at most
    /// kMaxReportedChanges of them).
    std::vector<CurrencyRemark> currency_remarks;
    std::int64_t currencies_filled = 0; ///< with currency_from_country: rows given the country's
    std::size_t unknown_roles = 0;      ///< distinct role names that named no role or several
    std::int64_t unknown_role_rows = 0; ///< rows whose role was one of them
    /// Mapped titles recorded as titles of their roles: (title, the role's name).
    std::vector<std::pair<std::string, std::string>> titles_added;
    /// With ImportOptions::columns: per column (in the options' order), the placeholder cells
    /// skipped; columns without any are left out.
    std::vector<PlaceholderCells> placeholder_cells;
    std::int64_t bounds = 0; ///< figures stored as bounds from a top code
    /// Amounts that were a range ("$53K-$91K"), each stored as two figures (its minimum and its
    /// maximum), so rows_inserted and rows_unchanged count figures: for a file without wide
    /// columns their sum is the rows accepted plus ranges.
    std::int64_t ranges = 0;
};

/// The most changed figures an ImportReport lists (change_count counts them all).
inline constexpr std::size_t kMaxReportedChanges = 50;

/// The problems of a salary import's wide-table columns and top codes against the base's
/// vocabulary, without reading any input: field "column" or "top code", the problem naming the
/// spec ("'A_MEDIAN=medain/year': unknown statistic 'medain'"). Empty when they are usable.
/// import_salaries() refuses the same. Throws Error for a database failure.
std::vector<Diagnostic> check_salary_options(Database& database, const ImportOptions& options);

/// Imports salary observations from the input as one batch, in one transaction, streaming. Every
/// row is validated; with errors and without skip_invalid nothing is written and the report's
/// errors say why. Throws InputError for a header the fields cannot be read from, and Error for
/// what else stops the whole import (unusable options, an unreadable input, no records, a database
/// failure); the database is unchanged then too.
ImportReport import_salaries(Database& database, InputSource& input, const ImportOptions& options,
                             const RejectSink& on_reject = {});

/// One import batch, as list_import_batches() reports it.
struct ImportBatch {
    std::int64_t id = 0;            ///< the batch's number
    std::string file_name;          ///< the input as named when it was imported
    std::string source;             ///< the source's title
    std::string input_format;       ///< "csv", "tsv", "json", "ndjson" or "xlsx" (a workbook)
    std::int64_t rows_read = 0;     ///< records read
    std::int64_t rows_inserted = 0; ///< rows written
    std::int64_t rows_rejected = 0; ///< records rejected
    std::string imported_at;        ///< UTC, 2026-11-23T10:00:00Z
    std::optional<std::int64_t> superseded_by; ///< the later batch that superseded it
    std::optional<std::string> undone_at;      ///< when it was undone, UTC
    std::string sha256;                        ///< of the input's bytes
    /// What the batch holds, a code of import_contents: "salaries", "roles", "onet",
    /// "exchange-rates", "ppp-factors", ...
    std::string content;
};

/// Every import batch, oldest first. Throws Error for a database failure.
std::vector<ImportBatch> list_import_batches(Database& database);

/// What undoing a batch took back of one kind of content.
struct UndoneContent {
    std::string what;      ///< the kind: "salary observations", "exchange rates", "roles", ...
    std::int64_t rows = 0; ///< rows removed or restored
};

/// Removes what a batch added (its salary observations, exchange rates or PPP factors: the latest
/// figures and rates fall back to what is left; a batch of roles or of an O*NET release: what it
/// created, with what it changed or replaced put back exactly; the titles it recorded; the roles it
/// created, unless something else refers to them: an observation of another batch, an alias,
/// title or code not of this batch, a skill, industry, responsibility, relation or source
/// description, a merge) and marks it undone; batches it superseded count as current again.
/// Returns the rows removed or put back. Throws Error(kNotFound) for an unknown batch,
/// Error(kInvalidArgument) for one already undone, for a batch of roles or a release that a later
/// one may build on (HintKind::kUndoFirst), and for one whose roles, skills or industries are now
/// referred to by rows that are not the batch's; Error for a database failure. A refused undo
/// changes nothing.
std::int64_t undo_import_batch(Database& database, std::int64_t batch_id);

/// The same as undo_import_batch(), saying what it removed of each kind of content (every kind,
/// in the order undo takes them back, with 0 for a kind the batch held none of). Throws as
/// undo_import_batch() does.
std::vector<UndoneContent> undo_import_batch_by_content(Database& database, std::int64_t batch_id);

} // namespace jobkb
