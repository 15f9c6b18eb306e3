// jobkb compare: roles side by side.
#include "cli/commands.hpp"
#include "cli/listings.hpp"

#include "jobkb/comparison.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {

// One column per role asked: the question sets the columns, never the data. A role's column
// holds "key"/"mentioned" on skill rows and money on salary rows, so it is a money column (with
// its _currency column in CSV/TSV) whether or not any salary row comes.
Listing comparison_listing(const Comparison& comparison) {
    const std::size_t count = comparison.roles.size();
    Listing listing;
    listing.columns = {{"aspect", "Aspect"}, {"item", "Item", Align::kLeft, 28}};
    for (const auto& role : comparison.roles) {
        ListingColumn column = money_column(role, role, 18);
        column.align = Align::kLeft;
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
                row.emplace_back(MoneyValue{figure->amount_minor, figure->currency});
            } else {
                row.emplace_back();
            }
        }
        row.push_back(shared(present));
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

namespace {

struct CompareOptions {
    std::vector<std::string> roles;
    OutputOptions output;
};

void run_compare(Context& context, const CompareOptions& options) {
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    context.print(comparison_listing(compare_roles(catalog, options.roles)), options.output);
}

} // namespace

void register_compare_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<CompareOptions>();
    auto* compare = app.add_subcommand("compare", "Compare roles side by side");
    compare->add_option("ROLE", options->roles, "Two or more roles")
        ->required()
        ->expected(2, -1)
        ->option_text("ROLE");
    add_output_options(*compare, options->output);
    compare->footer("One row per skill, industry and salary figure, one column per role; "
                    "\"Shared by\" says how many of the roles have it, shared items first.\n\n"
                    "Examples:\n  jobkb compare \"Data Scientist\" \"Machine Learning Engineer\"\n"
                    "  jobkb compare \"NLP Engineer\" \"Computer Vision Engineer\" "
                    "\"AI/ML Research Scientist\" --format markdown");
    compare->callback([&context, options] { run_compare(context, *options); });
}

} // namespace jobkb::cli
