#pragma once

#include "jobkb/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jobkb {

/// Another name of a role.
struct RoleAlias {
    std::string alias; ///< the other name
    std::string role;  ///< the role's canonical name
};

/// The work of `jobkb alias add`: teaches the base another name for a role ("ML Engineer" for
/// Machine Learning Engineer). Throws Error(ErrorCode::kNotFound) for an unknown role (with
/// suggestions), Error(ErrorCode::kAmbiguous) for a role named by an ambiguous title,
/// Error(ErrorCode::kInvalidArgument) for an empty alias and when the alias is already a role's
/// name or alias (with HintKind::kMergeOrRename when it is another role's name,
/// HintKind::kRemoveAliasFirst when it is another role's alias), and Error when SQLite fails.
RoleAlias add_role_alias(Database& database, const std::string& role, const std::string& alias);

/// The work of `jobkb alias list`: every alias, or one role's, by role then alias. Throws
/// Error(ErrorCode::kNotFound) for an unknown role, and Error when SQLite fails.
std::vector<RoleAlias> list_role_aliases(Database& database,
                                         const std::optional<std::string>& role = std::nullopt);

/// The work of `jobkb alias remove`: forgets an alias. Throws Error(ErrorCode::kNotFound) with
/// HintKind::kListAliases when there is no such alias, and Error when SQLite fails.
RoleAlias remove_role_alias(Database& database, const std::string& alias);

} // namespace jobkb
