#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace jobkb {

/// What kind of failure an Error is, for callers that react without reading the message.
enum class ErrorCode {
    kInvalidArgument,  ///< a caller passed something unusable (a bad name, amount, path)
    kNotFound,         ///< a named thing does not exist
    kAmbiguous,        ///< a name names several things (a title of several roles): name one
    kNotADatabase,     ///< the file is not a SQLite database at all
    kForeignDatabase,  ///< a SQLite database, but not a jobkb one
    kDatabaseTooNew,   ///< made by a newer jobkb: refused rather than misread
    kDatabaseTooOld,   ///< needs migrating (migrate_knowledge_base)
    kMigrationChanged, ///< an applied migration differs from the one this library carries
    kReadOnly,         ///< a write was asked of a file that cannot be written
    kCorrupt,          ///< SQLite finds the file damaged
    kBadSeed,          ///< embedded seed data is inconsistent (a build defect)
    kIo,               ///< the file system refused
    kBusy,             ///< another process kept the database locked longer than jobkb waits
    kLimit,            ///< a limit the caller set (time, rows, bytes) stopped the work
    kSqlite,           ///< any other SQLite failure
};

/// What the user could do about an error. The library words it without naming any front end's
/// commands or options (Error::what()); a front end such as the jobkb CLI words it as the command
/// to run or the option to pass. Adding a kind is adding a case to both.
enum class HintKind {
    kNone,             ///< nothing to suggest
    kCheck,            ///< the file may be damaged: check it (check_knowledge_base)
    kInit,             ///< make the file a knowledge base (initialize_knowledge_base)
    kMigrate,          ///< migrate it first (migrate_knowledge_base)
    kNewerJobkb,       ///< open it with a newer jobkb
    kListImports,      ///< list the import batches to find the right one
    kListAliases,      ///< list the aliases to find the right one
    kAllowWrites,      ///< the statement writes: allow writes (AdHocOptions::allow_writes)
    kRaiseTimeLimit,   ///< raise the time limit (AdHocOptions::time_limit)
    kRaiseRowLimit,    ///< add a LIMIT, or raise the row limit (AdHocOptions::max_rows)
    kRaiseSizeLimit,   ///< select less, or raise the size limit (AdHocOptions::max_result_bytes)
    kCreateRoles,      ///< unknown role: create it (ImportOptions::create_roles) or teach an alias
    kMapColumn,        ///< a column is no field: map it (field, column) or ignore unknown columns
    kSupplyField,      ///< a field has no column: map one to it, or set a value (field)
    kSkipInvalid,      ///< some rows are invalid: fix them, or import the valid ones only
    kRemoveAliasFirst, ///< the alias names another role: remove it from that role first (value)
    kCreate,           ///< no file at the path: create one (initialize_knowledge_base)
    kAllowSeveral,     ///< several statements: allow writes to run them in one transaction
    kBindParameter,    ///< a query parameter has no value: give it one (value: its name)
    kUndoFirst,        ///< a later import builds on this one: undo that one first (value: its id)
    kChooseLayout,     ///< a rate file's layout is not told by its header: name it
    kConvertEncoding,  ///< the input is not UTF-8: convert it (value: the encoding, as iconv names
                       ///< it)
    kDecimalComma,     ///< numbers with decimal commas in a ;-separated file: write decimal points
    kRepairSearch,     ///< the search index is stale: repair it (repair_search_index)
    kMapTitles,        ///< a title names several roles, or none: map titles to roles for the import
    kMergeOrRename,    ///< the name is another role's (value): merge that role into this one
                       ///< (field), or rename it first
    kMergeInstead,     ///< observations refer to the role (value): merge it into another instead
    kListMerges,       ///< list the role merges to find the right one
    kUndoMergeFirst,   ///< a later merge (value: its id) depends on this one: undo that first
    kListTitles,       ///< list the titles to find the right one
    kCreateAreas,      ///< unknown area: create it (ImportOptions::create_areas) or give its code
    kScaleAmounts,     ///< amounts look like thousands: scale them (value: the factor, "1000";
                       ///< ImportOptions::scale)
    kAllowOutliers,    ///< a figure is far from the plausible or the current one: if it is right,
                       ///< allow outliers (ImportOptions::allow_outliers)
};

/// A hint with what it is about: the import field (`field`) and the file's column, name or other
/// value (`value`) it concerns, where the kind needs them.
struct Hint {
    HintKind kind = HintKind::kNone; ///< what to suggest
    std::string field;               ///< the import field it concerns, where the kind needs one
    std::string value;               ///< the column, name or value it concerns, where needed
};

/// The parts of an Error's message.
struct ErrorDetails {
    std::string path;  ///< the file it concerns; empty when none
    std::string doing; ///< what was being done ("importing q3.csv"); empty when unknown
    std::string cause; ///< what went wrong, and what was expected instead
    Hint hint;         ///< what the user could do about it
};

/// The hint in the library's own words ("migrate it first"); empty for HintKind::kNone.
std::string describe_hint(const Hint& hint);

/// The one error type of the library. what() is a complete one-line message,
/// `PATH: DOING: CAUSE: HINT` (parts that are empty left out), with the hint in the library's
/// words; the fields let a front end word the hint its own way and callers react by code.
class Error : public std::runtime_error {
public:
    /// An error with a cause only (no path, nothing being done, no hint).
    Error(ErrorCode code, const std::string& cause);
    /// An error with a cause and a hint.
    Error(ErrorCode code, const std::string& cause, Hint hint);
    /// An error with all its parts.
    Error(ErrorCode code, ErrorDetails details);

    /// The kind of failure.
    ErrorCode code() const noexcept { return code_; }
    /// The file the error concerns; empty when none.
    const std::string& path() const noexcept { return details_.path; }
    /// What was being done; empty when unknown.
    const std::string& doing() const noexcept { return details_.doing; }
    /// What went wrong, and what was expected instead.
    const std::string& cause() const noexcept { return details_.cause; }
    /// What the user could do about it.
    const Hint& hint() const noexcept { return details_.hint; }
    /// All the parts.
    const ErrorDetails& details() const noexcept { return details_; }

    /// The message with the hint worded by the caller: `PATH: DOING: CAUSE: HINT_TEXT`.
    std::string message(std::string_view hint_text) const;

    /// The same error about another file: a temporary file's failure reported for the file the
    /// caller named.
    Error with_path(std::string path) const;

private:
    ErrorCode code_;
    ErrorDetails details_;
};

} // namespace jobkb
