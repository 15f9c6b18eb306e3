#include "cli/commands.hpp"
#include "cli/table.hpp"

#include "jobkb/catalog.hpp"

#include <algorithm>
#include <set>

namespace jobkb::cli {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string text;
    for (const auto& item : items) {
        if (!text.empty()) {
            text += separator;
        }
        text += item;
    }
    return text;
}

void write_roles(Context& context, const std::vector<RoleOverview>& roles) {
    // One salary column per country that any role has a headline figure for.
    std::set<std::string> countries;
    for (const auto& role : roles) {
        for (const auto& figure : role.headline_salaries) {
            countries.insert(figure.country_code);
        }
    }
    std::vector<TableColumn> columns = {{"Role", Align::kLeft, 26},
                                        {"Key skills", Align::kLeft, 34},
                                        {"Industries", Align::kLeft, 26}};
    for (const auto& country : countries) {
        columns.push_back({country + " avg/yr", Align::kRight, 0});
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& role : roles) {
        std::vector<std::string> row = {role.name, join(role.key_skills, ", "),
                                        join(role.industries, ", ")};
        for (const auto& country : countries) {
            const auto figure =
                std::find_if(role.headline_salaries.begin(), role.headline_salaries.end(),
                             [&](const SalaryFigure& f) { return f.country_code == country; });
            row.push_back(figure == role.headline_salaries.end()
                              ? ""
                              : format_money(figure->amount_minor, figure->currency));
        }
        rows.push_back(std::move(row));
    }
    write_table(context.out, columns, rows);
}

} // namespace

void register_roles_command(CLI::App& app, Context& context) {
    auto* roles = app.add_subcommand(
        "roles", "List the roles with key skills, industries and headline salaries");
    roles->footer("Salaries are the latest yearly average per country, in its currency (INR in "
                  "Indian digit grouping).\n\nExample:\n  jobkb roles");
    roles->callback([&context] {
        auto database = context.open(Access::kReadOnly);
        write_roles(context, Catalog(*database).role_overviews());
    });
}

} // namespace jobkb::cli
