#pragma once
// The converter's reads of exchange rates, PPP factors, currencies and sources: each statement
// prepared once per connection (detail::Statement) and answered from an index.

#include "jobkb/conversion/calendar.hpp"
#include "jobkb/database.hpp"
#include "jobkb/decimal.hpp"
#include "jobkb/money.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jobkb::detail {

// A source's rates of one base currency in one quote currency.
struct RateSeries {
    std::int64_t id = 0;
    std::int64_t source_id = 0;
    std::string base;
    std::string quote;
    std::string source; // the source's title
};

// A day's current rate: the value of the latest batch that has the day.
struct DatedRate {
    Day day;
    Decimal rate;
};

struct FactorRow {
    int year = 0;
    Decimal factor;
    std::string currency;
    std::int64_t source_id = 0;
    std::string source;
};

struct NamedSource {
    std::int64_t id = 0;
    std::string title;
};

class RateTable {
public:
    explicit RateTable(Database& database);

    // Every series, by source id, then in the order they were added.
    std::vector<RateSeries> series();

    // The current rate of each day from first to last, by day.
    std::vector<DatedRate> rates(std::int64_t series_id, Day first, Day last);

    // The last day with a rate on or before `day`.
    std::optional<Day> last_day(std::int64_t series_id, Day day);

    // The current factor of the latest year in first_year..last_year of the first source (by
    // id) that has one, or of `source` only.
    std::optional<FactorRow> factor(const std::string& country, int first_year, int last_year,
                                    std::optional<std::int64_t> source);

    // The latest year on or before `year` with a factor for the country (of `source` only).
    std::optional<int> latest_factor_year(const std::string& country, int year,
                                          std::optional<std::int64_t> source);

    std::optional<Currency> currency(const std::string& code);

    // A source by slug or title (any letter case), the slug first.
    std::optional<NamedSource> source_named(const std::string& name);

    // Whether the source has a current batch of this content ('exchange-rates', 'ppp-factors').
    bool source_has(std::int64_t source_id, const char* content);

private:
    Database& database_;
    Statement series_;
    Statement rates_;
    Statement last_day_;
    Statement factor_any_;
    Statement factor_of_source_;
    Statement latest_year_any_;
    Statement latest_year_of_source_;
    Statement currency_;
    Statement source_named_;
    Statement source_has_;
};

} // namespace jobkb::detail
