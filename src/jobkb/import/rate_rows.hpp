#pragma once

#include "jobkb/import/file_import.hpp"
#include "jobkb/import/rate_store.hpp"
#include "jobkb/rate_import.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

// The rows of a rate file, layout by layout: the header's columns (a currency or a year each, in
// the wide layouts), each row's values validated (a day or year, positive exact decimals, known
// currencies and countries), then written through a RateSink: the RateStore of the import's
// batch, or (start(), without a FileImport) the caller's. Values the base cannot hold (unknown
// currencies, aggregates such as "World") are passed over and counted, never errors.
namespace jobkb::detail {

class RateRows : public RowImporter {
public:
    RateRows(RateLayout layout, RateImportReport& report) : layout_(layout), report_(report) {}

    // Loads the base's vocabulary and writes through a RateStore of the run's batch.
    void begin(FileImport& run) override;
    // Instead of begin(): checks the file named `file_name` against `vocabulary`, with nothing
    // later than `today` (YYYY-MM-DD), and hands its values to `sink`. Both must outlive the rows.
    void start(const RateVocabulary& vocabulary, RateSink& sink, std::string file_name,
               std::string today);
    bool accept(const Record& record, FieldTexts& texts, bool write,
                std::vector<Diagnostic>& problems) override;
    std::int64_t finish_rows() override { return store_ ? store_->inserted() : 0; }
    void report() override {}
    std::string_view content() const override {
        return holds_ppp_factors(layout_) ? "ppp-factors" : "exchange-rates";
    }
    bool reads_columns() const override { return true; }

private:
    // One value of a row, validated, waiting for the row to be whole.
    struct Value {
        std::size_t column = 0;
        std::string base;  // rates: the base currency; factors: the country
        std::string quote; // rates: the quote currency; factors: the factor's currency
        int year = 0;      // factors
        Decimal value;
    };
    // A column of a wide header: a currency (ECB) or a year (World Bank).
    struct Column {
        std::string name;
        bool skip = false; // an unknown currency, the trailing empty column
        int year = 0;
        std::string problem; // why the header cannot be read, if it cannot
    };

    void plan_header(const Record& record);
    void plan_wide_rates(const std::vector<std::string>& names);
    void plan_wide_years(const std::vector<std::string>& names);
    bool read_wide_rates(const Record& record, std::vector<Diagnostic>& problems);
    bool read_long_rate(const Record& record, std::vector<Diagnostic>& problems);
    bool read_ppp_long(const Record& record, std::vector<Diagnostic>& problems);
    bool read_world_bank(const Record& record, std::vector<Diagnostic>& problems);
    void write_values(std::vector<Diagnostic>& problems);

    std::optional<std::string> day(const std::string& text, std::string_view field,
                                   std::vector<Diagnostic>& problems);
    std::optional<Decimal> decimal(const std::string& text, std::string_view field,
                                   std::vector<Diagnostic>& problems);
    std::optional<int> year(const std::string& text, std::string_view field,
                            std::vector<Diagnostic>& problems);
    // A factor's country from an alpha-2 code; nullopt (counted as skipped) for none.
    std::optional<std::string> country(const std::string& code, const std::string& name);
    void add_factor_value(std::size_t column, const std::string& country, int year,
                          const Decimal& factor);
    void skip(const std::string& what, const char* why, std::int64_t count = 1);
    void note(const std::string& text);
    void saw(const std::string& when);

    RateLayout layout_;
    RateImportReport& report_;
    std::optional<RateVocabulary> loaded_; // begin()'s
    std::optional<RateStore> store_;       // begin()'s
    const RateVocabulary* vocabulary_ = nullptr;
    RateSink* sink_ = nullptr;
    std::string file_name_;
    std::string today_;
    bool planned_ = false;
    std::vector<Column> columns_;
    std::vector<std::size_t> long_columns_; // long layouts: the column of each fixed field
    std::string indicator_;                 // the World Bank's indicator code, from its first row
    std::string day_;                       // the row's day
    std::vector<Value> values_;             // the row's, reused
};

} // namespace jobkb::detail
