// jobkb alias add/list/remove: other names for roles.
#include "cli/commands.hpp"

#include "jobkb/aliases.hpp"

#include <memory>

namespace jobkb::cli {
namespace {

struct AliasOptions {
    std::string role;  // add: the role; list: only its aliases (empty: all)
    std::string alias; // add: the new name; remove: the name to forget
    OutputOptions output;
};

void run_alias_add(Context& context, const AliasOptions& options) {
    auto database = context.open(Access::kReadWrite);
    const auto added = add_role_alias(*database, options.role, options.alias);
    context.note("'" + added.alias + "' now names " + added.role);
}

void run_alias_list(Context& context, const AliasOptions& options) {
    auto database = context.open(Access::kReadOnly);
    Listing listing;
    listing.columns = {{"alias", "Alias"}, {"role", "Role"}};
    for (const auto& entry : list_role_aliases(*database, given(options.role))) {
        listing.rows.push_back({entry.alias, entry.role});
    }
    context.print(listing, options.output);
}

void run_alias_remove(Context& context, const AliasOptions& options) {
    auto database = context.open(Access::kReadWrite);
    const auto removed = remove_role_alias(*database, options.alias);
    context.note("'" + removed.alias + "' no longer names " + removed.role);
}

} // namespace

void register_alias_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<AliasOptions>();
    auto* alias = app.add_subcommand("alias", "Teach the base other names for roles");
    alias->require_subcommand(1);
    alias->footer("Examples:\n  jobkb alias add \"Machine Learning Engineer\" \"ML Engineer\"\n"
                  "  jobkb alias list\n  jobkb alias remove \"ML Engineer\"");

    auto* add = alias->add_subcommand("add", "Add another name for a role");
    add->add_option("ROLE", options->role, "The role (name, slug or an existing alias)")
        ->required()
        ->option_text("ROLE");
    add->add_option("ALIAS", options->alias, "The new name")->required();
    add->footer("Example:\n  jobkb alias add \"Machine Learning Engineer\" \"ML Engineer\"");
    add->callback([&context, options] { run_alias_add(context, *options); });

    auto* list = alias->add_subcommand("list", "List aliases, of every role or one");
    list->add_option("ROLE", options->role, "Only this role's aliases")->option_text("ROLE");
    add_output_options(*list, options->output);
    list->footer("Example:\n  jobkb alias list \"Big Data Engineer\"");
    list->callback([&context, options] { run_alias_list(context, *options); });

    auto* remove = alias->add_subcommand("remove", "Forget an alias");
    remove->add_option("ALIAS", options->alias, "The alias")->required();
    remove->footer("Example:\n  jobkb alias remove \"ML Engineer\"");
    remove->callback([&context, options] { run_alias_remove(context, *options); });
}

} // namespace jobkb::cli
