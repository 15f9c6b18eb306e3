#pragma once

#include "jobkb/import.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The change report of a salary batch: the keys (role, country, statistic, period, dimensions)
// whose latest figure is now one of the batch's, each with the figure that was current before it
// and the batch's figures of the key in other currencies; with supersede, the keys of the
// superseded batches that fall back to an older figure or have none left.
namespace jobkb::detail {

struct ChangeReport {
    std::vector<FigureChange> changes; // at most the limit asked for, of each part
    std::size_t change_count = 0;      // keys whose current figure is the batch's
    std::size_t revert_count = 0;      // keys of superseded batches that revert
    std::size_t retired_count = 0;     // keys of superseded batches left without a figure
};

// Read from salary_latest, so the batch's rows are not sorted. Run inside the batch's
// transaction, after supersede: a figure the batch supersedes still counts as "before".
// `currencies` (code -> currency) must hold every currency of the base.
ChangeReport collect_changes(Database& database, std::string_view doing, std::int64_t batch_id,
                             const std::unordered_map<std::string, Currency>& currencies,
                             std::size_t limit = kMaxReportedChanges);

} // namespace jobkb::detail
