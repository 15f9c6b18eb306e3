#pragma once

#include "cli/context.hpp"
#include "cli/output.hpp"
#include "cli/usage_errors.hpp"

#include "jobkb/catalog.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/search.hpp"

#include <CLI/App.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace jobkb::cli {

// The jobkb app with its global options and commands. With a command word, only the commands
// of that word's group are registered (start-up is most of a CLI call, and CLI11 builds every
// option it is given); without one, or with a word that names no command, all of them.
std::unique_ptr<CLI::App> make_app(Context& context, std::string_view command_word = {});

// Each file registers its command (with its subcommands) on the app; the callbacks use the
// context. The command table (command_table.cpp) lists them, in the order help shows them.
void register_init_command(CLI::App& app, Context& context);
void register_migrate_command(CLI::App& app, Context& context);
void register_roles_command(CLI::App& app, Context& context);
void register_role_command(CLI::App& app, Context& context);
// `role` with its subcommands rename, merge, delete (role_management_commands.cpp).
void register_role_commands(CLI::App& app, Context& context);
void register_role_management_commands(CLI::App& role, Context& context);
void register_merges_command(CLI::App& app, Context& context);
void register_skills_command(CLI::App& app, Context& context);
void register_industries_command(CLI::App& app, Context& context);
void register_salaries_command(CLI::App& app, Context& context);
void register_compare_command(CLI::App& app, Context& context);
void register_gap_command(CLI::App& app, Context& context);
void register_related_command(CLI::App& app, Context& context);
void register_search_command(CLI::App& app, Context& context);
void register_sql_command(CLI::App& app, Context& context);
void register_import_commands(CLI::App& app, Context& context); // import salaries, imports
// import roles and import onet, on the import command (import_roles_command.cpp,
// import_onet_command.cpp).
void register_import_roles(CLI::App& import, Context& context);
void register_import_onet(CLI::App& import, Context& context);
void register_import_rates(CLI::App& import, Context& context);   // import rates
void register_import_recipes(CLI::App& import, Context& context); // import_recipes_command.cpp
void register_export_command(CLI::App& app, Context& context);
void register_alias_command(CLI::App& app, Context& context);
void register_title_command(CLI::App& app, Context& context);
void register_check_command(CLI::App& app, Context& context);
void register_serve_command(CLI::App& app, Context& context);
void register_completion_command(CLI::App& app, Context& context);

// An option's text, or nothing when it was not given (the options' default is empty).
inline std::optional<std::string> given(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

class FigureConversions;

// Salary figures as a listing: role (optional), country, statistic, period, amount, as_of,
// source, note; with conversions, each figure also in their unit (the columns of
// FigureConversions::add_columns() for `format` after the amount), ordered by that amount,
// highest first, when `by_amount`.
Listing salaries_listing(const std::vector<SalaryFigure>& figures, bool with_role,
                         FigureConversions* conversions = nullptr, Format format = Format::kTable,
                         bool by_amount = false);

// Search hits as a listing (kind, name, field, snippet with ** around matched words, score):
// what `jobkb search` prints in every format, and what a web view's search API gives as JSON.
Listing search_listing(const std::vector<SearchHit>& hits);

// "1 migration(s) applied; reference data: 417 row(s) added; ..."
std::string describe_setup(const SetupReport& report);

} // namespace jobkb::cli
