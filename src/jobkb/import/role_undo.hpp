#pragma once

#include "jobkb/database.hpp"

#include <cstdint>

// What undoing a batch does for roles and O*NET releases (a kind in batch_contents()).
namespace jobkb::detail {

// For a batch of content 'roles' or 'onet' (other batches: nothing, 0): removes the links,
// titles, codes, descriptions and responsibilities it created, puts back from its change log
// what it changed or replaced, then removes the roles, skills, industries and skill categories
// it created. Returns the rows removed or put back. Throws Error(kInvalidArgument) when a later
// batch of roles or of a release still stands (it may build on this one: HintKind::kUndoFirst),
// or when something that is not the batch's refers to a row it created (salary figures of a
// created role, an alias added by hand); the caller's transaction then rolls it all back.
std::int64_t undo_role_content(Database& database, std::int64_t batch_id);

} // namespace jobkb::detail
