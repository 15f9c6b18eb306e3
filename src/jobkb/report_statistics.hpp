#pragma once
// The statistics of individual reports, in integers (minor units), shared by the report summaries
// in the reported currency and in one currency for all.

#include <cstdint>
#include <vector>

namespace jobkb::detail {

// The p-th percentile of sorted values by linear interpolation between closest ranks (the
// common "type 7" definition), rounded half away from zero, in integers.
std::int64_t percentile(const std::vector<std::int64_t>& sorted, std::int64_t p);

// The mean, rounded half up. Throws Error(kInvalidArgument) when the sum overflows.
std::int64_t rounded_mean(const std::vector<std::int64_t>& values);

} // namespace jobkb::detail
