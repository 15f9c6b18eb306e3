#include "cli/import_tables.hpp"

#include <fmt/format.h>

namespace jobkb::cli {
namespace {

// "A=B/C": the text before the first '=' (which must not be empty), and B and C around the last
// '/' after it (neither empty). nullopt when it is not of that shape.
struct Spec {
    std::string name;
    std::string first;
    std::string second;
};

std::optional<Spec> split_spec(const std::string& text) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0) {
        return std::nullopt;
    }
    const std::string rest = text.substr(equals + 1);
    const auto slash = rest.rfind('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size()) {
        return std::nullopt;
    }
    return Spec{text.substr(0, equals), rest.substr(0, slash), rest.substr(slash + 1)};
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t") == std::string::npos; }

CLI::Validator spec_check(std::string shape, std::string example) {
    return CLI::Validator(
        [shape = std::move(shape), example = std::move(example)](std::string& value) {
            const auto spec = split_spec(value);
            return spec && !blank(spec->name)
                       ? std::string()
                       : fmt::format("expected {} such as {}, not '{}'", shape, example, value);
        },
        "", "spec");
}

// COLUMN=VALUE or COLUMN!=VALUE; the column not empty.
std::optional<RowFilter> split_filter(const std::string& text) {
    const auto equals = text.find('=');
    if (equals == std::string::npos) {
        return std::nullopt;
    }
    const bool differs = equals > 0 && text[equals - 1] == '!';
    RowFilter filter{text.substr(0, differs ? equals - 1 : equals), text.substr(equals + 1),
                     !differs};
    if (blank(filter.column)) {
        return std::nullopt;
    }
    return filter;
}

} // namespace

bool is_figure_spec(const std::string& text) {
    const auto spec = split_spec(text);
    return spec && !blank(spec->name);
}

bool is_row_filter(const std::string& text) { return split_filter(text).has_value(); }

void add_table_options(CLI::App& command, TableArguments& arguments) {
    command
        .add_option("--column", arguments.columns,
                    "A wide table: each filled cell of COLUMN is one figure of this statistic "
                    "and period (repeatable), e.g. --column A_MEDIAN=median/year")
        ->option_text("COLUMN=STATISTIC/PERIOD")
        ->check(spec_check("COLUMN=STATISTIC/PERIOD", "A_MEDIAN=median/year"));
    command
        .add_option("--na", arguments.placeholders,
                    "With --column: a cell of this text is no figure, skipped and counted "
                    "(repeatable; replaces the default: empty, *, n/a, N/A, -)")
        ->option_text("TEXT");
    command
        .add_option("--top-code", arguments.top_codes,
                    "A cell of TEXT is the figure 'at least AMOUNT' for that period "
                    "(repeatable), e.g. --top-code '#'=239200/year --top-code '#'=115/hour")
        ->option_text("TEXT=AMOUNT/PERIOD")
        ->check(spec_check("TEXT=AMOUNT/PERIOD", "'#'=239200/year"));
    command
        .add_option("--where", arguments.filters,
                    "Import only rows whose COLUMN is (=) or is not (!=) VALUE, in any letter "
                    "case (repeatable: all must hold), e.g. --where O_GROUP=detailed")
        ->option_text("COLUMN=VALUE|COLUMN!=VALUE")
        ->check(CLI::Validator(
            [](std::string& value) {
                return split_filter(value) ? std::string()
                                           : "expected COLUMN=VALUE or COLUMN!=VALUE such as "
                                             "O_GROUP=detailed, not '" +
                                                 value + "'";
            },
            "", "filter"));
}

void apply_table_options(const TableArguments& arguments, ImportOptions& options) {
    if (!arguments.placeholders.empty() && arguments.columns.empty()) {
        throw CLI::ValidationError("--na", "applies to the cells of --column's figure columns, "
                                           "and no --column is given");
    }
    for (const std::string& text : arguments.columns) {
        const Spec spec = *split_spec(text);
        options.columns.push_back({spec.name, spec.first, spec.second});
    }
    if (!arguments.placeholders.empty()) {
        options.placeholders = arguments.placeholders;
    }
    for (const std::string& text : arguments.top_codes) {
        const Spec spec = *split_spec(text);
        options.top_codes.push_back({spec.name, spec.first, spec.second});
    }
    for (const std::string& text : arguments.filters) {
        options.filters.push_back(*split_filter(text));
    }
}

void check_table_options(Database& database, const ImportOptions& options) {
    const auto problems = check_salary_options(database, options);
    if (problems.empty()) {
        return;
    }
    const Diagnostic& first = problems.front();
    throw CLI::ValidationError(
        first.field == "column" ? "--column" : "--top-code",
        first.problem + (first.expected.empty() ? "" : " (expected " + first.expected + ")"));
}

std::vector<std::string> table_notes(const ImportReport& report, bool dry_run) {
    std::vector<std::string> notes;
    if (!report.placeholder_cells.empty()) {
        std::string cells;
        for (const auto& column : report.placeholder_cells) {
            cells += fmt::format("{}{} {}", cells.empty() ? "" : ", ", column.column, column.cells);
        }
        notes.push_back("placeholder cells skipped (--na): " + cells);
    }
    if (report.bounds > 0) {
        notes.push_back(fmt::format("{} figure(s) {} as bounds (--top-code: at least the top code)",
                                    report.bounds, dry_run ? "would be stored" : "stored"));
    }
    if (report.ranges > 0) {
        notes.push_back(fmt::format("{} amount(s) were ranges, each {} as two figures (a minimum "
                                    "and a maximum)",
                                    report.ranges, dry_run ? "would be stored" : "stored"));
    }
    if (report.rows_filtered > 0) {
        notes.push_back(fmt::format("{} row(s) left out by --where", report.rows_filtered));
    }
    return notes;
}

} // namespace jobkb::cli
