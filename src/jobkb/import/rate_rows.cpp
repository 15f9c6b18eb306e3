#include "jobkb/import/rate_rows.hpp"

#include "jobkb/import/rate_layouts.hpp"
#include "jobkb/import/readers.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_set>

namespace jobkb::detail {
namespace {

constexpr const char* kDecimalExpected =
    "a positive decimal such as 1.1252: digits with at most one point, at most 18 significant "
    "digits";

// The fixed columns of the long layouts, in the order long_columns_ holds them.
constexpr std::array<std::string_view, 4> kLongRateColumns = {"date", "base", "quote", "rate"};
constexpr std::array<std::string_view, 4> kPppColumns = {"country", "country id", "year", "ppp"};
constexpr std::array<std::string_view, 4> kWorldBankColumns = {"country name", "country code",
                                                               "indicator name", "indicator code"};

bool is_not_available(const std::string& text) { return text.empty() || text == "N/A"; }

std::string cell(const Record& record, std::size_t column) {
    return column < record.values.size() && record.values[column] ? trimmed(*record.values[column])
                                                                  : std::string();
}

void add(std::vector<Diagnostic>& problems, std::string_view field, std::string problem,
         std::string expected) {
    problems.push_back({{}, 0, std::string(field), std::move(problem), std::move(expected), {}});
}

} // namespace

void RateRows::begin(FileImport& run) {
    loaded_ = RateVocabulary::load(run.database(), run.doing());
    store_.emplace(run.database(), run.doing(), run.batch_id(), run.batch_source());
    start(*loaded_, *store_, run.options().file_name, run.today());
}

void RateRows::start(const RateVocabulary& vocabulary, RateSink& sink, std::string file_name,
                     std::string today) {
    vocabulary_ = &vocabulary;
    sink_ = &sink;
    file_name_ = std::move(file_name);
    today_ = std::move(today);
    report_.layout = layout_;
    report_.content = std::string(content());
}

void RateRows::plan_header(const Record& record) {
    planned_ = true;
    std::vector<std::string> names;
    if (record.names != nullptr) {
        for (const auto& name : *record.names) {
            names.push_back(trimmed(name));
        }
    }
    const auto refuse = [&](std::string problem, std::string expected) {
        Diagnostic diagnostic{
            file_name_,         record.header_line,  "header",
            std::move(problem), std::move(expected), Hint{HintKind::kChooseLayout, {}, {}}};
        throw InputError({std::move(diagnostic)});
    };
    const auto fixed = [&](std::span<const std::string_view> wanted, const char* layout) {
        for (const auto want : wanted) {
            const auto found = std::find_if(names.begin(), names.end(), [&](const auto& name) {
                return ascii_lowered(name) == want;
            });
            if (found == names.end()) {
                refuse(fmt::format("no column '{}' for the {} layout", want, layout),
                       fmt::format("the columns {}", fmt::join(wanted, ", ")));
            }
            long_columns_.push_back(static_cast<std::size_t>(found - names.begin()));
        }
    };
    switch (layout_) {
    case RateLayout::kEcb:
    case RateLayout::kEcbDaily:
    case RateLayout::kAuto:
        if (names.empty() || ascii_lowered(names[0]) != "date") {
            refuse("the first column is not Date", "Date, then one ISO 4217 code a column, as the "
                                                   "ECB publishes: Date,USD,JPY,...");
        }
        plan_wide_rates(names);
        break;
    case RateLayout::kLong:
        fixed(kLongRateColumns, "long");
        break;
    case RateLayout::kPpp:
        fixed(kPppColumns, "ppp");
        break;
    case RateLayout::kWorldBank:
        fixed(kWorldBankColumns, "world-bank");
        plan_wide_years(names);
        break;
    }
    // Each column's problem, found while planning, refuses the header as a whole.
    for (const auto& column : columns_) {
        if (!column.problem.empty()) {
            refuse(column.problem, layout_ == RateLayout::kWorldBank
                                       ? "a year from 1900 a column, each once"
                                       : "one ISO 4217 code a column, each once: USD,JPY");
        }
    }
}

void RateRows::plan_wide_rates(const std::vector<std::string>& names) {
    std::unordered_set<std::string> seen;
    columns_.assign(names.size(), {});
    columns_[0].skip = true;
    for (std::size_t i = 1; i < names.size(); ++i) {
        Column& column = columns_[i];
        column.name = names[i];
        if (column.name.empty() && i + 1 == names.size()) {
            column.skip = true; // the ECB's trailing comma
            continue;
        }
        const bool code =
            column.name.size() == 3 && std::all_of(column.name.begin(), column.name.end(),
                                                   [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!code) {
            column.problem = fmt::format("column {} '{}' is not a currency code", i + 1,
                                         column_label(names[i], i));
        } else if (column.name == "EUR") {
            column.problem = "column EUR: the ECB's rates are of one euro, EUR is no column";
        } else if (!seen.insert(column.name).second) {
            column.problem = fmt::format("{} is a column twice", column.name);
        } else if (!vocabulary_->knows_currency(column.name)) {
            column.skip = true; // counted per value: a withdrawn currency (CYP, ...)
        }
    }
}

void RateRows::plan_wide_years(const std::vector<std::string>& names) {
    std::unordered_set<std::string> seen;
    columns_.assign(names.size(), {});
    for (std::size_t i = 0; i < names.size(); ++i) {
        Column& column = columns_[i];
        column.name = names[i];
        if (std::find(long_columns_.begin(), long_columns_.end(), i) != long_columns_.end() ||
            (column.name.empty() && i + 1 == names.size())) {
            column.skip = true;
            continue;
        }
        std::vector<Diagnostic> problems;
        const auto parsed = year(column.name, "header", problems);
        if (!parsed) {
            column.problem =
                fmt::format("column {} '{}' is not a year", i + 1, column_label(names[i], i));
        } else if (!seen.insert(column.name).second) {
            column.problem = fmt::format("{} is a column twice", column.name);
        } else {
            column.year = *parsed;
        }
    }
}

bool RateRows::accept(const Record& record, FieldTexts&, bool write,
                      std::vector<Diagnostic>& problems) {
    if (!planned_) {
        if (layout_ == RateLayout::kAuto) {
            layout_ = RateLayout::kEcb;
        }
        plan_header(record);
    }
    if (!record.problem.empty()) {
        add(problems, "row", record.problem, {});
        return false;
    }
    values_.clear();
    bool valid = false;
    switch (layout_) {
    case RateLayout::kAuto:
    case RateLayout::kEcb:
    case RateLayout::kEcbDaily:
        valid = read_wide_rates(record, problems);
        break;
    case RateLayout::kLong:
        valid = read_long_rate(record, problems);
        break;
    case RateLayout::kPpp:
        valid = read_ppp_long(record, problems);
        break;
    case RateLayout::kWorldBank:
        valid = read_world_bank(record, problems);
        break;
    }
    if (!valid || !problems.empty()) {
        return false;
    }
    if (write) {
        write_values(problems);
    }
    return problems.empty();
}

bool RateRows::read_wide_rates(const Record& record, std::vector<Diagnostic>& problems) {
    const auto when = day(cell(record, 0), "Date", problems);
    for (std::size_t i = 1; i < columns_.size(); ++i) {
        const std::string text = cell(record, i);
        const Column& column = columns_[i];
        if (column.skip) {
            if (column.name.empty()) {
                continue; // the trailing empty column
            }
            if (is_not_available(text)) {
                ++report_.not_available;
            } else {
                ++report_.values_read;
                skip(column.name, "unknown currency");
            }
            continue;
        }
        if (is_not_available(text)) {
            ++report_.not_available;
            continue;
        }
        ++report_.values_read;
        if (const auto rate = decimal(text, column.name, problems)) {
            values_.push_back({i, "EUR", column.name, 0, *rate});
        }
    }
    if (!when) {
        return false;
    }
    day_ = *when;
    return true;
}

bool RateRows::read_long_rate(const Record& record, std::vector<Diagnostic>& problems) {
    const auto when = day(cell(record, long_columns_[0]), "date", problems);
    const std::string base = ascii_uppered(cell(record, long_columns_[1]));
    const std::string quote = ascii_uppered(cell(record, long_columns_[2]));
    const std::string text = cell(record, long_columns_[3]);
    if (is_not_available(text)) {
        ++report_.not_available;
        return when.has_value();
    }
    ++report_.values_read;
    const auto rate = decimal(text, "rate", problems);
    if (base == quote) {
        add(problems, "quote", fmt::format("'{}' is the base too", elided(quote, 40)),
            "another currency than the base");
    }
    if (!when || !rate || !problems.empty()) {
        return false;
    }
    for (const auto* code : {&base, &quote}) {
        if (!vocabulary_->knows_currency(*code)) {
            skip(*code, "unknown currency");
            return true;
        }
    }
    day_ = *when;
    values_.push_back({long_columns_[3], base, quote, 0, *rate});
    return true;
}

bool RateRows::read_ppp_long(const Record& record, std::vector<Diagnostic>& problems) {
    const std::string name = cell(record, long_columns_[0]);
    const std::string code = ascii_uppered(cell(record, long_columns_[1]));
    const auto when = year(cell(record, long_columns_[2]), "Year", problems);
    const std::string text = cell(record, long_columns_[3]);
    if (is_not_available(text)) {
        ++report_.not_available;
        return when.has_value();
    }
    ++report_.values_read;
    const auto factor = decimal(text, "PPP", problems);
    if (!when || !factor) {
        return false;
    }
    if (const auto found = country(code, name)) {
        add_factor_value(long_columns_[3], *found, *when, *factor);
    }
    return true;
}

bool RateRows::read_world_bank(const Record& record, std::vector<Diagnostic>& problems) {
    const std::string name = cell(record, long_columns_[0]);
    const std::string code = ascii_uppered(cell(record, long_columns_[1]));
    const std::string indicator = cell(record, long_columns_[3]);
    if (indicator_.empty()) {
        indicator_ = indicator;
    }
    if (indicator != indicator_ || world_bank_source(indicator) == nullptr) {
        add(problems, "Indicator Code",
            fmt::format("'{}' is not {}", elided(indicator, 40),
                        indicator_ == indicator ? "a PPP conversion factor" : indicator_),
            "PA.NUS.PPP (GDP) or PA.NUS.PRVT.PP (private consumption), the same in every row");
        return false;
    }
    const auto mapped = vocabulary_->alpha2.find(code);
    std::optional<std::string> found;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const Column& column = columns_[i];
        if (column.skip) {
            continue;
        }
        const std::string text = cell(record, i);
        if (is_not_available(text)) {
            ++report_.not_available;
            continue;
        }
        ++report_.values_read;
        const auto factor = decimal(text, column.name, problems);
        if (!factor) {
            continue;
        }
        if (mapped == vocabulary_->alpha2.end()) {
            skip(fmt::format("{} ({})", code, elided(name, 40)), "an aggregate, not a country");
            continue;
        }
        if (!found && !(found = country(mapped->second, name))) {
            continue;
        }
        add_factor_value(i, *found, column.year, *factor);
    }
    return problems.empty();
}

std::optional<std::string> RateRows::country(const std::string& code, const std::string& name) {
    if (vocabulary_->country_currency(code) == nullptr) {
        skip(fmt::format("{} ({})", elided(code, 12), elided(name, 40)),
             "not a country the base lists");
        return std::nullopt;
    }
    return code;
}

void RateRows::add_factor_value(std::size_t column, const std::string& country, int year,
                                const Decimal& factor) {
    std::string remark;
    std::string currency =
        ppp_factor_currency(country, year, *vocabulary_->country_currency(country), remark);
    if (!remark.empty()) {
        note(remark);
    }
    values_.push_back({column, country, std::move(currency), year, factor});
}

void RateRows::write_values(std::vector<Diagnostic>& problems) {
    std::string earlier;
    for (const Value& value : values_) {
        const bool factor = holds_ppp_factors(layout_);
        const StoreOutcome outcome =
            factor ? sink_->add_factor(value.base, value.year, value.quote, value.value, earlier)
                   : sink_->add_rate(day_, value.base, value.quote, value.value, earlier);
        if (outcome == StoreOutcome::kUnchanged) {
            ++report_.values_unchanged;
        } else if (outcome == StoreOutcome::kConflict) {
            const std::string what = factor
                                         ? fmt::format("{} {}", value.base, value.year)
                                         : fmt::format("{}/{} {}", value.base, value.quote, day_);
            add(problems, factor ? "PPP" : value.quote,
                fmt::format("{} is {} here and {} on an earlier line", what,
                            value.value.to_string(), earlier),
                "one value per key in a file");
        }
        saw(factor ? std::to_string(value.year) : day_);
    }
}

std::optional<std::string> RateRows::day(const std::string& text, std::string_view field,
                                         std::vector<Diagnostic>& problems) {
    std::string iso = text;
    if (layout_ == RateLayout::kEcbDaily) {
        const auto converted = ecb_daily_date(text);
        if (!converted) {
            add(problems, field, fmt::format("'{}' is not a day", elided(text, 40)),
                "a day such as 09 May 2025");
            return std::nullopt;
        }
        iso = *converted;
    }
    if (iso.size() != 10) {
        add(problems, field, fmt::format("'{}' is not a day", elided(text, 40)),
            "a day such as 2025-05-09");
        return std::nullopt;
    }
    if (!check_date(field, iso, today_, problems)) {
        return std::nullopt;
    }
    return iso;
}

std::optional<Decimal> RateRows::decimal(const std::string& text, std::string_view field,
                                         std::vector<Diagnostic>& problems) {
    const auto parsed = Decimal::try_parse(text);
    if (!parsed) {
        add(problems, field, fmt::format("'{}' is not a plain positive decimal", elided(text, 40)),
            kDecimalExpected);
        return std::nullopt;
    }
    if (parsed->is_zero()) {
        add(problems, field, fmt::format("'{}' is zero", elided(text, 40)), kDecimalExpected);
        return std::nullopt;
    }
    return parsed;
}

std::optional<int> RateRows::year(const std::string& text, std::string_view field,
                                  std::vector<Diagnostic>& problems) {
    if (text.size() != 4 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        add(problems, field, fmt::format("'{}' is not a year", elided(text, 40)),
            "a year such as 2024");
        return std::nullopt;
    }
    if (!check_date(field, text, today_, problems)) {
        return std::nullopt;
    }
    return std::stoi(text);
}

void RateRows::skip(const std::string& what, const char* why, std::int64_t count) {
    for (auto& skipped : report_.skipped) {
        if (skipped.what == what) {
            skipped.count += count;
            return;
        }
    }
    if (report_.skipped.size() < 1000) { // a file of distinct made-up codes stays bounded
        report_.skipped.push_back({what, count, why});
    }
}

void RateRows::note(const std::string& text) {
    if (std::find(report_.notes.begin(), report_.notes.end(), text) == report_.notes.end()) {
        report_.notes.push_back(text);
    }
}

void RateRows::saw(const std::string& when) {
    if (report_.first_date.empty() || when < report_.first_date) {
        report_.first_date = when;
    }
    if (when > report_.last_date) {
        report_.last_date = when;
    }
}

} // namespace jobkb::detail
