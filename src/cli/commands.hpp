#pragma once

#include "cli/context.hpp"
#include "cli/output.hpp"

#include "jobkb/catalog.hpp"

#include "jobkb/knowledge_base.hpp"

#include <CLI/App.hpp>

#include <string>

namespace jobkb::cli {

// Each command group registers its subcommands on the app; their callbacks use the context.
void register_init_command(CLI::App& app, Context& context);
void register_migrate_command(CLI::App& app, Context& context);
void register_roles_command(CLI::App& app, Context& context);
void register_role_command(CLI::App& app, Context& context);
void register_usage_commands(CLI::App& app, Context& context); // skills, industries
void register_salaries_command(CLI::App& app, Context& context);
void register_comparison_commands(CLI::App& app, Context& context); // compare, gap, related
void register_sql_command(CLI::App& app, Context& context);
void register_import_commands(CLI::App& app, Context& context); // import salaries, imports
void register_alias_commands(CLI::App& app, Context& context);
void register_export_command(CLI::App& app, Context& context);
void register_check_command(CLI::App& app, Context& context);

// Salary figures as a listing: role (optional), country, statistic, period, amount, as_of,
// source, note.
Listing salaries_listing(const std::vector<SalaryFigure>& figures, bool with_role);

// "1 migration(s) applied; reference data: 417 row(s) added; ..."
std::string describe_setup(const SetupReport& report);

} // namespace jobkb::cli
