#include "cli/commands.hpp"

#include <memory>

namespace jobkb::cli {
namespace {

Listing usage_listing(const std::vector<Usage>& usage, bool skills, bool for_role) {
    Listing listing;
    listing.columns.push_back({skills ? "skill" : "industry", skills ? "Skill" : "Industry"});
    if (for_role && skills) {
        listing.columns.push_back({"relevance", "Relevance"});
    }
    listing.columns.push_back({"roles", "Roles", Align::kRight});
    if (skills) {
        listing.columns.push_back({"key_roles", "As key skill", Align::kRight});
    }
    for (const auto& item : usage) {
        std::vector<CellValue> row = {item.name};
        if (for_role && skills) {
            row.emplace_back(item.relevance);
        }
        row.emplace_back(item.roles);
        if (skills) {
            row.emplace_back(item.key_roles);
        }
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

void register_usage(CLI::App& app, Context& context, bool skills) {
    struct Options {
        std::string role;
        OutputOptions output;
    };
    auto options = std::make_shared<Options>();
    auto* command =
        app.add_subcommand(skills ? "skills" : "industries",
                           skills ? "List skills with the number of roles that need each"
                                  : "List industries with the number of roles that hire in each");
    command->add_option("--role", options->role,
                        skills ? "Only this role's skills (key first, in the source's order)"
                               : "Only this role's industries");
    add_output_options(*command, options->output);
    command->footer(skills ? "Examples:\n  jobkb skills\n  jobkb skills --role \"NLP Engineer\" "
                             "--csv"
                           : "Examples:\n  jobkb industries\n  jobkb industries --role "
                             "\"Data Scientist\" --json");
    command->callback([&context, options, skills] {
        auto database = context.open(Access::kReadOnly);
        Catalog catalog(*database);
        std::optional<std::string> role;
        if (!options->role.empty()) {
            role = options->role;
        }
        const auto usage = skills ? catalog.skills(role) : catalog.industries(role);
        OutputOptions output = options->output;
        output.color = context.use_color();
        write_listing(context.out, usage_listing(usage, skills, role.has_value()), output);
    });
}

} // namespace

void register_usage_commands(CLI::App& app, Context& context) {
    register_usage(app, context, true);
    register_usage(app, context, false);
}

} // namespace jobkb::cli
