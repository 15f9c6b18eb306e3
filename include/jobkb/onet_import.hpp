#pragma once

#include "jobkb/database.hpp"
#include "jobkb/import.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// The files of an O*NET text release, by their names ("Occupation Data.txt"): a folder as
/// O*NET publishes it (OnetFolder), or files held in memory (OnetMemoryFiles, for tests and
/// fuzzing).
class OnetFiles {
public:
    virtual ~OnetFiles() = default;
    /// The release as the caller named it (a folder's path): recorded with the batch.
    virtual std::string name() const = 0;
    /// The names of the files the release has, in any order.
    virtual std::vector<std::string> file_names() const = 0;
    /// How messages name one of the files: "FOLDER/Occupation Data.txt".
    virtual std::string path_of(const std::string& file) const = 0;
    /// Opens one of the files for reading. Throws Error(ErrorCode::kIo) when it cannot be read.
    virtual std::unique_ptr<std::istream> open(const std::string& file) const = 0;
};

/// An O*NET release folder on disk.
class OnetFolder : public OnetFiles {
public:
    /// The folder at `path`. Throws Error(ErrorCode::kNotFound) when nothing is there and
    /// Error(ErrorCode::kIo) when it is no folder or cannot be listed.
    explicit OnetFolder(std::filesystem::path path);
    std::string name() const override;                           ///< the path as given
    std::vector<std::string> file_names() const override;        ///< its entries' names
    std::string path_of(const std::string& file) const override; ///< "FOLDER/FILE"
    std::unique_ptr<std::istream> open(const std::string& file) const override; ///< a file stream

private:
    std::filesystem::path path_;
    std::vector<std::string> names_;
};

/// An O*NET release held in memory: file name -> the file's bytes.
class OnetMemoryFiles : public OnetFiles {
public:
    /// The files under a name for the release (messages call a file "NAME/FILE").
    OnetMemoryFiles(std::string name, std::map<std::string, std::string> files);
    std::string name() const override;                                          ///< as given
    std::vector<std::string> file_names() const override;                       ///< the map's keys
    std::string path_of(const std::string& file) const override;                ///< "NAME/FILE"
    std::unique_ptr<std::istream> open(const std::string& file) const override; ///< over the bytes

private:
    std::string name_;
    std::map<std::string, std::string> files_;
};

/// The files an O*NET import reads, in the order it reads them. "Read Me.txt" and
/// "Occupation Data.txt" are required; each of the others, when absent, leaves what it would
/// give (titles, tasks, ...) as the base has it. Any other file of the folder is left unread.
inline constexpr std::string_view kOnetReadMe = "Read Me.txt";
/// The occupations: code, title and description (required).
inline constexpr std::string_view kOnetOccupations = "Occupation Data.txt";
/// The files besides Read Me.txt that an O*NET import reads, in its order.
inline constexpr std::array<std::string_view, 7> kOnetFiles = {
    "Job Zones.txt",          "Occupation Data.txt",
    "Alternate Titles.txt",   "Sample of Reported Titles.txt",
    "Task Statements.txt",    "Technology Skills.txt",
    "Related Occupations.txt"};

/// The options of an O*NET import.
struct OnetImportOptions {
    bool dry_run = false;        ///< validate and report, write nothing
    std::size_t max_errors = 20; ///< diagnostics kept; the import stops reading after as many
};

/// What an O*NET import did with one file.
struct OnetFileReport {
    std::string file;         ///< its name: "Task Statements.txt"
    std::int64_t rows = 0;    ///< data lines read
    std::int64_t added = 0;   ///< rows it added to the base
    std::int64_t removed = 0; ///< rows of an earlier release (or of this one) it replaced
};

/// What an O*NET import did (or, in a dry run, would do).
struct OnetImportReport {
    std::string release;             ///< as Read Me.txt names it: "O*NET 29.2 Database"
    std::string version;             ///< "29.2"
    std::string release_date;        ///< as Read Me.txt gives it: "February 2025"
    std::int64_t batch_id = 0;       ///< 0 when nothing was written
    bool committed = false;          ///< the batch was written
    bool already_imported = false;   ///< the same files with the same settings: existing_batch
    std::int64_t existing_batch = 0; ///< with already_imported: the batch that holds them
    bool unchanged = false;          ///< the base already holds everything the files say
    std::int64_t occupations = 0;    ///< occupations in the release
    std::int64_t roles_created = 0;  ///< new roles, one per occupation no role is
    std::vector<std::string> enriched_roles; ///< existing roles that are an occupation of it
    std::vector<OnetFileReport> files;       ///< the files read, in order
    std::vector<std::string> missing_files;  ///< optional files the release lacks
    std::vector<std::string> ignored_files;  ///< files of the folder an import does not read
    std::int64_t relations_skipped = 0;      ///< related occupations the release and base lack
    std::int64_t skills_created = 0;         ///< technology skills new to the base
    std::int64_t categories_created = 0;     ///< skill categories new to the base
    std::int64_t rows_added = 0;             ///< all files together
    std::int64_t rows_removed = 0;           ///< all files together
    std::size_t error_count = 0;             ///< problems found, including those not kept
    std::vector<Diagnostic> errors;          ///< the first max_errors problems, FILE:LINE each
    bool stopped_early = false;              ///< max_errors reached: the rest was not read
};

/// The attribution O*NET's licence asks for with data from a release ("O*NET 29.2 Database").
std::string onet_attribution(std::string_view release);

/// Imports an O*NET text release as one batch (content "onet"), in one transaction. The release
/// named in Read Me.txt is the source (with its version, licence and attribution). Occupations
/// match roles by O*NET-SOC code (the role that *is* it), else by name; the others become roles.
/// What an earlier release (or this one) said of those roles is replaced by what this release
/// says, each replaced row kept in the batch's change log for undo; what other sources say stays.
/// The same files again are already_imported; a release whose content the base already holds
/// writes no batch (unchanged). Malformed lines are diagnostics (`FILE:LINE: field: ...`): with
/// any, nothing is written. Throws Error(ErrorCode::kNotFound) for a release without Read Me.txt or
/// Occupation Data.txt, Error(ErrorCode::kInvalidArgument) for a file that cannot be read as
/// O*NET's ("FILE:LINE: ..."), Error(ErrorCode::kIo) for one that cannot be read at all, and Error
/// for a database failure; the database is unchanged then.
OnetImportReport import_onet(Database& database, const OnetFiles& files,
                             const OnetImportOptions& options = {});

} // namespace jobkb
