#pragma once

#include "jobkb/database.hpp"
#include "jobkb/import.hpp"
#include "jobkb/record_reader.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// The fields of the roles import format, in their canonical order. Required: role. Lists (all
/// but role and summary) are JSON arrays in JSON and NDJSON, and names separated by `;` (or a JSON
/// array) in a CSV or TSV cell.
///
/// - `role`: the role's name; a new name makes a new role.
/// - `summary`: one paragraph; replaces the role's summary.
/// - `codes`: occupation codes the role *is* (`15-2051.00`, `onet-soc-2019:15-2051.00`), or
///   `within:CODE` for a specialisation of a broader occupation; recognised by their shape
///   (O*NET-SOC `15-2051.00`, SOC `15-2051`, ISCO-08 `2511`, an ESCO occupation URI) or named
///   `SCHEME:CODE`.
/// - `within`: codes the role is a specialisation of (the same as `within:CODE` in codes).
/// - `aliases`, `titles`: other names of the role (one role each), and job titles (a title may
///   name several roles).
/// - `key_skills`, `mentioned_skills`, `industries`, `responsibilities`: added to the role's, in
///   the file's order after those it has.
inline constexpr std::array<std::string_view, 10> kRoleImportFields = {
    "role",       "summary",          "codes",      "within",          "aliases", "titles",
    "key_skills", "mentioned_skills", "industries", "responsibilities"};

/// What an import of roles did (or would do) to one role.
struct RoleChange {
    std::string role;                  ///< the role's name
    bool created = false;              ///< a new role
    bool summary_changed = false;      ///< an existing role got the file's summary
    std::int64_t codes = 0;            ///< occupation codes added
    std::int64_t aliases = 0;          ///< aliases added (a matched role's name from the file too)
    std::int64_t titles = 0;           ///< titles added
    std::int64_t key_skills = 0;       ///< key skills added (or made key)
    std::int64_t mentioned_skills = 0; ///< mentioned skills added (or made mentioned)
    std::int64_t industries = 0;       ///< industries added
    std::int64_t responsibilities = 0; ///< responsibilities added
};

/// The most role changes a RoleImportReport lists (change_count counts them all).
inline constexpr std::size_t kMaxReportedRoleChanges = 50;

/// What an import of roles did (or, in a dry run, would do). rows_inserted counts the roles it
/// created or changed; rows_unchanged those the base already held as the file has them.
struct RoleImportReport : FileImportReport {
    std::vector<RoleChange> changes;         ///< the first kMaxReportedRoleChanges, in file order
    std::size_t change_count = 0;            ///< roles created or changed
    std::int64_t roles_created = 0;          ///< of which new
    std::vector<std::string> created_skills; ///< skills the import added (the first 50)
    std::int64_t created_skill_count = 0;    ///< all of them
    std::vector<std::string> created_industries; ///< industries the import added (the first 50)
    std::int64_t created_industry_count = 0;     ///< all of them
};

/// Imports roles from the input as one batch (content "roles"), in one transaction, streaming.
/// A row's role is found by a code it *is* first, then by name, slug or alias; a role found by code
/// whose file name is new gets that name as an alias. An existing role is updated: its summary
/// replaced, codes, aliases, titles, skills, industries and responsibilities added; every row the
/// import changes or replaces is kept in the batch's change log, so that undo_import_batch() puts
/// back exactly what was there. Every row is validated first; with errors and without
/// skip_invalid nothing is written. A file whose content the base already holds writes no batch
/// (rows_inserted 0); the same file with the same settings as the latest batch of roles is
/// already_imported. Throws InputError for a header the fields cannot be read from, and Error for
/// what else stops the whole import (unusable options, an unreadable input, no records, a database
/// failure); the database is unchanged then too.
RoleImportReport import_roles(Database& database, InputSource& input,
                              const FileImportOptions& options, const RejectSink& on_reject = {});

} // namespace jobkb
