#pragma once

#include "cli/context.hpp"

#include "jobkb/knowledge_base.hpp"

#include <CLI/App.hpp>

#include <string>

namespace jobkb::cli {

// Each command group registers its subcommands on the app; their callbacks use the context.
void register_init_command(CLI::App& app, Context& context);
void register_migrate_command(CLI::App& app, Context& context);
void register_roles_command(CLI::App& app, Context& context);
void register_check_command(CLI::App& app, Context& context);

// "1 migration(s) applied; reference data: 417 row(s) added; ..."
std::string describe_setup(const SetupReport& report);

} // namespace jobkb::cli
