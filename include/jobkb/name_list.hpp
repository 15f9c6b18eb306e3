#pragma once

/// @file
/// Names by prefix, for shell completion.

#include "jobkb/database.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// Which names names_starting_with() lists.
enum class NameList {
    kRoles,      ///< roles' canonical names
    kSkills,     ///< skills' canonical names
    kIndustries, ///< industries' canonical names
    kCountries,  ///< ISO codes of the countries the base has salary figures for
};

/// The canonical names of roles, skills or industries, or the ISO codes of the countries the base
/// has salary figures for, that start with `prefix` (ASCII letters in any case), in order, at most
/// `limit` of them. A range on each name's index, so it stays fast on a large base: for shell
/// completion, which calls it on every Tab. Throws Error when the base cannot be read.
std::vector<std::string> names_starting_with(Database& database, NameList list,
                                             std::string_view prefix, std::size_t limit = 200);

} // namespace jobkb
