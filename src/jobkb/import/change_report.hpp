#pragma once

#include "jobkb/import.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The change report of a salary batch: the keys (role, country, statistic, period) whose latest
// figure is now one of the batch's, each with the figure that was current before it.
namespace jobkb::detail {

struct ChangeReport {
    std::vector<FigureChange> changes; // at most the limit asked for
    std::size_t change_count = 0;      // all of them
};

// Read from salary_latest, so nothing is sorted and memory stays flat. Run inside the batch's
// transaction, after supersede: a figure the batch supersedes still counts as "before".
// `currencies` (code -> currency) must hold every currency of the base.
ChangeReport collect_changes(Database& database, std::string_view doing, std::int64_t batch_id,
                             const std::unordered_map<std::string, Currency>& currencies,
                             std::size_t limit = kMaxReportedChanges);

} // namespace jobkb::detail
