#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jobkb {

/// What rename_role() did.
struct RenamedRole {
    std::string old_name;       ///< the name before
    std::string name;           ///< the name now
    std::string slug;           ///< the slug, which a rename keeps (seeds and imports refer to it)
    bool old_name_kept = false; ///< the old name became an alias of the role
};

/// The work of `jobkb role rename`: gives a role another canonical name, keeping its slug (the
/// natural key seed data and files refer to it by), and by default its old name as an alias, so
/// that files and scripts naming it keep working; an alias equal to the new name becomes the name.
/// A change of letter case only is a rename too (no alias then). Throws Error(kNotFound) or
/// Error(kAmbiguous) for a role that cannot be found, Error(kInvalidArgument) for an empty or
/// unusable name, the role's own name, and a name that is another role's name (with
/// HintKind::kMergeOrRename) or alias (with HintKind::kRemoveAliasFirst), and Error when SQLite
/// fails.
RenamedRole rename_role(Database& database, const std::string& role, const std::string& new_name,
                        bool keep_old_name = true);

/// A role merged into another, as list_role_merges() reports it.
struct RoleMerge {
    std::int64_t id = 0;                  ///< the merge's number
    std::string from;                     ///< the merged role's name
    std::int64_t from_role_id = 0;        ///< its id, which undo gives it back when it is free
    std::string into;                     ///< the role it was merged into, by its current name
    std::string merged_at;                ///< UTC, 2026-11-23T10:00:00Z
    std::optional<std::string> undone_at; ///< when it was undone, UTC
    std::int64_t observations = 0;        ///< the observations that moved
};

/// What merge_roles() moved from the merged role to the one it joined, and what it left out.
struct MergeReport {
    RoleMerge merge;               ///< the merge, as recorded
    std::int64_t observations = 0; ///< salary observations moved
    std::int64_t aliases = 0;      ///< aliases moved, the merged role's name among them
    std::int64_t titles = 0;       ///< titles moved
    std::int64_t codes = 0;        ///< occupation codes moved
    std::int64_t links = 0;        ///< skills, industries, responsibilities, relations, sources
    std::vector<std::string> kept; ///< what both had, kept as the joined role has it
                                   ///< ("skill Python", "title Data Analyst")
};

/// The work of `jobkb role merge FROM INTO`: FROM and INTO are one role. In one transaction FROM's
/// salary observations, aliases, titles, codes, skills, industries, responsibilities, relations
/// and source descriptions move to INTO (where INTO has the same skill, title, code, industry,
/// relation or source, INTO's stays and FROM's is kept only in the merge's record), FROM's name
/// becomes an alias of INTO, and FROM's row is deleted. The merge is recorded (role_merges, with a
/// snapshot of all of FROM) so that undo_role_merge() can put FROM back exactly. Throws
/// Error(kNotFound) or Error(kAmbiguous) for a role that cannot be found, Error(kInvalidArgument)
/// when both name the same role, and Error when SQLite fails.
MergeReport merge_roles(Database& database, const std::string& from, const std::string& into);

/// The work of `jobkb merges`: every role merge, oldest first. Throws Error when SQLite fails.
std::vector<RoleMerge> list_role_merges(Database& database);

/// The work of `jobkb merges undo ID`: puts the merged role back as it was: its row (its id, when
/// no role has taken it since; else a new one), slug, name, summary, aliases, titles, codes,
/// links and the observations that moved (those still there: an observation imported into the
/// joined role since stays with it), and takes the alias its name became off the joined role.
/// Returns the merge, with from_role_id the id the role has again. Throws Error(kNotFound) with
/// HintKind::kListMerges for an unknown merge, Error(kInvalidArgument) for one already undone,
/// for one whose joined role was merged away since (HintKind::kUndoMergeFirst names that merge),
/// and when the role's slug or name has been given to another role since; Error when SQLite fails.
RoleMerge undo_role_merge(Database& database, std::int64_t merge_id);

/// What delete_role() removed with the role.
struct DeletedRole {
    std::string name;                  ///< the role's name
    std::int64_t aliases = 0;          ///< its aliases
    std::int64_t titles = 0;           ///< its titles
    std::int64_t links = 0;            ///< its codes, skills, industries, relations, descriptions
    std::int64_t responsibilities = 0; ///< its responsibilities
};

/// The work of `jobkb role delete`: removes a role and everything that only describes it
/// (aliases, titles, codes, skills and industries links, responsibilities, relations, source
/// descriptions, and the records of merges into it that were undone). Refused while salary
/// observations refer to it (Error(kInvalidArgument) with HintKind::kMergeInstead: merging keeps
/// them) or a merge into it stands (HintKind::kUndoMergeFirst). Also throws Error(kNotFound) or
/// Error(kAmbiguous) for a role that cannot be found, and Error when SQLite fails.
DeletedRole delete_role(Database& database, const std::string& role);

} // namespace jobkb
