#pragma once

#include "cli/output.hpp"

#include "jobkb/catalog.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <string>
#include <vector>

// The survey dimensions in `jobkb salaries`: the filters --level, --employment, --work-setting,
// --company-size, the grouping --by (with --reports), and how figures and report groups show them
// (a Dimensions column in tables, four stable columns after the qualifier in machine formats).
namespace jobkb::cli {

// The dimension options as given.
struct DimensionArguments {
    std::vector<std::string> by; // --by: level, employment, work_setting, company_size
    std::string level;
    std::string employment;
    std::string work_setting;
    std::string company_size;
};

void add_dimension_options(CLI::App& salaries, DimensionArguments& options);

// The filters' codes and the groupings into `query`. Throws CLI::ValidationError (a usage error)
// for a word no dimension has, or --by without --reports.
void apply_dimension_arguments(const DimensionArguments& options, bool reports, SalaryQuery& query);

// The machine formats' columns of the survey dimensions, after the qualifier.
extern const std::array<ListingColumn, 4> kDimensionColumns;

// The machine formats' columns of the area (its code and name), after the dimensions'.
extern const std::array<ListingColumn, 2> kAreaColumns;

// "senior, full-time, remote, large": the dimensions a figure or group has, for tables.
std::string dimension_text(const std::string& level, const std::string& employment,
                           const std::string& work_setting, const std::string& company_size);

// Empty text as no value (null in JSON, an empty cell in CSV).
CellValue optional_text(const std::string& text);

} // namespace jobkb::cli
