#pragma once

#include "jobkb/database.hpp"
#include "jobkb/import.hpp"
#include "jobkb/import/observation_writer.hpp"
#include "jobkb/import/salary_validation.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Whether a salary figure is plausible (ImportOptions::allow_outliers turns it off): within the
// range any pay falls in once converted to a year, and within 10 times of the current figure of
// its key. A column in thousands (128.50 for 128,500 a year) or in minor units, a shifted column,
// an hourly figure marked yearly: each lands outside one of them.
namespace jobkb::detail {

// A year of each period: 2,080 working hours (52 weeks of 40), 12 months.
inline constexpr std::int64_t kHoursPerYear = 2080;
inline constexpr std::int64_t kMonthsPerYear = 12;
// The plausible range of a year's pay, in major units of its currency, both ends included.
inline constexpr std::int64_t kLeastYearly = 1000;
inline constexpr std::int64_t kMostYearly = 1000000000000; // 10^12
// A published figure further than this factor from the current one (either way) is an outlier.
inline constexpr std::int64_t kOutlierFactor = 10;

// Adds a problem about `field` when the figure, converted to a year in integers, is outside
// [kLeastYearly, kMostYearly] major units: below with HintKind::kScaleAmounts ("1000"), above
// with HintKind::kAllowOutliers. Returns whether it is inside.
bool check_plausible_range(const ValidFigure& figure, std::string_view field,
                           std::vector<Diagnostic>& problems);

// The current figures an import's rows are compared with: salary_latest by its whole primary
// key (the key's dimensions text as the `dimensions` column gives it, never rebuilt here), one
// lookup per row, and none for a point or a role the import created (it has no current figure).
// The figures of the import's own batch are not current yet, so they are never compared with.
class CurrentFigures {
public:
    // Made before the import creates any role.
    CurrentFigures(Database& database, std::string_view doing, std::int64_t batch_id,
                   ObservationWriter& writer);

    // Adds a problem about `field` when `figure` (of a statistic other than point, for the row's
    // role, country and dimensions) is more than kOutlierFactor times away from the current figure
    // of its key in the same currency (HintKind::kAllowOutliers). Returns whether it is not.
    bool check(const Observation& row, const ValidFigure& figure, std::string_view field,
               std::vector<Diagnostic>& problems);

private:
    ObservationWriter& writer_;
    std::int64_t batch_id_;
    std::int64_t last_role_before_ = 0; // the highest role id before the import
    Statement current_;                 // the current figure of one key
};

} // namespace jobkb::detail
