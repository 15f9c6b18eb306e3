#include "cli/commands.hpp"
#include "cli/output.hpp"

#include "jobkb/catalog.hpp"

#include <map>
#include <memory>
#include <set>

namespace jobkb::cli {
namespace {

struct RolesOptions {
    RoleFilter filter;
    std::string min_salary;
    std::string country;
    OutputOptions output;
};

Listing roles_listing(const std::vector<RoleOverview>& roles,
                      const std::optional<std::string>& country_asked) {
    // One salary column per country that any listed role has a headline figure for, and always
    // the one asked for, so the layout does not depend on the data found.
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
        listing.columns.push_back({"avg_yearly_" + country, country + " avg/yr", Align::kRight, 0});
    }
    for (const auto& role : roles) {
        std::vector<CellValue> row = {role.name, role.key_skills, role.industries};
        for (const auto& country : countries) {
            CellValue cell;
            for (const auto& figure : role.headline_salaries) {
                if (figure.country_code == country) {
                    cell = MoneyValue{figure.amount_minor, figure.currency};
                }
            }
            row.push_back(std::move(cell));
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

} // namespace

void register_roles_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<RolesOptions>();
    auto* roles = app.add_subcommand(
        "roles", "List roles with key skills, industries and headline salaries, filtered");
    roles
        ->add_option("--skill", options->filter.skills,
                     "Roles with this skill (name or alias, any case); repeat for several")
        ->option_text("SKILL")
        ->check(kNonEmpty);
    static const std::map<std::string, SkillMatch> kMatch = {{"any", SkillMatch::kAny},
                                                             {"all", SkillMatch::kAll}};
    roles
        ->add_option("--match", options->filter.match,
                     "With several --skill: roles with any of them (default) or all")
        ->transform(CLI::CheckedTransformer(kMatch, CLI::ignore_case))
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
    static const std::map<std::string, RoleSort> kSort = {{"name", RoleSort::kName},
                                                          {"salary", RoleSort::kSalary}};
    roles
        ->add_option("--sort", options->filter.sort,
                     "Order by name (default) or by salary in --country, highest first")
        ->transform(CLI::CheckedTransformer(kSort, CLI::ignore_case))
        ->option_text("name|salary");
    add_output_options(*roles, options->output);
    roles->footer(
        "Kinds of filter combine with AND; repeated --skill means any of them unless --match "
        "all; repeated --industry means any of them. Salaries are the latest yearly average per "
        "country, in its currency.\n\nExamples:\n"
        "  jobkb roles --skill python --industry healthcare\n"
        "  jobkb roles --skill python --skill sql --match all\n"
        "  jobkb roles --country IN --min-salary 10,00,000 --sort salary\n"
        "  jobkb roles --industry fintech --json");
    roles->callback([&context, options] {
        require_country_for_salaries(*options);
        RoleFilter filter = options->filter;
        if (!options->country.empty()) {
            filter.country = options->country;
        }
        if (!options->min_salary.empty()) {
            filter.min_salary = options->min_salary;
        }
        auto database = context.open(Access::kReadOnly);
        Catalog catalog(*database);
        const auto found = catalog.roles(filter);
        std::optional<std::string> country;
        if (filter.country) {
            country = catalog.names().resolve_country(*filter.country);
        }
        OutputOptions output = options->output;
        output.color = context.use_color();
        write_listing(context.out, roles_listing(found, country), output);
    });
}

} // namespace jobkb::cli
