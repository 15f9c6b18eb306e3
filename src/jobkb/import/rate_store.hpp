#pragma once

#include "jobkb/decimal.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

// Where the rate import writes: exchange rates by series and day, PPP factors by country and
// year, each value only when it differs from the current one (that of the latest batch). One row
// per statement: a value's current one must be read before it is written, and a file may name a
// day twice.
namespace jobkb::detail {

// What became of one value.
enum class StoreOutcome {
    kInserted,  // new, or different from the current value
    kUnchanged, // equal to the current value (or to the same value earlier in this file)
    kConflict,  // this file already gave the key another value (see `earlier`)
};

// What the base knows that a rate file's values are checked against: read once per import (the
// fuzzer reads it once per process).
struct RateVocabulary {
    std::unordered_set<std::string> currencies;
    std::unordered_map<std::string, std::string> countries; // code -> currency ("" for none)
    // ISO 3166-1 alpha-3 -> alpha-2 (the World Bank's layout), from the base's country names.
    std::unordered_map<std::string, std::string> alpha2;

    static RateVocabulary load(Database& database, std::string_view doing);

    // Whether the base knows the currency (an ISO 4217 code, upper case).
    bool knows_currency(const std::string& code) const { return currencies.contains(code); }
    // The country's currency in the base; nullptr for a code the base does not know.
    const std::string* country_currency(const std::string& code) const;
};

// Where a rate file's validated values go: the base (RateStore), or the fuzzer's memory.
class RateSink {
public:
    virtual ~RateSink() = default;
    // `earlier` is set to the file's other value on a conflict.
    virtual StoreOutcome add_rate(const std::string& day, const std::string& base,
                                  const std::string& quote, const Decimal& rate,
                                  std::string& earlier) = 0;
    virtual StoreOutcome add_factor(const std::string& country, int year,
                                    const std::string& currency, const Decimal& factor,
                                    std::string& earlier) = 0;
};

class RateStore : public RateSink {
public:
    RateStore(Database& database, std::string_view doing, std::int64_t batch_id,
              std::int64_t source_id);

    StoreOutcome add_rate(const std::string& day, const std::string& base, const std::string& quote,
                          const Decimal& rate, std::string& earlier) override;
    StoreOutcome add_factor(const std::string& country, int year, const std::string& currency,
                            const Decimal& factor, std::string& earlier) override;

    std::int64_t inserted() const noexcept { return inserted_; }

private:
    std::int64_t series(const std::string& base, const std::string& quote);

    std::int64_t batch_id_;
    std::int64_t source_id_;
    std::map<std::pair<std::string, std::string>, std::int64_t> series_;
    Statement find_series_;
    Statement insert_series_;
    Statement current_rate_;
    Statement insert_rate_;
    Statement current_factor_;
    Statement insert_factor_;
    std::string text_; // the value as stored, reused
    std::int64_t inserted_ = 0;
};

// Undo: the batch's rates and factors, removed (the base's triggers would remove them too when
// the batch is marked undone; removing them here counts them).
std::int64_t remove_batch_rates(Database& database, std::int64_t batch_id);
std::int64_t remove_batch_factors(Database& database, std::int64_t batch_id);

} // namespace jobkb::detail
