#include "jobkb/import/salary_validation.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/error.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace jobkb::detail {
namespace {

constexpr std::array<FieldSpec, 18> kSalaryFieldSpecs = {{
    {kImportFields[kRole], true},
    {kImportFields[kCountry], true},
    {kImportFields[kCurrency], true},
    {.name = kImportFields[kAmount], .required = true, .number = true},
    {kImportFields[kPeriod], false},
    {kImportFields[kStatistic], false},
    {kImportFields[kAsOf], true},
    {kImportFields[kSource], false},
    {kImportFields[kNote], false},
    {kImportFields[kQualifier], false},
    {kImportFields[kLevel], false},
    {kImportFields[kEmployment], false},
    {kImportFields[kWorkSetting], false},
    {kImportFields[kCompanySize], false},
    {kImportFields[kArea], false},
    {kImportLookupFields[0], false},
    {kImportLookupFields[1], false},
    {kImportLookupFields[2], false},
}};
static_assert(kSalaryFieldSpecs.size() == kImportFields.size() + kImportLookupFields.size());

// The same with the currency optional (filled from the country's when the file gives none), the
// amount optional (a wide table's), or both: index currency_optional + 2 * amount_optional.
using SalaryFieldSpecs = std::array<FieldSpec, 18>;
constexpr std::array<SalaryFieldSpecs, 4> kSalaryFieldVariants = [] {
    std::array<SalaryFieldSpecs, 4> variants{};
    for (std::size_t variant = 0; variant < variants.size(); ++variant) {
        variants[variant] = kSalaryFieldSpecs;
        variants[variant][kCurrency].required = (variant & 1U) == 0;
        variants[variant][kAmount].required = (variant & 2U) == 0;
    }
    return variants;
}();

constexpr std::pair<const char*, const char*> kQualifierWords[] = {{"exact", "exact"},
                                                                   {"at_least", "at_least"},
                                                                   {"at least", "at_least"},
                                                                   {">=", "at_least"},
                                                                   {"≥", "at_least"},
                                                                   {"at_most", "at_most"},
                                                                   {"at most", "at_most"},
                                                                   {"<=", "at_most"},
                                                                   {"≤", "at_most"},
                                                                   {"approximate", "approximate"},
                                                                   {"approximately", "approximate"},
                                                                   {"around", "approximate"},
                                                                   {"~", "approximate"}};

// The spellings people use for the periods and statistics jobkb knows.
constexpr std::pair<const char*, const char*> kPeriodWords[] = {
    {"yearly", "year"},     {"annual", "year"},    {"annually", "year"}, {"per year", "year"},
    {"pa", "year"},         {"per annum", "year"}, {"yr", "year"},       {"monthly", "month"},
    {"per month", "month"}, {"mo", "month"},       {"hourly", "hour"},   {"per hour", "hour"},
    {"hr", "hour"}};
constexpr std::pair<const char*, const char*> kStatisticWords[] = {
    {"mean", "average"}, {"avg", "average"},  {"p50", "median"},       {"min", "minimum"},
    {"max", "maximum"},  {"report", "point"}, {"individual", "point"}, {"single", "point"}};

template <std::size_t N>
std::unordered_map<std::string, std::string>
spellings(const std::vector<std::string>& codes,
          const std::pair<const char*, const char*> (&words)[N]) {
    std::unordered_map<std::string, std::string> result;
    for (const std::string& code : codes) {
        result.emplace(code, code);
    }
    for (const auto& [word, code] : words) {
        if (result.count(code)) {
            result.emplace(word, code);
        }
    }
    return result;
}

void add(std::vector<Diagnostic>& problems, SalaryField field, std::string problem,
         std::string expected = {}) {
    problems.push_back(
        {{}, 0, std::string(kImportFields[field]), std::move(problem), std::move(expected), {}});
}

std::string upper_case(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    return text;
}

} // namespace

const FieldList& salary_fields(bool currency_required, bool amount_required) {
    static const std::array<FieldList, 4> lists = {
        FieldList(kSalaryFieldVariants[0]), FieldList(kSalaryFieldVariants[1]),
        FieldList(kSalaryFieldVariants[2]), FieldList(kSalaryFieldVariants[3])};
    return lists[(currency_required ? 0U : 1U) + (amount_required ? 0U : 2U)];
}

std::optional<std::string> qualifier_code(std::string_view text) {
    const std::string lowered = ascii_lowered(trimmed(text));
    for (const auto& [word, code] : kQualifierWords) {
        if (lowered == word) {
            return std::string(code);
        }
    }
    return std::nullopt;
}

SalaryVocabulary make_salary_vocabulary(std::vector<Currency> currencies,
                                        const std::vector<std::string>& periods,
                                        const std::vector<std::string>& statistics) {
    SalaryVocabulary vocabulary;
    for (Currency& currency : currencies) {
        std::string code = currency.code;
        vocabulary.currencies.emplace(std::move(code), std::move(currency));
    }
    vocabulary.periods = spellings(periods, kPeriodWords);
    vocabulary.statistics = spellings(statistics, kStatisticWords);
    return vocabulary;
}

SalaryVocabulary load_salary_vocabulary(Database& database, std::string_view doing) {
    Statement currencies(database, doing,
                         "SELECT code, coalesce(symbol, ''), minor_unit, digit_grouping "
                         "FROM currencies");
    Statement periods(database, doing, "SELECT code FROM salary_periods");
    Statement statistics(database, doing, "SELECT code FROM salary_statistics");
    std::vector<Currency> currency_list;
    for (auto row = currencies.use(); row.step();) {
        currency_list.push_back(
            {row.text(0), row.text(1), row.integer(2), parse_digit_grouping(row.text(3))});
    }
    const auto codes = [](Statement& statement) {
        std::vector<std::string> result;
        for (auto row = statement.use(); row.step();) {
            result.push_back(row.text(0));
        }
        return result;
    };
    return make_salary_vocabulary(std::move(currency_list), codes(periods), codes(statistics));
}

std::optional<ValidFigure> validate_figure(FieldTexts& texts, const SalaryVocabulary& vocabulary,
                                           const std::string& today,
                                           std::vector<Diagnostic>& problems, bool keep,
                                           int scale_power) {
    const std::size_t before = problems.size();
    ValidFigure figure;
    const auto currency = vocabulary.currencies.find(upper_case(*texts[kCurrency]));
    if (currency != vocabulary.currencies.end()) {
        figure.currency = &currency->second;
    } else {
        add(problems, kCurrency, fmt::format("unknown currency '{}'", *texts[kCurrency]),
            "an ISO 4217 code such as INR, USD, GBP or EUR");
    }
    std::optional<std::string> implied_period;
    if (figure.currency) {
        try {
            const ParsedAmount amount =
                parse_amount(*texts[kAmount], *figure.currency, scale_power);
            figure.amount_minor = amount.amount_minor;
            implied_period = amount.implied_period;
        } catch (const Error& error) {
            add(problems, kAmount, error.cause()); // says what it expected
        }
    }
    const std::string period = texts[kPeriod] ? ascii_lowered(*texts[kPeriod]) : "year";
    if (const auto found = vocabulary.periods.find(period); found != vocabulary.periods.end()) {
        figure.period = found->second;
        if (implied_period && *implied_period != figure.period) {
            add(problems, kAmount,
                fmt::format("'{}' is per year, but the period is {}", *texts[kAmount],
                            figure.period),
                "the period year, or an amount without LPA");
        }
    } else {
        add(problems, kPeriod, fmt::format("unknown period '{}'", *texts[kPeriod]),
            "year, month or hour");
    }
    const std::string statistic = texts[kStatistic] ? ascii_lowered(*texts[kStatistic]) : "average";
    if (const auto found = vocabulary.statistics.find(statistic);
        found != vocabulary.statistics.end()) {
        figure.statistic = found->second;
    } else {
        add(problems, kStatistic, fmt::format("unknown statistic '{}'", *texts[kStatistic]),
            "average, median, p10, p25, p75, p90, minimum, maximum or point");
    }
    if (texts[kQualifier]) {
        if (auto code = qualifier_code(*texts[kQualifier])) {
            figure.qualifier = std::move(*code);
        } else {
            add(problems, kQualifier, fmt::format("unknown qualifier '{}'", *texts[kQualifier]),
                "exact, at_least, at_most or approximate");
        }
    }
    check_date(kImportFields[kAsOf], *texts[kAsOf], today, problems);
    if (keep) {
        figure.as_of = *texts[kAsOf];
        figure.note = texts[kNote];
    } else {
        figure.as_of = std::move(*texts[kAsOf]);
        figure.note = std::move(texts[kNote]);
    }
    if (problems.size() != before) {
        return std::nullopt;
    }
    return figure;
}

} // namespace jobkb::detail
