#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <set>
#include <string_view>

// No double counting (import_salaries()): a figure the base already holds, from the same source,
// and that counts (no later snapshot of its source superseded it) is not stored again. Facts are
// compared as a multiset: a file holding a report twice (two people, the same title and pay)
// keeps both the first time, and adds neither the second.
namespace jobkb::detail {

// Removes the rows of `batch_id` whose fact (role, country, statistic, period, dimensions, date,
// currency, amount, qualifier and source) is already held as often by rows that count and are not
// the batch's; returns the rows removed. `sources` are the sources the batch's rows name: when
// none of them has any earlier row there is nothing to compare, and nothing is read.
std::int64_t drop_unchanged_observations(Database& database, std::string_view doing,
                                         std::int64_t batch_id,
                                         const std::set<std::int64_t>& sources);

} // namespace jobkb::detail
