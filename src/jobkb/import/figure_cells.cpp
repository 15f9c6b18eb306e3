#include "jobkb/import/figure_cells.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace jobkb::detail {
namespace {

std::optional<std::string> code_of(const std::unordered_map<std::string, std::string>& words,
                                   const std::string& text) {
    const auto found = words.find(ascii_lowered(trimmed(text)));
    return found == words.end() ? std::nullopt : std::optional<std::string>(found->second);
}

} // namespace

const FigureCellRules::Bound* FigureCellRules::bound(const std::string& text,
                                                     const std::string& period) const {
    for (const Bound& top : top_codes) {
        if (top.text == text && top.period == period) {
            return &top;
        }
    }
    return nullptr;
}

bool FigureCellRules::placeholder(const std::string& text) const {
    return std::find(placeholders.begin(), placeholders.end(), text) != placeholders.end();
}

std::string FigureCellRules::settings() const {
    std::string text;
    if (!columns.empty()) {
        text += "columns=";
        for (const Column& column : columns) {
            text += (&column == &columns.front() ? "" : ",") + ascii_lowered(column.name) + ":" +
                    column.statistic + "/" + column.period;
        }
        std::vector<std::string> sorted = placeholders;
        std::sort(sorted.begin(), sorted.end());
        text += ";na=";
        for (const std::string& placeholder : sorted) {
            text += "[" + placeholder + "]";
        }
    }
    for (const Bound& top : top_codes) {
        text += (text.empty() ? "" : ";") + std::string("top=") + top.text + ":" + top.amount +
                "/" + top.period;
    }
    return text;
}

FigureCellRules figure_cell_rules(const ImportOptions& options, const SalaryVocabulary& vocabulary,
                                  std::vector<Diagnostic>& problems) {
    FigureCellRules rules;
    const auto problem = [&](const char* field, std::string text, std::string expected) {
        problems.push_back({{}, 0, field, std::move(text), std::move(expected), {}});
    };
    for (const FigureColumn& column : options.columns) {
        const auto statistic = code_of(vocabulary.statistics, column.statistic);
        const auto period = code_of(vocabulary.periods, column.period);
        const std::string spec =
            fmt::format("{}={}/{}", column.column, column.statistic, column.period);
        if (trimmed(column.column).empty()) {
            problem("column", fmt::format("'{}' names no column", spec), "COLUMN=STATISTIC/PERIOD");
        } else if (!statistic) {
            problem("column", fmt::format("'{}': unknown statistic '{}'", spec, column.statistic),
                    "average, median, p10, p25, p75, p90, minimum, maximum or point");
        } else if (!period) {
            problem("column", fmt::format("'{}': unknown period '{}'", spec, column.period),
                    "year, month or hour");
        } else if (std::any_of(rules.columns.begin(), rules.columns.end(), [&](const auto& seen) {
                       return ascii_lowered(trimmed(seen.name)) ==
                              ascii_lowered(trimmed(column.column));
                   })) {
            problem("column",
                    fmt::format("'{}': the column {} is given twice", spec, trimmed(column.column)),
                    "each column once");
        } else {
            rules.columns.push_back({trimmed(column.column), *statistic, *period});
        }
    }
    rules.placeholders = options.placeholders;
    if (rules.placeholders.empty()) {
        rules.placeholders = {"", "*", "n/a", "N/A", "-"};
    }
    for (std::string& placeholder : rules.placeholders) {
        placeholder = trimmed(placeholder);
    }
    // A bound's amount is checked in a currency of two decimals: each row's own parses it again.
    const auto usd = vocabulary.currencies.find("USD");
    for (const TopCode& top : options.top_codes) {
        const std::string spec = fmt::format("{}={}/{}", top.text, top.amount, top.period);
        const auto period = code_of(vocabulary.periods, top.period);
        if (trimmed(top.text).empty()) {
            problem("top code", fmt::format("'{}' names no cell text", spec), "TEXT=AMOUNT/PERIOD");
            continue;
        }
        if (!period) {
            problem("top code", fmt::format("'{}': unknown period '{}'", spec, top.period),
                    "year, month or hour");
            continue;
        }
        if (usd != vocabulary.currencies.end()) {
            try {
                parse_amount(top.amount, usd->second);
            } catch (const Error& error) {
                problem("top code", fmt::format("'{}': {}", spec, error.cause()), {});
                continue;
            }
        }
        if (rules.bound(trimmed(top.text), *period)) {
            problem("top code",
                    fmt::format("'{}': {} per {} is given twice", spec, trimmed(top.text), *period),
                    "each text once per period");
            continue;
        }
        rules.top_codes.push_back({trimmed(top.text), trimmed(top.amount), *period});
    }
    return rules;
}

} // namespace jobkb::detail
