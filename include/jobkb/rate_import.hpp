#pragma once

#include "jobkb/database.hpp"
#include "jobkb/import.hpp"
#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// The shapes of rate file the rate import reads, told apart by their header.
enum class RateLayout {
    kAuto,      ///< tell from the header (the default)
    kEcb,       ///< the ECB's history: `Date,USD,JPY,...,` with ISO dates, `N/A` cells and a
                ///< trailing empty column; EUR is the base of every rate
    kEcbDaily,  ///< the ECB's daily file: the same with spaces after the commas and dates such
                ///< as `09 May 2025`
    kLong,      ///< one rate a row: `date,base,quote,rate`
    kPpp,       ///< PPP factors one a row: `Country,Country ID,Year,PPP` (ISO alpha-2 codes)
    kWorldBank, ///< the World Bank's own download: a preamble, then `"Country Name","Country
                ///< Code","Indicator Name","Indicator Code","1990",...` (ISO alpha-3 codes)
};

/// The layout's name: "auto", "ecb", "ecb-daily", "long", "ppp", "world-bank".
std::string_view to_string(RateLayout layout);

/// The layout a name stands for (any case); nullopt for any other name.
std::optional<RateLayout> parse_rate_layout(std::string_view name);

/// The layout the start of a file has (its first bytes, at least its header line), or nullopt
/// when the header is none of them. Pure: reads no database.
std::optional<RateLayout> detect_rate_layout(std::string_view head);

/// Whether a layout holds PPP factors (kPpp, kWorldBank) rather than exchange rates.
bool holds_ppp_factors(RateLayout layout);

/// The options of a rate import. The mapping and the constants of FileImportOptions do not apply
/// (every layout has its fixed columns), nor does supersede: a rate batch is never superseded.
struct RateImportOptions : FileImportOptions {
    RateLayout layout = RateLayout::kAuto; ///< kAuto: told from the header
};

/// Values of one column (a currency, in a wide layout) or of one code that the import passed over
/// without an error, with why.
struct SkippedValues {
    std::string what;       ///< the column or code: "CYP", "EUU"
    std::int64_t count = 0; ///< values passed over
    std::string why;        ///< "unknown currency", "not a country (an aggregate)"
};

/// What a rate import did (or, in a dry run, would do). rows_* count the file's records;
/// rows_inserted, as the batch records it, counts the rates or factors written.
struct RateImportReport : FileImportReport {
    RateLayout layout = RateLayout::kAuto; ///< the layout read
    std::string content;               ///< "exchange-rates" or "ppp-factors", what the batch holds
    std::int64_t values_read = 0;      ///< rates or factors read (cells that hold a value)
    std::int64_t values_unchanged = 0; ///< equal to the current value: nothing written
    std::int64_t not_available = 0;    ///< `N/A` and empty cells, passed over
    /// Values passed over by column or code, in the order first met.
    std::vector<SkippedValues> skipped;
    /// Remarks on how values were read, in the library's words ("BG: factors up to 2025 are
    /// counted in BGN, ..."), each once.
    std::vector<std::string> notes;
    std::string first_date; ///< the earliest day (rates) or year (factors) read; empty for none
    std::string last_date;  ///< the latest one
};

/// Imports exchange rates or PPP factors from a rate file as one batch (content exchange-rates or
/// ppp-factors), in one transaction, streaming, with the validation, dry run, repeat detection and
/// undo of every import. Values equal to the current ones are counted unchanged; a file with
/// nothing new writes no batch. Without a source named, the source is the publisher's series
/// ("ECB euro foreign exchange reference rates", "World Bank ICP PPP conversion factor, GDP"),
/// created with its publisher, address and terms of reuse when new. Throws InputError for a
/// header that is no layout (or not the one asked for), Error(kInvalidArgument) for options that
/// do not apply (supersede, a mapping), and Error for what else stops the import; the database is
/// unchanged then.
RateImportReport import_rates(Database& database, InputSource& input,
                              const RateImportOptions& options, const RejectSink& on_reject = {});

} // namespace jobkb
