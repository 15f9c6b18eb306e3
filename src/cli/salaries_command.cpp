// jobkb salaries: salary figures, the latest or all, or individual reports summarised; with --in
// or --ppp each also in one unit.
#include "cli/commands.hpp"
#include "cli/converted_figures.hpp"
#include "cli/listings.hpp"
#include "cli/salary_dimensions.hpp"

#include "jobkb/combined_reports.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <numeric>

namespace jobkb::cli {

Listing salaries_listing(const std::vector<SalaryFigure>& figures, bool with_role,
                         FigureConversions* conversions, Format format, bool by_amount) {
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
    std::vector<ConvertedFigure> converted;
    std::vector<std::size_t> order(figures.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (conversions != nullptr) {
        // Beside the amount; in tables the source and note stay last.
        Listing extra;
        conversions->add_columns(extra, format);
        const auto at = listing.columns.begin() + (with_role ? 5 : 4);
        listing.columns.insert(at, extra.columns.begin(), extra.columns.end());
        converted = conversions->convert(figures);
        if (by_amount) {
            // Highest first in the unit; figures without a conversion last, as they were.
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                const auto& x = converted[a].amount;
                const auto& y = converted[b].amount;
                return x && (!y || x->amount_minor > y->amount_minor);
            });
        }
    }
    // Machine formats give the qualifier a column of its own, the last, so that the columns
    // before keep their positions; tables put it before the amount ("≥ $239,200").
    const bool machine = is_machine_format(format);
    // The survey dimensions: in machine formats four columns after the qualifier (empty or null
    // when the source does not say); in tables one column before the source, when any has one.
    const bool dimensions =
        !machine && std::any_of(figures.begin(), figures.end(), [](const SalaryFigure& figure) {
            return !dimension_text(figure.level, figure.employment, figure.work_setting,
                                   figure.company_size)
                        .empty();
        });
    // The area: in machine formats its code and name, last; in tables its name after the
    // country, when any figure has one.
    const bool areas =
        !machine && std::any_of(figures.begin(), figures.end(),
                                [](const SalaryFigure& figure) { return !figure.area.empty(); });
    if (machine) {
        listing.columns.push_back({"qualifier", "Qualifier"});
        for (const auto& column : kDimensionColumns) {
            listing.columns.push_back(column);
        }
        listing.columns.insert(listing.columns.end(), kAreaColumns.begin(), kAreaColumns.end());
    } else if (dimensions) {
        const auto at = std::find_if(listing.columns.begin(), listing.columns.end(),
                                     [](const ListingColumn& c) { return c.key == "source"; });
        listing.columns.insert(at, {"dimensions", "Dimensions", Align::kLeft, 24});
    }
    if (areas) {
        listing.columns.insert(listing.columns.begin() + (with_role ? 2 : 1),
                               {"area", "Area", Align::kLeft, 24});
    }
    for (const std::size_t i : order) {
        const SalaryFigure& figure = figures[i];
        std::vector<CellValue> row;
        if (with_role) {
            row.emplace_back(figure.role);
        }
        row.emplace_back(figure.country_code);
        if (areas) {
            row.emplace_back(figure.area);
        }
        row.insert(row.end(), {figure.statistic, figure.period,
                               MoneyValue{figure.amount_minor, figure.currency,
                                          machine ? std::string() : figure.qualifier}});
        if (conversions != nullptr) {
            conversions->add_cells(row, converted[i], format);
        }
        row.emplace_back(figure.as_of);
        if (dimensions) {
            row.emplace_back(dimension_text(figure.level, figure.employment, figure.work_setting,
                                            figure.company_size));
        }
        row.insert(row.end(), {figure.source, figure.note});
        if (machine) {
            row.emplace_back(figure.qualifier);
            for (const std::string* value :
                 {&figure.level, &figure.employment, &figure.work_setting, &figure.company_size,
                  &figure.area_code, &figure.area}) {
                row.push_back(optional_text(*value));
            }
        }
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

Listing reports_listing(const std::vector<ReportSummary>& summaries, Format format) {
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
    // The groups' dimensions: in machine formats always the four columns, last; in tables one
    // column after the period, when any group has one.
    const bool machine = is_machine_format(format);
    const bool dimensions =
        !machine &&
        std::any_of(summaries.begin(), summaries.end(), [](const ReportSummary& summary) {
            return !dimension_text(summary.level, summary.employment, summary.work_setting,
                                   summary.company_size)
                        .empty();
        });
    const bool areas =
        !machine && std::any_of(summaries.begin(), summaries.end(),
                                [](const ReportSummary& summary) { return !summary.area.empty(); });
    if (machine) {
        listing.columns.insert(listing.columns.end(), kDimensionColumns.begin(),
                               kDimensionColumns.end());
        listing.columns.insert(listing.columns.end(), kAreaColumns.begin(), kAreaColumns.end());
    } else if (dimensions) {
        listing.columns.insert(listing.columns.begin() + 4,
                               {"dimensions", "Dimensions", Align::kLeft, 24});
    }
    if (areas) {
        listing.columns.insert(listing.columns.begin() + 2, {"area", "Area", Align::kLeft, 24});
    }
    for (const auto& summary : summaries) {
        CellValue published;
        if (summary.published_average) {
            published = MoneyValue{summary.published_average->amount_minor,
                                   summary.published_average->currency};
        }
        std::vector<CellValue> row = {summary.role, summary.country_code};
        if (areas) {
            row.emplace_back(summary.area);
        }
        row.insert(row.end(), {summary.year, summary.period});
        if (dimensions) {
            row.emplace_back(dimension_text(summary.level, summary.employment, summary.work_setting,
                                            summary.company_size));
        }
        row.insert(row.end(), {summary.count, MoneyValue{summary.p25_minor, summary.currency},
                               MoneyValue{summary.median_minor, summary.currency},
                               MoneyValue{summary.mean_minor, summary.currency},
                               MoneyValue{summary.p75_minor, summary.currency}, published});
        if (machine) {
            for (const std::string* value :
                 {&summary.level, &summary.employment, &summary.work_setting, &summary.company_size,
                  &summary.area_code, &summary.area}) {
                row.push_back(optional_text(*value));
            }
        }
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

namespace {

using Json = nlohmann::ordered_json;

// "CAD 1, USD 14"
std::string reported_in(const CombinedReportSummary& summary) {
    std::string text;
    for (const auto& [code, count] : summary.reported_in) {
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", code, count);
    }
    return text;
}

// The rates a group used, for reading: "CAD→USD 0.738 (2022 avg of 257 days, ECB, via EUR)".
std::string rates_text(FigureConversions& conversions, const CombinedReportSummary& summary) {
    std::vector<std::string> parts;
    for (const auto& rate : summary.rates) {
        parts.push_back(rate.from + "→" + rate.to + " " +
                        conversions.rate_text(described_rate(rate)));
    }
    if (summary.factor) {
        parts.push_back(conversions.rate_text(described_factor(*summary.factor)));
    }
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : "; ") + part;
    }
    return text;
}

std::string rates_json(const CombinedReportSummary& summary) {
    Json rates = Json::array();
    for (const auto& rate : summary.rates) {
        rates.push_back(Json{{"from", rate.from},
                             {"to", rate.to},
                             {"rate", rate.rate},
                             {"rate_exact", rate.exact_rate},
                             {"applies_to", rate.applies_to},
                             {"days", rate.days},
                             {"source", rate.source},
                             {"cross", rate.cross}});
    }
    if (summary.factor) {
        rates.push_back(Json{{"factor", summary.factor->factor},
                             {"factor_currency", summary.factor->currency},
                             {"year", summary.factor->year},
                             {"source", summary.factor->source}});
    }
    return rates.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Report groups combined in one unit: the counts of what was converted and left out, the rates.
Listing combined_listing(const std::vector<CombinedReportSummary>& summaries,
                         FigureConversions& conversions, Format format) {
    const std::string unit = conversions.unit_code();
    Listing listing;
    listing.columns = {{"role", "Role", Align::kLeft, 26},
                       {"country", "Country"},
                       {"year", "Year"},
                       {"period", "Per"},
                       {"reports", "Reports", Align::kRight},
                       {"converted", "Converted", Align::kRight},
                       {"reported_in", "Reported in"},
                       {"left_out", "Left out", Align::kRight},
                       money_column("p25", "25th pct"),
                       money_column("median", "Median"),
                       money_column("mean", "Mean"),
                       money_column("p75", "75th pct"),
                       money_column("published_average", "Published avg in " + unit)};
    const bool machine = is_machine_format(format);
    const bool json = format == Format::kJson || format == Format::kNdjson;
    if (json) {
        listing.columns.push_back({"rates", "Rates"});
        listing.columns.push_back({"notes", "Notes"});
    } else if (machine) {
        listing.columns.push_back({"rates", "Rates"});
        listing.columns.push_back({"conversion_note", "Conversion note"});
    } else {
        listing.columns.push_back({"rates", "Rates", Align::kLeft, 30});
    }
    for (const auto& summary : summaries) {
        const auto money = [&](std::int64_t minor) -> CellValue {
            return summary.count == 0 ? CellValue{} : CellValue{MoneyValue{minor, summary.unit}};
        };
        CellValue published;
        if (summary.published_average_minor) {
            published = MoneyValue{*summary.published_average_minor, summary.unit};
        }
        std::vector<CellValue> row = {summary.role,
                                      summary.country_code,
                                      summary.year,
                                      summary.period,
                                      summary.count,
                                      summary.converted,
                                      reported_in(summary),
                                      summary.left_out,
                                      money(summary.p25_minor),
                                      money(summary.median_minor),
                                      money(summary.mean_minor),
                                      money(summary.p75_minor),
                                      published};
        std::string notes;
        for (const auto& note : summary.notes) {
            notes += (notes.empty() ? "" : "; ") + note;
        }
        if (json) {
            row.emplace_back(JsonText{rates_json(summary)});
            row.emplace_back(JsonText{Json(summary.notes).dump()});
        } else if (machine) {
            row.emplace_back(rates_text(conversions, summary));
            row.emplace_back(notes);
        } else {
            std::string text = rates_text(conversions, summary);
            if (summary.left_out > 0) {
                text += fmt::format("{}{} left out: no rate", text.empty() ? "" : "; ",
                                    summary.left_out);
            }
            row.emplace_back(text);
        }
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

enum class SalarySort { kRole, kAmount };

struct SalariesOptions {
    SalaryQuery query; // role and country set from the two strings below
    std::string role;
    std::string country;
    std::string area;
    bool reports = false;
    DimensionArguments dimensions;
    SalarySort sort = SalarySort::kRole;
    ConversionChoice conversion;
    OutputOptions output;
};

void run_salaries(Context& context, const SalariesOptions& options) {
    const bool by_amount = options.sort == SalarySort::kAmount;
    if (by_amount && !options.conversion.asked()) {
        throw CLI::ValidationError("--sort amount",
                                   "needs --in CUR or --ppp: amounts in different currencies do "
                                   "not compare");
    }
    SalaryQuery query = options.query;
    query.role = given(options.role);
    query.country = given(options.country);
    query.area = given(options.area);
    apply_dimension_arguments(options.dimensions, options.reports, query);
    if (options.reports && options.conversion.asked() &&
        (query.area || query.by_area || query.by_level || query.by_work_setting ||
         query.by_company_size)) {
        // The combined summaries group reports by role, country, year, period and employment
        // type, and filter by the dimensions; an area or another grouping would be silently
        // ignored there: refused instead.
        throw CLI::ValidationError(query.area ? "--area" : "--by",
                                   query.area ? "does not combine with --reports and --in or "
                                                "--ppp yet"
                                              : "other than employment does not combine with "
                                                "--reports and --in or --ppp yet (filter with "
                                                "--level, --work-setting or --company-size "
                                                "instead)");
    }
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    const Format format = options.output.format;
    const auto converting = make_conversions(*database, options.conversion);
    if (!converting) {
        context.print(options.reports
                          ? reports_listing(catalog.report_summaries(query), format)
                          : salaries_listing(catalog.salaries(query), true, nullptr, format),
                      options.output);
        return;
    }
    FigureConversions& conversions = *converting;
    if (options.reports) {
        auto summaries =
            conversions.ppp()
                ? report_summaries_in_international_dollars(catalog, conversions.converter(), query)
                : report_summaries_in(catalog, conversions.converter(), query,
                                      conversions.unit_code());
        if (by_amount) {
            std::stable_sort(summaries.begin(), summaries.end(), [](const auto& a, const auto& b) {
                return a.count > 0 && (b.count == 0 || a.median_minor > b.median_minor);
            });
        }
        context.print(combined_listing(summaries, conversions, format), options.output);
        std::int64_t converted = 0;
        std::int64_t left_out = 0;
        for (const auto& summary : summaries) {
            converted += summary.converted;
            left_out += summary.left_out;
            for (const auto& note : summary.notes) {
                conversions.note_number(note);
            }
        }
        context.note(fmt::format("{} report(s) converted to {}, {} left out for want of a rate",
                                 converted, conversions.unit_code(), left_out));
    } else {
        context.print(
            salaries_listing(catalog.salaries(query), true, &conversions, format, by_amount),
            options.output);
    }
    conversions.print_notes(context);
}

} // namespace

void register_salaries_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<SalariesOptions>();
    auto* salaries = app.add_subcommand("salaries", "List salary figures: the latest, or all");
    salaries->add_option("--role", options->role, "Only this role (name, slug or alias)")
        ->option_text("ROLE");
    salaries->add_option("--country", options->country, "Only this country (ISO code or name)")
        ->option_text("CC");
    salaries
        ->add_option("--area", options->area,
                     "Only figures of this area below the country (a state, province, metro area "
                     "or city): its name or code, in any case (Alabama, US-AL, AL with --country "
                     "US, 10180)")
        ->option_text("NAME|CODE");
    auto* history = salaries->add_flag(
        "--history", options->query.history,
        "Every observation, oldest first, not only the latest per role, country, statistic, "
        "period and dimensions");
    auto* reports = salaries->add_flag(
        "--reports", options->reports,
        "Summarise individual reports (statistic point) per role, country, year and "
        "employment type: count, 25th percentile, median, mean, 75th percentile, next "
        "to the published yearly average; with --in or --ppp, reports in different "
        "currencies combine");
    reports->excludes(history);
    add_dimension_options(*salaries, options->dimensions);
    add_conversion_options(*salaries, options->conversion);
    salaries
        ->add_option("--sort", options->sort,
                     "amount: highest first in the --in currency or in Int$, figures without a "
                     "rate last (default: by role and country)")
        ->transform(one_of<SalarySort>(
            "sort order", {{"role", SalarySort::kRole}, {"amount", SalarySort::kAmount}}))
        ->option_text("role|amount");
    add_output_options(*salaries, options->output);
    salaries->footer(
        "Amounts are in the figure's own currency (INR in Indian digit grouping). In CSV/TSV an "
        "amount is a plain decimal with a currency column beside it; in JSON it is "
        "{\"amount_minor\": integer, \"currency\": code}. --in CUR adds each figure in CUR with "
        "the rate, its day (or the month or year averaged) and source: the columns In CUR and "
        "Rate in tables; amount_in, amount_in_currency, rate, rate_date, rate_source, "
        "conversion_note in CSV/TSV; an object \"in\" in JSON. --ppp does the same in "
        "international dollars (\"ppp\"). A figure with no rate within 7 days (or a period not "
        "covered) stays unconverted, with a note; never a guessed rate. Survey dimensions (level, "
        "employment, work_setting, company_size) are columns after the qualifier in CSV/TSV/JSON "
        "(empty or null when the source does not say) and a Dimensions column in tables. A "
        "figure of an area (a state, metro area, ...) shows it in an Area column in tables and "
        "as area_code and area, the last columns, in CSV/TSV/JSON (empty or null for the whole "
        "country).\n\n"
        "Examples:\n"
        "  jobkb salaries --country IN\n"
        "  jobkb salaries --role \"MLOps Engineer\" --country IN --history\n"
        "  jobkb salaries --role \"Machine Learning Engineer\" --in USD --sort amount\n"
        "  jobkb salaries --role \"Machine Learning Engineer\" --ppp --sort amount "
        "--rate-on 2025-05-09\n"
        "  jobkb salaries --reports --country CA --in USD\n"
        "  jobkb salaries --reports --role \"Data Scientist\" --country US --by level\n"
        "  jobkb salaries --reports --employment full-time --level senior --by work_setting\n"
        "  jobkb salaries --role \"Software Developers\" --area Alabama\n"
        "  jobkb salaries --country US --area AK --history\n"
        "  jobkb salaries --reports --country US --by area,level\n"
        "  jobkb salaries --csv > salaries.csv");
    salaries->callback([&context, options] { run_salaries(context, *options); });
}

} // namespace jobkb::cli
