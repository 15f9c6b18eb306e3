// jobkb roles: roles with their key skills, industries and headline salaries, filtered.
#include "cli/commands.hpp"
#include "cli/converted_figures.hpp"
#include "cli/listings.hpp"
#include "cli/output.hpp"
#include "cli/usage_errors.hpp"

#include "jobkb/catalog.hpp"

#include <fmt/format.h>

#include <memory>
#include <set>

namespace jobkb::cli {
namespace {

struct RolesOptions {
    RoleFilter filter;
    std::string min_salary;
    std::string country;
    ConversionChoice conversion;
    OutputOptions output;
};

const SalaryFigure* headline(const RoleOverview& role, const std::string& country) {
    for (const auto& figure : role.headline_salaries) {
        if (figure.country_code == country) {
            return &figure;
        }
    }
    return nullptr;
}

std::optional<MoneyValue> figure_in(const RoleOverview& role, const std::string& country) {
    if (const SalaryFigure* figure = headline(role, country)) {
        return MoneyValue{figure->amount_minor, figure->currency, figure->qualifier};
    }
    return std::nullopt;
}

CellValue cell(const std::optional<MoneyValue>& money) {
    return money ? CellValue{*money} : CellValue{};
}

// For people (table, markdown): one salary column per country that any listed role has a
// headline figure for, and always the one asked for.
Listing human_listing(const std::vector<RoleOverview>& roles,
                      const std::optional<std::string>& country_asked,
                      FigureConversions* conversions) {
    std::set<std::string> countries;
    if (country_asked) {
        countries.insert(*country_asked);
    }
    for (const auto& role : roles) {
        for (const auto& figure : role.headline_salaries) {
            countries.insert(figure.country_code);
        }
    }
    Listing listing;
    listing.columns = {{"role", "Role", Align::kLeft, 26},
                       {"key_skills", "Key skills", Align::kLeft, 34},
                       {"industries", "Industries", Align::kLeft, 26}};
    for (const auto& country : countries) {
        listing.columns.push_back(money_column("avg_yearly_" + country, country + " avg/yr"));
        if (conversions != nullptr) {
            conversions->add_columns(listing, Format::kTable, "avg_yearly_" + country + "_",
                                     country + " ", false);
        }
    }
    for (const auto& role : roles) {
        std::vector<CellValue> row = {role.name, role.key_skills, role.industries};
        for (const auto& country : countries) {
            row.push_back(cell(figure_in(role, country)));
            if (conversions == nullptr) {
                continue;
            }
            if (const SalaryFigure* figure = headline(role, country)) {
                conversions->add_cells(row, conversions->convert(*figure), Format::kTable, false);
            } else {
                row.emplace_back();
            }
        }
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

// Every headline figure converted, in one cell: JSON [{"country", "in": {...}}], CSV/TSV
// "IN 12742.95 USD at 0.0117116 (2025-05-09, ECB euro ...); US 161321 USD".
CellValue converted_list(FigureConversions& conversions, const std::vector<SalaryFigure>& figures,
                         Format format) {
    const auto converted = conversions.convert(figures);
    std::string text;
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const ConvertedFigure& figure = converted[i];
        if (format == Format::kJson || format == Format::kNdjson) {
            text += fmt::format("{}{{\"country\":\"{}\",\"{}\":{}}}", text.empty() ? "" : ",",
                                figures[i].country_code, conversions.ppp() ? "ppp" : "in",
                                conversion_json(figure, conversions.ppp()));
            continue;
        }
        std::string item = figures[i].country_code + " ";
        if (!figure.amount) {
            item += "not converted: " + figure.note;
        } else {
            item += plain_amount(figure.amount->amount_minor, figure.amount->currency) + " " +
                    conversions.unit_code();
            if (!figure.same_unit) {
                item +=
                    fmt::format(" at {} ({}, {})", figure.rate, figure.applies_to, figure.source);
            }
        }
        text += (text.empty() ? "" : "; ") + item;
    }
    if (format == Format::kJson || format == Format::kNdjson) {
        return JsonText{"[" + text + "]"};
    }
    return text;
}

// For programs (CSV, TSV, JSON, NDJSON): the same columns whatever the data. Every headline
// figure in one cell, or with --country that country's as a money column.
Listing machine_listing(const std::vector<RoleOverview>& roles,
                        const std::optional<std::string>& country_asked,
                        FigureConversions* conversions, Format format) {
    Listing listing;
    listing.columns = {{"role", "Role"},
                       {"slug", "Slug"},
                       {"key_skills", "Key skills"},
                       {"industries", "Industries"}};
    if (country_asked) {
        listing.columns.push_back({"country", "Country"});
        ListingColumn average = money_column("avg_yearly", "Avg/yr");
        average.qualified = true;
        listing.columns.push_back(std::move(average));
        if (conversions != nullptr) {
            conversions->add_columns(listing, format);
        }
    } else {
        listing.columns.push_back({"headline_salaries", "Salaries"});
        if (conversions != nullptr) {
            listing.columns.push_back({"headline_salaries_in", "Salaries in"});
        }
    }
    for (const auto& role : roles) {
        std::vector<CellValue> row = {role.name, role.slug, role.key_skills, role.industries};
        if (country_asked) {
            row.emplace_back(*country_asked);
            row.push_back(cell(figure_in(role, *country_asked)));
            if (conversions != nullptr) {
                const SalaryFigure* figure = headline(role, *country_asked);
                conversions->add_cells(
                    row, figure ? conversions->convert(*figure) : ConvertedFigure{}, format);
            }
        } else {
            row.emplace_back(SalaryList{role.headline_salaries});
            if (conversions != nullptr) {
                row.push_back(converted_list(*conversions, role.headline_salaries, format));
            }
        }
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

// Salaries are compared in one country's currency: a minimum or an order by salary needs one.
void require_country_for_salaries(const RolesOptions& options) {
    if (!options.country.empty()) {
        return;
    }
    constexpr const char* kWhy = "salaries are compared in one country's currency";
    if (!options.min_salary.empty()) {
        throw CLI::ValidationError(std::string("--min-salary needs --country: ") + kWhy);
    }
    if (options.filter.sort == RoleSort::kSalary) {
        throw CLI::ValidationError(std::string("--sort salary needs --country: ") + kWhy);
    }
}

void run_roles(Context& context, const RolesOptions& options) {
    require_country_for_salaries(options);
    RoleFilter filter = options.filter;
    filter.country = given(options.country);
    filter.min_salary = given(options.min_salary);
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    const auto conversions = make_conversions(*database, options.conversion);
    const Format format = options.output.format;
    context.print(roles_listing(catalog, filter, format, conversions.get()), options.output);
    if (conversions) {
        if (!is_machine_format(format)) {
            conversions->print_rates(context.out);
        }
        conversions->print_notes(context);
    }
}

} // namespace

Listing roles_listing(Catalog& catalog, const RoleFilter& filter, Format format,
                      FigureConversions* conversions) {
    const auto found = catalog.roles(filter);
    std::optional<std::string> country;
    if (filter.country) {
        country = catalog.names().resolve_country(*filter.country);
    }
    return roles_listing(found, country, format, conversions);
}

Listing roles_listing(const std::vector<RoleOverview>& roles,
                      const std::optional<std::string>& country_code, Format format,
                      FigureConversions* conversions) {
    return is_machine_format(format) ? machine_listing(roles, country_code, conversions, format)
                                     : human_listing(roles, country_code, conversions);
}

void register_roles_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<RolesOptions>();
    auto* roles = app.add_subcommand(
        "roles", "List roles with key skills, industries and headline salaries, filtered");
    roles
        ->add_option("--skill", options->filter.skills,
                     "Roles with this skill (name or alias, any case); repeat for several")
        ->option_text("SKILL")
        ->check(kNonEmpty);
    roles
        ->add_option("--match", options->filter.match,
                     "With several --skill: roles with any of them (default) or all")
        ->transform(one_of<SkillMatch>("match mode",
                                       {{"any", SkillMatch::kAny}, {"all", SkillMatch::kAll}}))
        ->option_text("any|all");
    roles->add_flag("--key-only", options->filter.key_skills_only,
                    "Match --skill only against key skills, not skills the source merely mentions");
    roles
        ->add_option("--industry", options->filter.industries,
                     "Roles in this industry; repeat for any of several")
        ->option_text("INDUSTRY")
        ->check(kNonEmpty);
    roles
        ->add_option("--country", options->country,
                     "Show only this country's salary (ISO code such as IN, or a name)")
        ->option_text("CC");
    roles
        ->add_option("--min-salary", options->min_salary,
                     "Roles whose latest yearly average in --country is at least this, in "
                     "that country's currency (1000000, 10,00,000, ₹10,00,000)")
        ->option_text("AMOUNT");
    roles
        ->add_option("--sort", options->filter.sort,
                     "Order by name (default) or by salary in --country, highest first")
        ->transform(one_of<RoleSort>("sort order",
                                     {{"name", RoleSort::kName}, {"salary", RoleSort::kSalary}}))
        ->option_text("name|salary");
    add_conversion_options(*roles, options->conversion);
    add_output_options(*roles, options->output);
    roles->footer(
        "Kinds of filter combine with AND; repeated --skill means any of them unless --match "
        "all; repeated --industry means any of them. Salaries are the latest yearly average per "
        "country, in its currency: a column per country in tables; in CSV, TSV and JSON always "
        "the columns role, slug, key_skills, industries, headline_salaries (with --country: "
        "country, avg_yearly). --in CUR (or --ppp) adds each figure in CUR: a column beside "
        "each country's in tables, with the rates used below the table; with --country the "
        "columns amount_in, amount_in_currency, rate, rate_date, rate_source, conversion_note "
        "(JSON: in), else headline_salaries_in.\n\nExamples:\n"
        "  jobkb roles --skill python --industry healthcare\n"
        "  jobkb roles --skill python --skill sql --match all\n"
        "  jobkb roles --country IN --min-salary 10,00,000 --sort salary\n"
        "  jobkb roles --industry fintech --json\n"
        "  jobkb roles --country IN --in USD --rate-on 2025-05-09");
    roles->callback([&context, options] { run_roles(context, *options); });
}

} // namespace jobkb::cli
