#include "cli/commands.hpp"

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
                                             {"amount", "Amount", Align::kRight},
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

namespace {

Listing reports_listing(const std::vector<ReportSummary>& summaries) {
    Listing listing;
    listing.columns = {{"role", "Role", Align::kLeft, 26},
                       {"country", "Country"},
                       {"year", "Year"},
                       {"period", "Per"},
                       {"reports", "Reports", Align::kRight},
                       {"p25", "25th pct", Align::kRight},
                       {"median", "Median", Align::kRight},
                       {"mean", "Mean", Align::kRight},
                       {"p75", "75th pct", Align::kRight},
                       {"published_average", "Published avg", Align::kRight}};
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

} // namespace

void register_salaries_command(CLI::App& app, Context& context) {
    struct Options {
        std::string role;
        std::string country;
        bool history = false;
        bool reports = false;
        OutputOptions output;
    };
    auto options = std::make_shared<Options>();
    auto* salaries = app.add_subcommand("salaries", "List salary figures: the latest, or all");
    salaries->add_option("--role", options->role, "Only this role (name, slug or alias)");
    salaries->add_option("--country", options->country, "Only this country (ISO code or name)")
        ->option_text("CC");
    salaries->add_flag("--history", options->history,
                       "Every observation, oldest first, not only the latest per role, country, "
                       "statistic and period");
    auto* reports = salaries->add_flag(
        "--reports", options->reports,
        "Summarise individual reports (statistic point) per role, country and year: count, "
        "25th percentile, median, mean, 75th percentile, next to the published yearly average");
    reports->excludes(salaries->get_option("--history"));
    add_output_options(*salaries, options->output);
    salaries->footer("Amounts are in the figure's own currency (INR in Indian digit grouping). "
                     "In CSV/TSV an amount is a plain decimal with a currency column beside it; "
                     "in JSON it is {\"amount_minor\": integer, \"currency\": code}.\n\nExamples:\n"
                     "  jobkb salaries --country IN\n"
                     "  jobkb salaries --role \"MLOps Engineer\" --country IN --history\n"
                     "  jobkb salaries --csv > salaries.csv\n"
                     "  jobkb salaries --reports --country US");
    salaries->callback([&context, options] {
        SalaryQuery query;
        if (!options->role.empty()) {
            query.role = options->role;
        }
        if (!options->country.empty()) {
            query.country = options->country;
        }
        query.history = options->history;
        auto database = context.open(Access::kReadOnly);
        Catalog catalog(*database);
        OutputOptions output = options->output;
        output.color = context.use_color();
        if (options->reports) {
            write_listing(context.out, reports_listing(catalog.report_summaries(query)), output);
            return;
        }
        write_listing(context.out, salaries_listing(catalog.salaries(query), true), output);
    });
}

} // namespace jobkb::cli
