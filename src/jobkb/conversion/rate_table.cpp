#include "jobkb/conversion/rate_table.hpp"

#include "jobkb/error.hpp"

namespace jobkb::detail {
namespace {

constexpr const char* kFactorColumns =
    "SELECT p.year, p.factor, p.currency_code, p.source_id, s.title FROM ppp_factors p "
    "JOIN sources s ON s.id = p.source_id WHERE p.country_code = :country AND p.year BETWEEN "
    ":first AND :last";

// Rates and factors have passed the schema's CHECK, so a value that does not read is damage.
Decimal stored_decimal(Database& database, const std::string& text, const char* what) {
    if (const auto value = Decimal::try_parse(text); value && !value->is_zero()) {
        return *value;
    }
    throw Error(ErrorCode::kCorrupt,
                ErrorDetails{database.path().string(), std::string("reading ") + what,
                             "the stored value '" + text + "' is not a positive decimal",
                             Hint{HintKind::kCheck, {}, {}}});
}

Day stored_day(Database& database, const std::string& text) {
    if (const auto day = parse_day(text)) {
        return *day;
    }
    throw Error(ErrorCode::kCorrupt,
                ErrorDetails{database.path().string(), "reading exchange rates",
                             "the stored date '" + text + "' is not a date",
                             Hint{HintKind::kCheck, {}, {}}});
}

} // namespace

RateTable::RateTable(Database& database)
    : database_(database),
      series_{database, "reading exchange rate series",
              "SELECT r.id, r.source_id, r.base_code, r.quote_code, s.title "
              "FROM exchange_rate_series r JOIN sources s ON s.id = r.source_id "
              "ORDER BY r.source_id, r.id"},
      // Ascending by batch too, so the index gives the order; the last row of a day wins.
      rates_{database, "reading exchange rates",
             "SELECT rate_date, rate FROM exchange_rates WHERE series_id = :series AND "
             "rate_date BETWEEN :first AND :last ORDER BY rate_date, batch_id"},
      last_day_{database, "reading exchange rates",
                "SELECT rate_date FROM exchange_rates WHERE series_id = :series AND "
                "rate_date <= :day ORDER BY rate_date DESC LIMIT 1"},
      factor_any_{database, "reading PPP factors",
                  std::string(kFactorColumns) +
                      " ORDER BY p.source_id, p.year DESC, p.batch_id DESC LIMIT 1"},
      factor_of_source_{database, "reading PPP factors",
                        std::string(kFactorColumns) +
                            " AND p.source_id = :source ORDER BY p.year DESC, p.batch_id DESC "
                            "LIMIT 1"},
      latest_year_any_{database, "reading PPP factors",
                       "SELECT max(year) FROM ppp_factors WHERE country_code = :country AND "
                       "year <= :year"},
      latest_year_of_source_{database, "reading PPP factors",
                             "SELECT max(year) FROM ppp_factors WHERE country_code = :country "
                             "AND source_id = :source AND year <= :year"},
      currency_{database, "reading a currency",
                "SELECT code, coalesce(symbol, ''), minor_unit, digit_grouping FROM currencies "
                "WHERE code = :code"},
      source_named_{
          database, "looking up a source",
          "SELECT id, title FROM sources WHERE slug = :name OR title = :name COLLATE NOCASE "
          "ORDER BY slug = :name DESC LIMIT 1"},
      source_has_{database, "looking up a source",
                  "SELECT 1 FROM import_batches WHERE source_id = :source AND content = "
                  ":content AND undone_at IS NULL LIMIT 1"} {}

std::vector<RateSeries> RateTable::series() {
    std::vector<RateSeries> all;
    auto row = series_.use();
    while (row.step()) {
        all.push_back({row.int64(0), row.int64(1), row.text(2), row.text(3), row.text(4)});
    }
    return all;
}

std::vector<DatedRate> RateTable::rates(std::int64_t series_id, Day first, Day last) {
    std::vector<DatedRate> rates;
    auto row = rates_.use()
                   .bind(":series", series_id)
                   .bind(":first", day_text(first))
                   .bind(":last", day_text(last));
    while (row.step()) {
        const Day day = stored_day(database_, row.text(0));
        const Decimal rate = stored_decimal(database_, row.text(1), "exchange rates");
        if (!rates.empty() && rates.back().day == day) {
            rates.back().rate = rate; // a later batch's value for the same day
        } else {
            rates.push_back({day, rate});
        }
    }
    return rates;
}

std::optional<Day> RateTable::last_day(std::int64_t series_id, Day day) {
    auto row = last_day_.use().bind(":series", series_id).bind(":day", day_text(day));
    if (!row.step()) {
        return std::nullopt;
    }
    return stored_day(database_, row.text(0));
}

std::optional<FactorRow> RateTable::factor(const std::string& country, int first_year,
                                           int last_year, std::optional<std::int64_t> source) {
    auto row = source ? factor_of_source_.use().bind(":source", *source) : factor_any_.use();
    row.bind(":country", country).bind(":first", first_year).bind(":last", last_year);
    if (!row.step()) {
        return std::nullopt;
    }
    return FactorRow{row.integer(0), stored_decimal(database_, row.text(1), "PPP factors"),
                     row.text(2), row.int64(3), row.text(4)};
}

std::optional<int> RateTable::latest_factor_year(const std::string& country, int year,
                                                 std::optional<std::int64_t> source) {
    auto row =
        source ? latest_year_of_source_.use().bind(":source", *source) : latest_year_any_.use();
    row.bind(":country", country).bind(":year", year).single_row();
    if (row.is_null(0)) {
        return std::nullopt;
    }
    return row.integer(0);
}

std::optional<Currency> RateTable::currency(const std::string& code) {
    auto row = currency_.use().bind(":code", code);
    if (!row.step()) {
        return std::nullopt;
    }
    return Currency{row.text(0), row.text(1), row.integer(2), parse_digit_grouping(row.text(3))};
}

std::optional<NamedSource> RateTable::source_named(const std::string& name) {
    auto row = source_named_.use().bind(":name", name);
    if (!row.step()) {
        return std::nullopt;
    }
    return NamedSource{row.int64(0), row.text(1)};
}

bool RateTable::source_has(std::int64_t source_id, const char* content) {
    return source_has_.use().bind(":source", source_id).bind(":content", content).step();
}

} // namespace jobkb::detail
