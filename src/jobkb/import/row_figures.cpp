#include "jobkb/import/row_figures.hpp"

#include "jobkb/import/plausibility.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/money.hpp"
#include "jobkb/text.hpp"

namespace jobkb::detail {

std::vector<std::string> figure_column_names(const FigureCellRules& rules) {
    std::vector<std::string> names;
    for (const auto& column : rules.columns) {
        names.push_back(column.name);
    }
    return names;
}

RowFigures::RowFigures(const SalaryVocabulary& vocabulary, const FigureCellRules& rules,
                       std::string today, int scale_power, bool check_ranges, std::string file_name)
    : vocabulary_(vocabulary), rules_(rules), today_(std::move(today)), scale_power_(scale_power),
      check_ranges_(check_ranges),
      cells_(figure_column_names(rules), "with figures", std::move(file_name)),
      placeholders_(rules.columns.size(), 0) {}

bool RowFigures::read(const Record& record, FieldTexts& texts, std::vector<Diagnostic>& problems) {
    figures_.clear();
    fields_.clear();
    ranges_ = 0;
    bounds_ = 0;
    const std::size_t before = problems.size();
    if (!rules_.columns.empty()) {
        return read_cells(record, texts, problems);
    }
    const bool bounded = apply_top_code(texts);
    const std::string amount = *texts[kAmount];
    read_amount(texts, amount, texts[kStatistic], true, bounded, false, kImportFields[kAmount],
                problems);
    ranges_ = figures_.size() > 1 ? 1 : 0;
    // A row of one amount with any problem (its role, say) is not checked for plausibility: once
    // fixed, it is, the next time. (A wide row's cells are, each.)
    const bool check = check_ranges_ && problems.empty();
    for (ValidFigure& figure : figures_) {
        fields_.push_back(kImportFields[kAmount]);
        if (bounded) {
            figure.qualifier = "at_least";
            ++bounds_;
        }
        if (check) {
            check_plausible_range(figure, kImportFields[kAmount], problems);
        }
    }
    return problems.size() == before && !figures_.empty();
}

// The amount is the top code's when the row's is one: the caller marks its figure "at least".
bool RowFigures::apply_top_code(FieldTexts& texts) const {
    if (rules_.top_codes.empty() || !texts[kAmount]) {
        return false;
    }
    const std::string period = texts[kPeriod] ? ascii_lowered(*texts[kPeriod]) : "year";
    const auto code = vocabulary_.periods.find(period);
    if (code == vocabulary_.periods.end()) {
        return false;
    }
    if (const auto* bound = rules_.bound(*texts[kAmount], code->second)) {
        texts[kAmount] = bound->amount;
        return true;
    }
    return false;
}

// A wide row: each filled cell of the figure columns is one figure (two for a range); the row is
// valid when every cell is. A row of placeholders only holds no figure, and is valid.
bool RowFigures::read_cells(const Record& record, FieldTexts& texts,
                            std::vector<Diagnostic>& problems) {
    const std::size_t before = problems.size();
    const auto& cells = cells_.cells(record);
    const std::optional<std::string> qualifier = texts[kQualifier];
    for (std::size_t i = 0; i < rules_.columns.size(); ++i) {
        const auto& column = rules_.columns[i];
        const std::string text = cells[i] ? trimmed(*cells[i]) : std::string();
        if (!cells[i] || rules_.placeholder(text)) {
            ++placeholders_[i];
            continue;
        }
        const auto* bound = rules_.bound(text, column.period);
        texts[kPeriod] = column.period;
        texts[kQualifier] = qualifier;
        const std::size_t first = figures_.size();
        read_amount(texts, bound ? bound->amount : text, column.statistic, false, bound != nullptr,
                    true, column.name, problems);
        ranges_ += figures_.size() - first > 1 ? 1 : 0;
        for (std::size_t f = first; f < figures_.size(); ++f) {
            fields_.push_back(column.name);
            if (bound) {
                figures_[f].qualifier = "at_least";
                ++bounds_;
            }
            if (check_ranges_) {
                check_plausible_range(figures_[f], column.name, problems);
            }
        }
    }
    return problems.size() == before;
}

// The figures of one amount text, added to figures_: one, or for a range ("$53K-$91K",
// "10-12 LPA") its minimum and its maximum. `statistic` is the row's or the column's; a row that
// names one cannot hold a range (refuse_statistic), a column's is replaced by the range's. A bound
// (a top code's amount) is neither scaled nor a range. Problems name `field`.
void RowFigures::read_amount(FieldTexts& texts, const std::string& amount,
                             const std::optional<std::string>& statistic, bool refuse_statistic,
                             bool bound, bool keep, std::string_view field,
                             std::vector<Diagnostic>& problems) {
    const std::size_t before = problems.size();
    const int scale = bound ? 0 : scale_power_;
    const auto range = bound ? std::nullopt : split_amount_range(amount);
    if (!range) {
        texts[kAmount] = amount;
        texts[kStatistic] = statistic;
        if (auto figure = validate_figure(texts, vocabulary_, today_, problems, keep, scale)) {
            figures_.push_back(std::move(*figure));
        }
    } else if (refuse_statistic && statistic) {
        problems.push_back({{},
                            0,
                            std::string(kImportFields[kAmount]),
                            "'" + amount +
                                "' is a range (a minimum and a maximum), but the statistic is '" +
                                *statistic + "'",
                            "one amount, or a range without a statistic",
                            {}});
    } else {
        texts[kAmount] = range->first;
        texts[kStatistic] = "minimum";
        auto low = validate_figure(texts, vocabulary_, today_, problems, true, scale);
        if (low) {
            texts[kAmount] = range->second;
            texts[kStatistic] = "maximum";
            auto high = validate_figure(texts, vocabulary_, today_, problems, keep, scale);
            if (high && low->amount_minor > high->amount_minor) {
                problems.push_back({{},
                                    0,
                                    std::string(kImportFields[kAmount]),
                                    "'" + amount + "': the low end " +
                                        format_money(low->amount_minor, *low->currency) +
                                        " is above the high end " +
                                        format_money(high->amount_minor, *high->currency),
                                    "LOW-HIGH, the low end first",
                                    {}});
            } else if (high) {
                figures_.push_back(std::move(*low));
                figures_.push_back(std::move(*high));
            }
        }
    }
    for (std::size_t p = before; p < problems.size(); ++p) {
        if (problems[p].field == kImportFields[kAmount]) {
            problems[p].field = std::string(field);
        }
    }
}

} // namespace jobkb::detail
