#pragma once
// Which exchange rate applies between two currencies for a day or a period: the ways through
// each source's series (the pair itself, or a cross through the source's base), tried in order
// under the rules of rate_rules.hpp, the first rate within the window; remembered, with the
// reason when there is none.

#include "jobkb/conversion.hpp"
#include "jobkb/conversion/calendar.hpp"
#include "jobkb/conversion/exact.hpp"
#include "jobkb/conversion/rate_table.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace jobkb::detail {

// At most this many entries per cache; a full cache starts again empty. 4,096 distinct currency
// pairs and days are far more than one listing asks for, and an entry is a few hundred bytes, so
// memory stays bounded whatever a caller converts.
inline constexpr std::size_t kMaxCached = 4096;

template <typename Value> class BoundedCache {
public:
    const Value* find(const std::string& key) const {
        const auto found = entries_.find(key);
        return found == entries_.end() ? nullptr : &found->second;
    }
    // The entry stays valid until the next insert.
    const Value& insert(const std::string& key, Value value) {
        if (entries_.size() >= kMaxCached) {
            entries_.clear();
        }
        return entries_.insert_or_assign(key, std::move(value)).first->second;
    }

private:
    std::unordered_map<std::string, Value> entries_;
};

// A rate (exact, with what it is of) or why there is none.
struct RateOutcome {
    std::optional<AppliedRate> applied;
    Rational exact;
    NoConversion reason = NoConversion::kNone;
    std::string note;
};

class RateFinder {
public:
    // `read` gives the rate table, beginning the caller's read snapshot when it needs one.
    // `source` restricts the search to one source (named `source_title` in notes).
    RateFinder(std::function<RateTable&()> read, int max_days_back,
               std::optional<std::int64_t> source, std::string source_title);

    // The rate from one currency (ISO code) to another for the period: a day's rate for a day,
    // an average for a month or year. Valid until the next call.
    const RateOutcome& rate(const std::string& from, const std::string& to, const Period& period);

    // The latest day with a rate (of the source, when one is set).
    std::optional<Day> latest_day();

private:
    // A way from one currency to another within one source: the legs base→from and base→to,
    // each a series, or none where the currency is the base itself.
    struct Route {
        std::int64_t source_id = 0;
        std::string source;
        std::string base;
        std::optional<std::int64_t> from_series;
        std::optional<std::int64_t> to_series;
    };

    const std::vector<RateSeries>& all_series();
    const std::vector<Route>& routes_for(const std::string& from, const std::string& to);
    std::vector<DatedRate> leg_rates(const std::optional<std::int64_t>& series, Day first,
                                     Day last);
    std::string day_note(const Route& route, const std::string& from, const std::string& to,
                         Day day);
    RateOutcome find_rate(const Route& route, const std::string& from, const std::string& to,
                          const Period& period);

    std::function<RateTable&()> read_;
    int max_days_back_;
    std::optional<std::int64_t> source_;
    std::string source_title_;
    std::optional<std::vector<RateSeries>> series_; // read on first use
    BoundedCache<std::vector<Route>> routes_;
    BoundedCache<RateOutcome> rates_;
};

} // namespace jobkb::detail
