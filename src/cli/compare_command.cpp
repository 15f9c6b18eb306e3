// jobkb compare: roles side by side.
#include "cli/commands.hpp"
#include "cli/converted_figures.hpp"
#include "cli/listings.hpp"

#include "jobkb/comparison.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {
namespace {

struct CompareOptions {
    std::vector<std::string> roles;
    ConversionChoice conversion;
    OutputOptions output;
};

// With --in or --ppp: in tables a row under each salary row with the figures converted (the rates
// below the table); in CSV, TSV and JSON the columns of each role's converted figure, ROLE_in
// (ROLE_amount_in, ROLE_rate, ... in CSV), filled on salary rows.
void add_converted(Listing& listing, const Comparison& comparison, FigureConversions& conversions,
                   Format format) {
    const bool machine = is_machine_format(format);
    if (machine) {
        for (const auto& role : comparison.roles) {
            conversions.add_columns(listing, format, role + "_", role + " ");
        }
    }
    const std::size_t first_salary_row = listing.rows.size() - comparison.salaries.size();
    std::vector<std::vector<CellValue>> rows;
    for (std::size_t i = 0; i < listing.rows.size(); ++i) {
        auto row = listing.rows[i];
        const bool salary = i >= first_salary_row;
        if (!salary) {
            if (machine) {
                Listing width;
                conversions.add_columns(width, format);
                row.resize(row.size() + width.columns.size() * comparison.roles.size());
            }
            rows.push_back(std::move(row));
            continue;
        }
        const ComparedSalary& compared = comparison.salaries[i - first_salary_row];
        std::vector<CellValue> converted_row = {std::string("salary"),
                                                fmt::format("{} {}/{} in {}", compared.country_code,
                                                            compared.statistic, compared.period,
                                                            conversions.unit_code())};
        for (const auto& figure : compared.per_role) {
            ConvertedFigure converted;
            if (figure) {
                converted = conversions.convert(*figure);
            }
            if (machine) {
                conversions.add_cells(row, converted, format);
            } else if (figure) {
                conversions.add_cells(converted_row, converted, format, false);
            } else {
                converted_row.emplace_back();
            }
        }
        converted_row.push_back(row.back());
        rows.push_back(std::move(row));
        if (!machine) {
            rows.push_back(std::move(converted_row));
        }
    }
    listing.rows = std::move(rows);
}

} // namespace

// One column per role asked: the question sets the columns, never the data. A role's column
// holds "key"/"mentioned" on skill rows and money on salary rows, so it is a money column (with
// its _currency and _qualifier columns in CSV/TSV) whether or not any salary row comes.
Listing comparison_listing(const Comparison& comparison, FigureConversions* conversions,
                           Format format) {
    const std::size_t count = comparison.roles.size();
    Listing listing;
    listing.columns = {{"aspect", "Aspect"}, {"item", "Item", Align::kLeft, 28}};
    for (const auto& role : comparison.roles) {
        ListingColumn column = money_column(role, role, 18);
        column.align = Align::kLeft;
        column.qualified = true;
        listing.columns.push_back(std::move(column));
    }
    listing.columns.push_back({"shared_by", "Shared by", Align::kRight});
    auto shared = [count](std::size_t by) -> CellValue {
        return by == count ? CellValue{std::string("all")}
                           : CellValue{fmt::format("{} of {}", by, count)};
    };
    auto add_items = [&](const char* aspect, const std::vector<ComparedItem>& items) {
        for (const auto& item : items) {
            std::vector<CellValue> row = {std::string(aspect), item.name};
            for (const auto& how : item.per_role) {
                row.emplace_back(how.empty() ? CellValue{} : CellValue{how});
            }
            row.push_back(shared(item.shared_by));
            listing.rows.push_back(std::move(row));
        }
    };
    add_items("skill", comparison.skills);
    add_items("industry", comparison.industries);
    for (const auto& salary : comparison.salaries) {
        std::vector<CellValue> row = {
            std::string("salary"),
            fmt::format("{} {}/{}", salary.country_code, salary.statistic, salary.period)};
        std::size_t present = 0;
        for (const auto& figure : salary.per_role) {
            if (figure) {
                ++present;
                row.emplace_back(
                    MoneyValue{figure->amount_minor, figure->currency, figure->qualifier});
            } else {
                row.emplace_back();
            }
        }
        row.push_back(shared(present));
        listing.rows.push_back(std::move(row));
    }
    if (conversions != nullptr) {
        add_converted(listing, comparison, *conversions, format);
    }
    return listing;
}

namespace {

void run_compare(Context& context, const CompareOptions& options) {
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    const Comparison comparison = compare_roles(catalog, options.roles);
    const auto conversions = make_conversions(*database, options.conversion);
    context.print(comparison_listing(comparison, conversions.get(), options.output.format),
                  options.output);
    if (!conversions) {
        return;
    }
    if (!is_machine_format(options.output.format)) {
        conversions->print_rates(context.out);
    }
    conversions->print_notes(context);
}

} // namespace

void register_compare_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<CompareOptions>();
    auto* compare = app.add_subcommand("compare", "Compare roles side by side");
    compare->add_option("ROLE", options->roles, "Two or more roles")
        ->required()
        ->expected(2, -1)
        ->option_text("ROLE");
    add_conversion_options(*compare, options->conversion);
    add_output_options(*compare, options->output);
    compare->footer(
        "One row per skill, industry and salary figure, one column per role; "
        "\"Shared by\" says how many of the roles have it, shared items first. With --in CUR "
        "(or --ppp) each salary row is followed by the figures in CUR, the rates used "
        "listed below the table; in CSV, TSV and JSON each role gets the columns of "
        "its converted figure (ROLE_amount_in, ROLE_rate, ... or ROLE_in).\n\n"
        "Examples:\n  jobkb compare \"Data Scientist\" \"Machine Learning Engineer\"\n"
        "  jobkb compare \"MLOps Engineer\" \"Data Scientist\" --in USD --rate-on 2025-05-09\n"
        "  jobkb compare \"NLP Engineer\" \"Computer Vision Engineer\" "
        "\"AI/ML Research Scientist\" --format markdown");
    compare->callback([&context, options] { run_compare(context, *options); });
}

} // namespace jobkb::cli
