// jobkb salaries: salary figures, the latest or all, or individual reports summarised.
#include "cli/commands.hpp"
#include "cli/listings.hpp"

#include <memory>

namespace jobkb::cli {

Listing salaries_listing(const std::vector<SalaryFigure>& figures, bool with_role) {
    Listing listing;
    if (with_role) {
        listing.columns.push_back({"role", "Role", Align::kLeft, 26});
    }
    const std::vector<ListingColumn> rest = {{"country", "Country"},
                                             {"statistic", "Statistic"},
                                             {"period", "Per"},
                                             money_column("amount", "Amount"),
                                             {"as_of", "As of"},
                                             {"source", "Source", Align::kLeft, 30},
                                             {"note", "Note", Align::kLeft, 30}};
    listing.columns.insert(listing.columns.end(), rest.begin(), rest.end());
    for (const auto& figure : figures) {
        std::vector<CellValue> row;
        if (with_role) {
            row.emplace_back(figure.role);
        }
        row.insert(row.end(), {figure.country_code, figure.statistic, figure.period,
                               MoneyValue{figure.amount_minor, figure.currency}, figure.as_of,
                               figure.source, figure.note});
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

Listing reports_listing(const std::vector<ReportSummary>& summaries) {
    Listing listing;
    listing.columns = {{"role", "Role", Align::kLeft, 26},
                       {"country", "Country"},
                       {"year", "Year"},
                       {"period", "Per"},
                       {"reports", "Reports", Align::kRight},
                       money_column("p25", "25th pct"),
                       money_column("median", "Median"),
                       money_column("mean", "Mean"),
                       money_column("p75", "75th pct"),
                       money_column("published_average", "Published avg")};
    for (const auto& summary : summaries) {
        CellValue published;
        if (summary.published_average) {
            published = MoneyValue{summary.published_average->amount_minor,
                                   summary.published_average->currency};
        }
        listing.rows.push_back({summary.role, summary.country_code, summary.year, summary.period,
                                summary.count, MoneyValue{summary.p25_minor, summary.currency},
                                MoneyValue{summary.median_minor, summary.currency},
                                MoneyValue{summary.mean_minor, summary.currency},
                                MoneyValue{summary.p75_minor, summary.currency}, published});
    }
    return listing;
}

namespace {

struct SalariesOptions {
    SalaryQuery query; // role and country set from the two strings below
    std::string role;
    std::string country;
    bool reports = false;
    OutputOptions output;
};

void run_salaries(Context& context, const SalariesOptions& options) {
    SalaryQuery query = options.query;
    query.role = given(options.role);
    query.country = given(options.country);
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    context.print(options.reports ? reports_listing(catalog.report_summaries(query))
                                  : salaries_listing(catalog.salaries(query), true),
                  options.output);
}

} // namespace

void register_salaries_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<SalariesOptions>();
    auto* salaries = app.add_subcommand("salaries", "List salary figures: the latest, or all");
    salaries->add_option("--role", options->role, "Only this role (name, slug or alias)")
        ->option_text("ROLE");
    salaries->add_option("--country", options->country, "Only this country (ISO code or name)")
        ->option_text("CC");
    auto* history = salaries->add_flag(
        "--history", options->query.history,
        "Every observation, oldest first, not only the latest per role, country, statistic and "
        "period");
    salaries
        ->add_flag("--reports", options->reports,
                   "Summarise individual reports (statistic point) per role, country and year: "
                   "count, 25th percentile, median, mean, 75th percentile, next to the published "
                   "yearly average")
        ->excludes(history);
    add_output_options(*salaries, options->output);
    salaries->footer("Amounts are in the figure's own currency (INR in Indian digit grouping). "
                     "In CSV/TSV an amount is a plain decimal with a currency column beside it; "
                     "in JSON it is {\"amount_minor\": integer, \"currency\": code}.\n\nExamples:\n"
                     "  jobkb salaries --country IN\n"
                     "  jobkb salaries --role \"MLOps Engineer\" --country IN --history\n"
                     "  jobkb salaries --csv > salaries.csv\n"
                     "  jobkb salaries --reports --country US");
    salaries->callback([&context, options] { run_salaries(context, *options); });
}

} // namespace jobkb::cli
