#pragma once

#include "jobkb/import.hpp"
#include "jobkb/import/salary_validation.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// How a salary import reads the cells of a figure: a wide table's columns (each with its
// statistic and period), the placeholders that are no figure, and the top codes that are bounds
// ("#" is at least 239,200 a year). The options' spellings resolved to the base's codes once.
namespace jobkb::detail {

struct FigureCellRules {
    struct Column {
        std::string name;      // as the options give it
        std::string statistic; // a code
        std::string period;    // a code
    };
    struct Bound {
        std::string text;   // the cell's text
        std::string amount; // as written: parsed in each row's currency
        std::string period; // a code
    };
    std::vector<Column> columns;
    std::vector<std::string> placeholders;
    std::vector<Bound> top_codes;

    // The top code a cell of `text` and `period` is, if any.
    const Bound* bound(const std::string& text, const std::string& period) const;
    // Whether the cell text is a placeholder.
    bool placeholder(const std::string& text) const;
    // For the settings fingerprint: "columns=a_median:median/year,...;na=...;top=#:239200/year",
    // empty without columns and top codes.
    std::string settings() const;
};

// The options' columns and top codes against the vocabulary: the rules, or the problems (field
// "column" or "top code", problem naming the spec) when a statistic, a period or an amount is not
// known or a column is given twice.
FigureCellRules figure_cell_rules(const ImportOptions& options, const SalaryVocabulary& vocabulary,
                                  std::vector<Diagnostic>& problems);

} // namespace jobkb::detail
