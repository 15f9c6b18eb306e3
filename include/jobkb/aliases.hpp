#pragma once

#include "jobkb/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jobkb {

/// Another name of a role.
struct RoleAlias {
    std::string alias; ///< the other name, as it was added
    std::string role;  ///< the role's canonical name
};

/// Teaches the base another name for a role ("ML Engineer" for Machine Learning Engineer); `role`
/// may be a name, slug or alias. Returns the alias with the role's canonical name.
/// Throws Error(kNotFound) for an unknown role (with suggestions), Error(kInvalidArgument) for an
/// empty alias or one that is already a role's name or alias, and the database's Error
/// (kReadOnly, kBusy, ...).
RoleAlias add_role_alias(Database& database, const std::string& role, const std::string& alias);

/// Every alias, or one role's, by role then alias. Throws Error(kNotFound) for an unknown role.
std::vector<RoleAlias> list_role_aliases(Database& database,
                                         const std::optional<std::string>& role = std::nullopt);

/// Forgets an alias and returns it; throws Error(kNotFound) when there is no such alias, and the
/// database's Error (kReadOnly, kBusy, ...).
RoleAlias remove_role_alias(Database& database, const std::string& alias);

} // namespace jobkb
