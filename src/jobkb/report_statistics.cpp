#include "jobkb/report_statistics.hpp"

#include "jobkb/error.hpp"

namespace jobkb::detail {

std::int64_t percentile(const std::vector<std::int64_t>& sorted, std::int64_t p) {
    const auto n = static_cast<std::int64_t>(sorted.size());
    const std::int64_t position = (n - 1) * p; // in hundredths of a rank
    const auto low = static_cast<std::size_t>(position / 100);
    const std::int64_t fraction = position % 100;
    if (fraction == 0 || low + 1 >= sorted.size()) {
        return sorted[low];
    }
    const std::int64_t step = (sorted[low + 1] - sorted[low]) * fraction;
    return sorted[low] + (step + 50) / 100;
}

std::int64_t rounded_mean(const std::vector<std::int64_t>& values) {
    std::int64_t sum = 0;
    for (const auto value : values) {
        if (__builtin_add_overflow(sum, value, &sum)) {
            throw Error(ErrorCode::kInvalidArgument, "the reports are too large to average");
        }
    }
    const auto n = static_cast<std::int64_t>(values.size());
    return (sum + n / 2) / n;
}

} // namespace jobkb::detail
