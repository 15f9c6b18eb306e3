#pragma once

#include "jobkb/import/change_log.hpp"
#include "jobkb/import/fields.hpp"
#include "jobkb/import/lookups.hpp"
#include "jobkb/import/role_lookups.hpp"
#include "jobkb/import/validation.hpp"
#include "jobkb/onet_import.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The pieces of an O*NET import (import_onet() in onet_import.cpp): the state one run shares, the
// reading of each file (onet_sections.cpp) and the writer that makes what a release says of a
// role replace what the same or an earlier release said of it (onet_writer.cpp).
namespace jobkb::detail {

// One occupation of the release: the role that is it (0 while nothing is written), its place in
// the release (for "this file had no rows for it"), and where Occupation Data.txt gave it.
struct Occupation {
    std::int64_t role_id = 0;
    std::size_t index = 0;
    std::size_t line = 0;
};

// The most rows one occupation may have in one file: the real releases have a few hundred at
// most; more is a broken file, and a group is held in memory while it is compared.
inline constexpr std::size_t kMaxRowsPerOccupation = 20'000;

// A row of a section as its writer takes it. Titles: text and kind. Tasks: id, text, type.
// Technology: skill, flags. Relations: the related role, tier, index.
struct TitleRow {
    std::string title;
    std::string kind; // 'occupation', 'alternate', 'short' or 'reported'
};
struct TaskRow {
    std::int64_t task_id = 0;
    std::string description;
    std::optional<std::string> type; // 'core', 'supplemental' or none
};
struct TechnologyRow {
    std::int64_t skill_id = 0;
    bool hot = false;
    bool in_demand = false;
};
struct RelationRow {
    std::int64_t related_role_id = 0;
    std::string tier;
    std::int64_t position = 0;
};

// What a writer did to one role: rows added and rows it replaced or removed.
struct Replaced {
    std::int64_t added = 0;
    std::int64_t removed = 0;
};

// Writes what the release says of a role over what the same or an earlier release said of it:
// rows the same as the base's stay (so the same release again changes nothing), anything else is
// replaced whole for that role and kind, the replaced rows going to the change log. Rows of other
// sources are never touched, and a row they already have (a title a user taught) is not added
// again.
class OnetWriter {
public:
    OnetWriter(Database& database, std::string_view doing, std::int64_t batch_id,
               std::int64_t source_id, std::string onet_sources, ChangeLog& log);
    ~OnetWriter();
    OnetWriter(const OnetWriter&) = delete;
    OnetWriter& operator=(const OnetWriter&) = delete;

    Replaced description(std::int64_t role, const std::string& title,
                         const std::string& description, std::optional<std::int64_t> job_zone);
    Replaced code(std::int64_t role, const std::string& code);
    // kinds: the kinds of title this call replaces ("('alternate', 'short')"); clear_kinds, for
    // the release's first file of titles: the kinds whose files it has, whose earlier releases'
    // titles go first.
    Replaced titles(std::int64_t role, const char* kinds, const std::vector<TitleRow>& rows,
                    const char* clear_kinds = nullptr);
    Replaced tasks(std::int64_t role, const std::vector<TaskRow>& rows);
    Replaced technology(std::int64_t role, const std::vector<TechnologyRow>& rows);
    Replaced relations(std::int64_t role, const std::vector<RelationRow>& rows);

private:
    std::string doing_;
    std::int64_t batch_id_;
    std::int64_t source_id_;
    std::string onet_sources_; // JSON array of the sources that are O*NET releases
    ChangeLog& log_;
    struct Statements;
    std::unique_ptr<Statements> sql_;
};

// What one run of an O*NET import shares between its files.
struct OnetRun {
    OnetRun(Database& database, const OnetImportOptions& options, OnetImportReport& report,
            std::string doing, std::int64_t batch_id, std::int64_t source_id,
            std::string onet_sources);

    Database& database;
    const OnetImportOptions& options;
    OnetImportReport& report;
    std::string doing;
    std::int64_t batch_id;
    std::int64_t source_id;
    ChangeLog log;
    RoleFinder roles;
    OnetWriter writer;
    std::unordered_map<std::string, Occupation> occupations; // O*NET-SOC code -> occupation
    std::vector<std::string> codes;                          // the occupations' codes, in order
    // The kinds of title the release's files give ("('occupation', 'alternate', 'short')"): an
    // earlier release's titles of these kinds are replaced.
    std::string title_kinds;
    std::unordered_map<std::string, std::pair<std::int64_t, std::size_t>>
        job_zones; // -> zone, line

    // Writes only while the release has no problem: after the first, files are only checked.
    bool writing() const noexcept { return report.error_count == 0; }
    // Counts a problem (with its file and line) and keeps the first max_errors.
    void problem(Diagnostic diagnostic);
    bool stopped() const noexcept { return report.stopped_early; }
};

// Each file of a release, read into the run (onet_sections.cpp). The InputSource hashes what it
// reads; `file` is the file's name, the input's name its path for messages.
void read_job_zones(OnetRun& run, InputSource& input, OnetFileReport& file);
void read_occupations(OnetRun& run, InputSource& input, OnetFileReport& file);
void read_alternate_titles(OnetRun& run, InputSource& input, OnetFileReport& file);
void read_reported_titles(OnetRun& run, InputSource& input, OnetFileReport& file);
void read_tasks(OnetRun& run, InputSource& input, OnetFileReport& file);
void read_technology(OnetRun& run, InputSource& input, OnetFileReport& file);
void read_relations(OnetRun& run, InputSource& input, OnetFileReport& file);

} // namespace jobkb::detail
