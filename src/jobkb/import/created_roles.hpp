#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <string>

// What a salary import adds besides its observations, and how undo takes it back: the titles a
// title mapping taught the base, and the roles created for names the base did not know. Each
// row carries the batch that added it (role_titles.batch_id, roles.batch_id).
namespace jobkb::detail {

// Records `title` as a title ('user', of the batch and its source) of the role, unless the role
// has it already. Returns whether it was added.
bool record_title(Database& database, std::string_view doing, const std::string& title,
                  std::int64_t role_id, std::int64_t source_id, std::int64_t batch_id);

// Removes the titles the batch recorded; returns how many.
std::int64_t remove_batch_titles(Database& database, std::int64_t batch_id);

// Removes the roles the batch created that nothing else refers to: no observation (the batch's
// own are removed before), no alias, title, code, skill, industry, responsibility, relation or
// source description that another batch or a person added (the batch's own go with the role),
// no merge. A role something else refers to stays, with its batch as its provenance. Returns how
// many were removed.
std::int64_t remove_batch_roles(Database& database, std::int64_t batch_id);

} // namespace jobkb::detail
