#include "jobkb/import/plausibility.hpp"

#include "jobkb/money.hpp"

#include <optional>

namespace jobkb::detail {
namespace {

// Roles made by an import have ids above every role before it: they have no current figure.
constexpr const char* kLastRole = "SELECT coalesce(max(id), 0) FROM roles";

// The primary key of salary_latest, whole: one index seek.
constexpr const char* kCurrent = R"sql(
SELECT o.amount_minor, o.currency_code
FROM salary_latest l JOIN salary_observations o ON o.id = l.observation_id
WHERE l.role_id = :role AND l.country_code = :country AND l.statistic = :statistic
  AND l.period = :period AND l.dimensions = :dimensions AND o.batch_id IS NOT :batch
)sql";

// The figure as a year's pay in minor units; nullopt when that overflows (far above any range).
std::optional<std::int64_t> yearly_minor(std::int64_t amount_minor, const std::string& period) {
    const std::int64_t factor = period == "hour"    ? kHoursPerYear
                                : period == "month" ? kMonthsPerYear
                                                    : 1;
    std::int64_t yearly = 0;
    if (__builtin_mul_overflow(amount_minor, factor, &yearly)) {
        return std::nullopt;
    }
    return yearly;
}

std::string per(const std::string& period) { return period == "hour" ? "an hour" : "a " + period; }

// "$45.50 an hour ($94,640 a year)", "$128.50 a year".
std::string figure_text(const ValidFigure& figure, std::optional<std::int64_t> yearly) {
    std::string text =
        format_money(figure.amount_minor, *figure.currency) + " " + per(figure.period);
    if (figure.period != "year" && yearly) {
        text += " (" + format_money(*yearly, *figure.currency) + " a year)";
    }
    return text;
}

} // namespace

bool check_plausible_range(const ValidFigure& figure, std::string_view field,
                           std::vector<Diagnostic>& problems) {
    const Currency& currency = *figure.currency;
    const std::int64_t unit = minor_units_per_major(currency);
    const std::optional<std::int64_t> yearly = yearly_minor(figure.amount_minor, figure.period);
    // The expected text, made only for a figure out of range (this runs for every figure).
    const auto range = [&] {
        return format_amount(kLeastYearly * unit, currency) + " to " +
               format_amount(kMostYearly * unit, currency) + " " + currency.code + " a year";
    };
    if (yearly && *yearly < kLeastYearly * unit) {
        problems.push_back({{},
                            0,
                            std::string(field),
                            figure_text(figure, yearly) + " is below the plausible least " +
                                format_money(kLeastYearly * unit, currency) + " a year",
                            range(),
                            {HintKind::kScaleAmounts, std::string(field), "1000"}});
        return false;
    }
    if (!yearly || *yearly / unit > kMostYearly ||
        (*yearly / unit == kMostYearly && *yearly % unit != 0)) {
        problems.push_back({{},
                            0,
                            std::string(field),
                            figure_text(figure, yearly) + " is above the plausible most " +
                                format_money(kMostYearly * unit, currency) + " a year",
                            range(),
                            {HintKind::kAllowOutliers, std::string(field), {}}});
        return false;
    }
    return true;
}

CurrentFigures::CurrentFigures(Database& database, std::string_view doing, std::int64_t batch_id,
                               ObservationWriter& writer)
    : writer_(writer), batch_id_(batch_id), current_(database, doing, kCurrent) {
    Statement last(database, doing, kLastRole);
    last_role_before_ = last.use().single_row().int64(0);
}

bool CurrentFigures::check(const Observation& row, const ValidFigure& figure,
                           std::string_view field, std::vector<Diagnostic>& problems) {
    if (figure.statistic == "point" || row.role_id > last_role_before_) {
        return true;
    }
    Observation key = row;
    key.currency = figure.currency;
    key.amount_minor = figure.amount_minor;
    key.period = figure.period;
    key.statistic = figure.statistic;
    key.as_of = figure.as_of;
    const std::string& dimensions = writer_.dimensions_of(key);
    auto found = current_.use();
    found.bind(":role", row.role_id);
    found.bind(":country", row.country);
    found.bind(":statistic", figure.statistic);
    found.bind(":period", figure.period);
    found.bind(":dimensions", dimensions);
    found.bind(":batch", batch_id_);
    if (!found.step() || found.text(1) != figure.currency->code) {
        return true;
    }
    const std::int64_t current = found.int64(0);
    const std::int64_t amount = figure.amount_minor;
    if (current <= 0 || amount <= 0) {
        return true;
    }
    std::int64_t ten_current = 0;
    std::int64_t ten_amount = 0;
    const bool far_above =
        !__builtin_mul_overflow(current, kOutlierFactor, &ten_current) && amount > ten_current;
    const bool far_below =
        !__builtin_mul_overflow(amount, kOutlierFactor, &ten_amount) && ten_amount < current;
    if (!far_above && !far_below) {
        return true;
    }
    // The ratio rounded to a whole number: "1/800 of", "12 times".
    const std::string ratio = far_below
                                  ? "1/" + std::to_string((current + amount / 2) / amount) + " of"
                                  : std::to_string((amount + current / 2) / current) + " times";
    problems.push_back({{},
                        0,
                        std::string(field),
                        format_money(amount, *figure.currency) + " is " + ratio + " the current " +
                            format_money(current, *figure.currency) + " (" + figure.statistic +
                            " " + per(figure.period) + ")",
                        "within " + std::to_string(kOutlierFactor) + " times of the current figure",
                        {HintKind::kAllowOutliers, std::string(field), {}}});
    return false;
}

} // namespace jobkb::detail
