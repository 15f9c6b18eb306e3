#pragma once

#include "cli/context.hpp"
#include "cli/output.hpp"

#include "jobkb/catalog.hpp"
#include "jobkb/conversion.hpp"

#include <CLI/App.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// Converted answers: --in CUR, --ppp and --rate-on DATE on the commands that show salary
// figures, and the columns a listing gets for them. A front end other than the CLI's commands
// (the web pages) calls the same functions: conversions() for the figures, add_columns() and
// add_cells() for a listing, notes() for what stayed unconverted.
namespace jobkb::cli {

// What the user asked for.
struct ConversionChoice {
    std::string in;      // an ISO 4217 code as given; empty: no --in
    bool ppp = false;    // --ppp: international dollars
    std::string rate_on; // YYYY-MM-DD or "latest"; empty: each figure's own date or period

    bool asked() const { return !in.empty() || ppp; }
};

// Adds --in, --ppp and --rate-on to a command.
void add_conversion_options(CLI::App& command, ConversionChoice& choice);

// One figure in the unit asked for, or why not.
struct ConvertedFigure {
    std::optional<MoneyValue> amount; // nullopt when not converted
    bool same_unit = false;           // already in the unit: no rate was needed
    std::string rate;                 // for reading: "1.32736"; a PPP factor as stored
    std::string rate_exact;           // "0.8477", "11252/8477"; a PPP factor as stored
    std::string applies_to;           // the rate's day or period, the factor's year
    std::int64_t days = 0;            // days averaged (1 for a day's rate)
    std::string source;               // the rate's or factor's source
    std::string base;                 // the rate table's base (EUR)
    bool cross = false;               // through the base
    std::string factor_currency;      // PPP: the local currency the factor counts
    std::string from;                 // the figure's own currency
    std::string note;                 // why not converted
};

// The conversions of one command run: checks the choice (usage errors for an unknown currency,
// --in with --ppp, a malformed --rate-on), converts figures, and collects each distinct note.
class FigureConversions {
public:
    // Throws CLI::ValidationError for a choice that cannot be carried out, Error for a database
    // failure.
    FigureConversions(Database& database, const ConversionChoice& choice);
    ~FigureConversions();

    bool ppp() const noexcept { return ppp_; }
    // "USD" or "Int$".
    const std::string& unit_code() const noexcept { return unit_.code; }
    const Currency& unit() const noexcept { return unit_; }
    CurrencyConverter& converter() { return *converter_; }

    std::vector<ConvertedFigure> convert(const std::vector<SalaryFigure>& figures);
    ConvertedFigure convert(const SalaryFigure& figure);

    // The columns for converted figures: tables "In USD" and "Rate"; CSV/TSV amount_in (with
    // amount_in_currency), rate, rate_date, rate_source, conversion_note; JSON an object "in"
    // (or "ppp"). `prefix` goes before the keys and headers of a listing with several figures
    // per row ("US "); `rate_column`: tables show the rate beside the amount.
    void add_columns(Listing& listing, Format format, const std::string& key_prefix = {},
                     const std::string& header_prefix = {}, bool rate_column = true) const;
    // The cells of one figure, to match add_columns().
    void add_cells(std::vector<CellValue>& row, const ConvertedFigure& figure, Format format,
                   bool rate_column = true);

    // The rate in words, for a table: "1.32736 (2025-05-09, ECB, via EUR)".
    std::string rate_text(const ConvertedFigure& figure);
    // Each distinct note, once, numbered as the table cells refer to them ("[1] no USD/INR ...").
    const std::vector<std::string>& notes() const noexcept { return notes_; }
    // Writes the notes to stderr ("jobkb: [1] ...").
    void print_notes(const Context& context) const;
    // Each distinct rate or factor the conversions used, for a table that shows them below
    // itself: "GBP→USD 1.32736 (2025-05-09, ECB, via EUR)".
    const std::vector<std::string>& rates_used() const noexcept { return rates_used_; }
    // Writes "Rates: ..." lines under a table (nothing when none was used).
    void print_rates(std::ostream& out) const;
    // The note's number, adding it when new.
    std::size_t note_number(const std::string& note);

private:
    std::vector<ConvertedFigure> convert_figures(const std::vector<SalaryFigure>& figures);

    std::unique_ptr<CurrencyConverter> converter_;
    bool ppp_ = false;
    Currency unit_;
    std::vector<std::string> notes_;
    std::vector<std::string> rates_used_;
};

// A rate (or a factor) used, as a converted figure describes it: what rate_text() words.
ConvertedFigure described_rate(const AppliedRate& rate);
ConvertedFigure described_factor(const AppliedFactor& factor);

// The conversions a command asked for, or nullptr when it asked for none.
std::unique_ptr<FigureConversions> make_conversions(Database& database,
                                                    const ConversionChoice& choice);

// The converted figure as JSON text (the "in" or "ppp" object).
std::string conversion_json(const ConvertedFigure& figure, bool ppp);

} // namespace jobkb::cli
