#include "cli/converted_figures.hpp"

#include "cli/usage_errors.hpp"

#include "jobkb/error.hpp"
#include "jobkb/names.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace jobkb::cli {
namespace {

using Json = nlohmann::ordered_json;

// "ECB" of "ECB euro foreign exchange reference rates": the leading words that start with a
// capital, which is how sources name their publisher.
std::string short_source(const std::string& title) {
    std::string words;
    std::size_t start = 0;
    while (start < title.size()) {
        const std::size_t end = std::min(title.find_first_of(" ,", start), title.size());
        const std::string word = title.substr(start, end - start);
        if (word.empty() || !(word[0] >= 'A' && word[0] <= 'Z')) {
            break;
        }
        words += (words.empty() ? "" : " ") + word;
        if (end < title.size() && title[end] == ',') {
            break;
        }
        start = end + 1;
    }
    return words.empty() ? title : words;
}

bool currency_shape(const std::string& code) {
    return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
           });
}

} // namespace

void add_conversion_options(CLI::App& command, ConversionChoice& choice) {
    auto* in = command
                   .add_option("--in", choice.in,
                               "Also show every figure in this currency (ISO 4217 code), with "
                               "the exchange rate used, its date and source")
                   ->option_text("CUR");
    command
        .add_flag("--ppp", choice.ppp,
                  "Also show every figure in international dollars (Int$), divided by its "
                  "country's PPP conversion factor")
        ->excludes(in);
    command
        .add_option("--rate-on", choice.rate_on,
                    "Convert at the rates of this day (YYYY-MM-DD, or latest) instead of each "
                    "figure's own date or period")
        ->option_text("DATE|latest");
}

FigureConversions::FigureConversions(Database& database, const ConversionChoice& choice)
    : ppp_(choice.ppp) {
    ConversionOptions options;
    if (!choice.rate_on.empty()) {
        if (choice.rate_on == "latest") {
            const auto latest = CurrencyConverter(database).latest_rate_day();
            if (!latest) {
                throw Error(ErrorCode::kNotFound,
                            "--rate-on latest: the base has no exchange rates yet (import some "
                            "with 'jobkb import rates FILE')");
            }
            options.rate_on = *latest;
        } else {
            options.rate_on = choice.rate_on;
        }
    }
    try {
        converter_ = std::make_unique<CurrencyConverter>(database, options);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::kInvalidArgument) {
            throw;
        }
        throw CLI::ValidationError("--rate-on", "'" + choice.rate_on +
                                                    "' is not a date (expected YYYY-MM-DD such "
                                                    "as 2025-05-09, or latest)");
    }
    if (ppp_) {
        unit_ = international_dollar();
        return;
    }
    if (!currency_shape(choice.in)) {
        throw CLI::ValidationError("--in", "'" + choice.in +
                                               "' is not a currency code (expected an ISO 4217 "
                                               "code such as USD, EUR or INR)");
    }
    try {
        unit_ = converter_->currency(choice.in); // any letter case
    } catch (const Error& error) {
        if (error.code() != ErrorCode::kNotFound) {
            throw;
        }
        std::vector<std::string> near;
        for (const char* common : {"USD", "EUR", "GBP", "INR", "JPY", "CAD", "AUD", "CHF"}) {
            if (typo_distance(common, choice.in) <= 1) {
                near.push_back(common);
            }
        }
        throw CLI::ValidationError(
            "--in", "unknown currency '" + choice.in + "'" +
                        (near.empty() ? std::string(" (expected an ISO 4217 code such as USD)")
                                      : " (did you mean " + word_list(near) + "?)"));
    }
}

FigureConversions::~FigureConversions() = default;

ConvertedFigure FigureConversions::convert(const SalaryFigure& figure) {
    return convert(std::vector<SalaryFigure>{figure}).front();
}

std::vector<ConvertedFigure> FigureConversions::convert(const std::vector<SalaryFigure>& figures) {
    std::vector<ConvertedFigure> results = convert_figures(figures);
    for (std::size_t i = 0; i < results.size(); ++i) {
        ConvertedFigure& result = results[i];
        result.from = figures[i].currency.code;
        if (!result.amount || result.same_unit) {
            continue;
        }
        const std::string line =
            (ppp_ ? figures[i].country_code + " " : result.from + "→" + unit_.code + " ") +
            rate_text(result);
        if (std::find(rates_used_.begin(), rates_used_.end(), line) == rates_used_.end()) {
            rates_used_.push_back(line);
        }
    }
    return results;
}

std::vector<ConvertedFigure>
FigureConversions::convert_figures(const std::vector<SalaryFigure>& figures) {
    std::vector<ConvertedFigure> results;
    results.reserve(figures.size());
    if (ppp_) {
        for (const auto& conversion : converter_->to_international_dollars_all(figures)) {
            ConvertedFigure result =
                conversion.factor ? described_factor(*conversion.factor) : ConvertedFigure{};
            if (conversion.amount_minor) {
                result.amount = MoneyValue{*conversion.amount_minor, unit_};
            }
            result.note = conversion.note;
            if (!result.note.empty()) {
                note_number(result.note);
            }
            results.push_back(std::move(result));
        }
        return results;
    }
    for (const auto& conversion : converter_->convert_all(figures, unit_.code)) {
        ConvertedFigure result =
            conversion.rate ? described_rate(*conversion.rate) : ConvertedFigure{};
        if (conversion.amount_minor) {
            result.amount = MoneyValue{*conversion.amount_minor, unit_};
            result.same_unit = !conversion.rate;
        }
        result.note = conversion.note;
        if (!result.note.empty()) {
            note_number(result.note);
        }
        results.push_back(std::move(result));
    }
    return results;
}

std::size_t FigureConversions::note_number(const std::string& note) {
    const auto found = std::find(notes_.begin(), notes_.end(), note);
    if (found != notes_.end()) {
        return static_cast<std::size_t>(found - notes_.begin()) + 1;
    }
    notes_.push_back(note);
    return notes_.size();
}

std::string FigureConversions::rate_text(const ConvertedFigure& figure) {
    if (!figure.note.empty()) {
        return fmt::format("not converted [{}]", note_number(figure.note));
    }
    if (figure.same_unit) {
        return "";
    }
    const std::string source = short_source(figure.source);
    if (ppp_) {
        return fmt::format("{} {} ({}, {})", figure.rate, figure.factor_currency, figure.applies_to,
                           source);
    }
    const std::string when = figure.days > 1
                                 ? fmt::format("{} avg of {} days", figure.applies_to, figure.days)
                                 : figure.applies_to;
    return fmt::format("{} ({}, {}{})", figure.rate, when, source,
                       figure.cross ? ", via " + figure.base : "");
}

void FigureConversions::add_columns(Listing& listing, Format format, const std::string& key_prefix,
                                    const std::string& header_prefix, bool rate_column) const {
    const std::string in = (header_prefix.empty() ? "In " : "in ") + unit_.code;
    switch (format) {
    case Format::kJson:
    case Format::kNdjson:
        listing.columns.push_back({key_prefix + (ppp_ ? "ppp" : "in"), header_prefix + in});
        return;
    case Format::kCsv:
    case Format::kTsv:
        listing.columns.push_back(money_column(key_prefix + "amount_in", header_prefix + in));
        listing.columns.push_back({key_prefix + "rate", "Rate"});
        listing.columns.push_back({key_prefix + "rate_date", "Rate date"});
        listing.columns.push_back({key_prefix + "rate_source", "Rate source"});
        listing.columns.push_back({key_prefix + "conversion_note", "Conversion note"});
        return;
    case Format::kTable:
    case Format::kMarkdown:
        listing.columns.push_back(money_column(key_prefix + "amount_in", header_prefix + in));
        if (rate_column) {
            listing.columns.push_back({key_prefix + "rate",
                                       header_prefix + (ppp_ ? "PPP factor" : "Rate"), Align::kLeft,
                                       24});
        }
        return;
    }
}

void FigureConversions::add_cells(std::vector<CellValue>& row, const ConvertedFigure& figure,
                                  Format format, bool rate_column) {
    const auto amount = figure.amount ? CellValue{*figure.amount} : CellValue{};
    switch (format) {
    case Format::kJson:
    case Format::kNdjson:
        row.emplace_back(JsonText{conversion_json(figure, ppp_)});
        return;
    case Format::kCsv:
    case Format::kTsv:
        row.push_back(amount);
        row.emplace_back(figure.rate);
        row.emplace_back(figure.applies_to);
        row.emplace_back(figure.source);
        row.emplace_back(figure.note);
        return;
    case Format::kTable:
    case Format::kMarkdown:
        if (!figure.amount && !rate_column) {
            row.emplace_back(fmt::format("not converted [{}]", note_number(figure.note)));
        } else {
            row.push_back(amount);
        }
        if (rate_column) {
            row.emplace_back(rate_text(figure));
        }
        return;
    }
}

void FigureConversions::print_rates(std::ostream& out) const {
    if (rates_used_.empty()) {
        return;
    }
    out << (ppp_ ? "PPP factors: " : "Rates: ");
    for (std::size_t i = 0; i < rates_used_.size(); ++i) {
        out << (i == 0 ? "" : "; ") << rates_used_[i];
    }
    out << '\n';
}

void FigureConversions::print_notes(const Context& context) const {
    for (std::size_t i = 0; i < notes_.size(); ++i) {
        context.note(fmt::format("[{}] not converted: {}", i + 1, notes_[i]));
    }
}

ConvertedFigure described_rate(const AppliedRate& rate) {
    ConvertedFigure figure;
    figure.rate = rate.rate;
    figure.rate_exact = rate.exact_rate;
    figure.applies_to = rate.applies_to;
    figure.days = rate.days;
    figure.source = rate.source;
    figure.base = rate.base;
    figure.cross = rate.cross;
    figure.from = rate.from;
    return figure;
}

ConvertedFigure described_factor(const AppliedFactor& factor) {
    ConvertedFigure figure;
    figure.rate = factor.factor;
    figure.rate_exact = factor.factor;
    figure.applies_to = std::to_string(factor.year);
    figure.source = factor.source;
    figure.factor_currency = factor.currency;
    return figure;
}

std::unique_ptr<FigureConversions> make_conversions(Database& database,
                                                    const ConversionChoice& choice) {
    if (!choice.asked()) {
        if (!choice.rate_on.empty()) {
            throw CLI::ValidationError("--rate-on", "needs --in CUR or --ppp");
        }
        return nullptr;
    }
    return std::make_unique<FigureConversions>(database, choice);
}

std::string conversion_json(const ConvertedFigure& figure, bool ppp) {
    Json amount = nullptr;
    if (figure.amount) {
        amount = ppp ? Json{{"amount_minor", figure.amount->amount_minor}, {"unit", "Int$"}}
                     : Json{{"amount_minor", figure.amount->amount_minor},
                            {"currency", figure.amount->currency.code}};
    }
    const auto text_or_null = [](const std::string& text) {
        return text.empty() ? Json(nullptr) : Json(text);
    };
    Json object;
    if (ppp) {
        object = Json{{"amount", amount},
                      {"factor", text_or_null(figure.rate)},
                      {"factor_currency", text_or_null(figure.factor_currency)},
                      {"year", text_or_null(figure.applies_to)},
                      {"source", text_or_null(figure.source)},
                      {"note", text_or_null(figure.note)}};
    } else {
        object = Json{{"amount", amount},
                      {"rate", text_or_null(figure.rate)},
                      {"rate_exact", text_or_null(figure.rate_exact)},
                      {"applies_to", text_or_null(figure.applies_to)},
                      {"days", figure.rate.empty() ? Json(nullptr) : Json(figure.days)},
                      {"source", text_or_null(figure.source)},
                      {"cross", figure.rate.empty() ? Json(nullptr) : Json(figure.cross)},
                      {"note", text_or_null(figure.note)}};
    }
    return object.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace jobkb::cli
