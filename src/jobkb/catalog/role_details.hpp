#pragma once

#include "jobkb/catalog.hpp"
#include "jobkb/catalog/statements.hpp"

#include <cstdint>
#include <optional>
#include <vector>

// What sources say of a role, for its profile (role_details.cpp): codes and the occupations they
// name, descriptions, tasks, technology skills, titles, stated relations, and the sources
// themselves with their licences.
namespace jobkb::detail {

// Reads :role's codes (with the occupations they name and, for codes it is, the roles within
// them), descriptions, tasks, technology skills, titles and stated relations into the profile;
// adds to `source_ids` the sources of everything the role's rows say, in order.
void read_role_details(RoleProfileStatements& statements, std::int64_t role_id,
                       RoleProfile& profile, std::vector<std::int64_t>& source_ids);

// The role that is the broader occupation (filled into `broader`), if the base has one; the
// source of the occupation's title goes to `source_ids`.
std::optional<std::int64_t> broader_role(RoleProfileStatements& statements,
                                         BroaderOccupation& broader,
                                         std::vector<std::int64_t>& source_ids);

// The sources, with what their licences ask to be shown.
void read_sources(RoleProfileStatements& statements, const std::vector<std::int64_t>& source_ids,
                  RoleProfile& profile);

} // namespace jobkb::detail
