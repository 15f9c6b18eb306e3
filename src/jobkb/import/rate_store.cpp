#include "jobkb/import/rate_store.hpp"

namespace jobkb::detail {

RateStore::RateStore(Database& database, std::string_view doing, std::int64_t batch_id,
                     std::int64_t source_id)
    : batch_id_(batch_id), source_id_(source_id),
      find_series_(database, doing,
                   "SELECT id FROM exchange_rate_series WHERE source_id = :source AND "
                   "base_code = :base AND quote_code = :quote"),
      insert_series_(database, doing,
                     "INSERT INTO exchange_rate_series (source_id, base_code, quote_code) "
                     "VALUES (:source, :base, :quote) RETURNING id"),
      current_rate_(database, doing,
                    "SELECT rate, batch_id FROM exchange_rates WHERE series_id = :series AND "
                    "rate_date = :day ORDER BY batch_id DESC LIMIT 1"),
      insert_rate_(database, doing,
                   "INSERT INTO exchange_rates (series_id, rate_date, batch_id, rate) VALUES "
                   "(:series, :day, :batch, :rate)"),
      current_factor_(database, doing,
                      "SELECT factor, currency_code, batch_id FROM ppp_factors WHERE "
                      "country_code = :country AND source_id = :source AND year = :year "
                      "ORDER BY batch_id DESC LIMIT 1"),
      insert_factor_(database, doing,
                     "INSERT INTO ppp_factors (country_code, year, source_id, batch_id, "
                     "currency_code, factor) VALUES (:country, :year, :source, :batch, "
                     ":currency, :factor)") {}

RateVocabulary RateVocabulary::load(Database& database, std::string_view doing) {
    RateVocabulary vocabulary;
    Statement currencies(database, doing, "SELECT code FROM currencies");
    for (auto row = currencies.use(); row.step();) {
        vocabulary.currencies.insert(row.text(0));
    }
    Statement countries(database, doing, "SELECT code, currency_code FROM countries");
    for (auto row = countries.use(); row.step();) {
        vocabulary.countries.emplace(row.text(0), row.text(1));
    }
    // The World Bank names countries by alpha-3 codes, which the base knows as country names.
    Statement alpha3(database, doing,
                     "SELECT name, country_code FROM country_names WHERE kind = 'alpha-3'");
    for (auto row = alpha3.use(); row.step();) {
        vocabulary.alpha2.emplace(row.text(0), row.text(1));
    }
    return vocabulary;
}

const std::string* RateVocabulary::country_currency(const std::string& code) const {
    const auto found = countries.find(code);
    return found == countries.end() || found->second.empty() ? nullptr : &found->second;
}

std::int64_t RateStore::series(const std::string& base, const std::string& quote) {
    const auto key = std::make_pair(base, quote);
    if (const auto found = series_.find(key); found != series_.end()) {
        return found->second;
    }
    std::int64_t id = 0;
    {
        auto found = find_series_.use()
                         .bind(":source", source_id_)
                         .bind(":base", base)
                         .bind(":quote", quote);
        if (found.step()) {
            id = found.int64(0);
        }
    }
    if (id == 0) {
        id = insert_series_.use()
                 .bind(":source", source_id_)
                 .bind(":base", base)
                 .bind(":quote", quote)
                 .single_row()
                 .int64(0);
    }
    series_.emplace(key, id);
    return id;
}

StoreOutcome RateStore::add_rate(const std::string& day, const std::string& base,
                                 const std::string& quote, const Decimal& rate,
                                 std::string& earlier) {
    const std::int64_t series_id = series(base, quote);
    text_ = rate.to_string();
    {
        auto current = current_rate_.use().bind(":series", series_id).bind(":day", day);
        if (current.step()) {
            std::string value = current.text(0);
            if (value == text_) {
                return StoreOutcome::kUnchanged;
            }
            if (current.int64(1) == batch_id_) {
                earlier = std::move(value);
                return StoreOutcome::kConflict;
            }
        }
    }
    insert_rate_.use()
        .bind(":series", series_id)
        .bind(":day", day)
        .bind(":batch", batch_id_)
        .bind(":rate", text_)
        .exec();
    ++inserted_;
    return StoreOutcome::kInserted;
}

StoreOutcome RateStore::add_factor(const std::string& country, int year,
                                   const std::string& currency, const Decimal& factor,
                                   std::string& earlier) {
    text_ = factor.to_string();
    {
        auto current = current_factor_.use()
                           .bind(":country", country)
                           .bind(":source", source_id_)
                           .bind(":year", year);
        if (current.step()) {
            std::string value = current.text(0);
            if (value == text_ && current.text(1) == currency) {
                return StoreOutcome::kUnchanged;
            }
            if (current.int64(2) == batch_id_) {
                earlier = std::move(value);
                return StoreOutcome::kConflict;
            }
        }
    }
    insert_factor_.use()
        .bind(":country", country)
        .bind(":year", year)
        .bind(":source", source_id_)
        .bind(":batch", batch_id_)
        .bind(":currency", currency)
        .bind(":factor", text_)
        .exec();
    ++inserted_;
    return StoreOutcome::kInserted;
}

std::int64_t remove_batch_rates(Database& database, std::int64_t batch_id) {
    Statement remove(database, "undoing an import",
                     "DELETE FROM exchange_rates WHERE batch_id = :batch");
    return remove.use().bind(":batch", batch_id).exec();
}

std::int64_t remove_batch_factors(Database& database, std::int64_t batch_id) {
    Statement remove(database, "undoing an import",
                     "DELETE FROM ppp_factors WHERE batch_id = :batch");
    return remove.use().bind(":batch", batch_id).exec();
}

} // namespace jobkb::detail
