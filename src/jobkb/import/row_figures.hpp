#pragma once

#include "jobkb/import/figure_cells.hpp"
#include "jobkb/import/plan.hpp"
#include "jobkb/import/salary_validation.hpp"
#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The figures one salary row holds, pure (no database): its amount (one figure, or a range's
// minimum and maximum), or in a wide table each filled cell of the figure columns; placeholders
// skipped and counted; top codes read as "at least" bounds; each figure checked (validate_figure)
// and, unless outliers are allowed, against its period's plausible range. Roles, countries, areas
// and the comparison with the current figure need the base: the importer's (salary_import.cpp).
// The fuzz targets run this with a vocabulary loaded once, without a database.
namespace jobkb::detail {

// The wide table's figure columns, as the options name them.
std::vector<std::string> figure_column_names(const FigureCellRules& rules);

class RowFigures {
public:
    // `vocabulary` and `rules` outlive the RowFigures. The amounts are multiplied by
    // 10^scale_power (ImportOptions::scale); `today` is YYYY-MM-DD.
    RowFigures(const SalaryVocabulary& vocabulary, const FigureCellRules& rules, std::string today,
               int scale_power, bool check_ranges, std::string file_name);

    // Reads the figures of a record whose field texts read_field_texts() accepted into
    // figures(), replacing the last row's; a cell's problems name its column, an amount's the
    // amount field. Throws InputError for a header without a figure column. Returns false when it
    // added problems (figures() then holds what was valid, and is not to be written).
    bool read(const Record& record, FieldTexts& texts, std::vector<Diagnostic>& problems);

    std::vector<ValidFigure>& figures() noexcept { return figures_; }
    // Per figure of the last row, the field its problems name: the amount, or its column.
    const std::vector<std::string_view>& fields() const noexcept { return fields_; }
    // The last row's ranges (each two of its figures), and its figures read from a top code.
    std::int64_t ranges() const noexcept { return ranges_; }
    std::int64_t bounds() const noexcept { return bounds_; }
    // Per figure column, the placeholder cells read so far.
    const std::vector<std::int64_t>& placeholders() const noexcept { return placeholders_; }

private:
    bool apply_top_code(FieldTexts& texts) const;
    bool read_cells(const Record& record, FieldTexts& texts, std::vector<Diagnostic>& problems);
    void read_amount(FieldTexts& texts, const std::string& amount,
                     const std::optional<std::string>& statistic, bool refuse_statistic, bool bound,
                     bool keep, std::string_view field, std::vector<Diagnostic>& problems);

    const SalaryVocabulary& vocabulary_;
    const FigureCellRules& rules_;
    std::string today_;
    int scale_power_;
    bool check_ranges_;
    NamedColumns cells_; // the figure columns' cells
    std::vector<std::int64_t> placeholders_;
    std::vector<ValidFigure> figures_; // the row's, reused
    std::vector<std::string_view> fields_;
    std::int64_t ranges_ = 0;
    std::int64_t bounds_ = 0;
};

} // namespace jobkb::detail
