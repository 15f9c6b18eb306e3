#pragma once

#include "jobkb/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jobkb {

struct RoleAlias {
    std::string alias;
    std::string role;
};

// Teaches the base another name for a role ("ML Engineer" for Machine Learning Engineer).
// Throws Error(kNotFound) for an unknown role (with suggestions), Error(kInvalidArgument) when
// the alias is already a role's name or another role's alias.
RoleAlias add_role_alias(Database& database, const std::string& role, const std::string& alias);

// Every alias, or one role's, by role then alias.
std::vector<RoleAlias> list_role_aliases(Database& database,
                                         const std::optional<std::string>& role = std::nullopt);

// Forgets an alias; throws Error(kNotFound) when there is no such alias.
RoleAlias remove_role_alias(Database& database, const std::string& alias);

} // namespace jobkb
