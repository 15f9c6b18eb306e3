#pragma once
// The statistics of individual reports, in integers (minor units), shared by the report summaries
// in the reported currency and in one currency for all.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace jobkb::detail {

// The p-th percentile of sorted values by linear interpolation between closest ranks (the
// common "type 7" definition), rounded half away from zero, in integers.
std::int64_t percentile(const std::vector<std::int64_t>& sorted, std::int64_t p);

// The mean, rounded half up. Throws Error(kInvalidArgument) when the sum overflows.
std::int64_t rounded_mean(const std::vector<std::int64_t>& values);

// Sorts the amounts and fills a summary's count, quartiles and mean (ReportSummary and
// CombinedReportSummary share these fields); no amounts leave them 0.
template <class Summary>
void summarise_amounts(std::vector<std::int64_t>& amounts, Summary& summary) {
    std::sort(amounts.begin(), amounts.end());
    summary.count = static_cast<std::int64_t>(amounts.size());
    if (amounts.empty()) {
        return;
    }
    summary.p25_minor = percentile(amounts, 25);
    summary.median_minor = percentile(amounts, 50);
    summary.p75_minor = percentile(amounts, 75);
    summary.mean_minor = rounded_mean(amounts);
}

} // namespace jobkb::detail
