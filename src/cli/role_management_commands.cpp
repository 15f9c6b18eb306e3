// jobkb role rename|merge|delete and jobkb merges [undo ID]: changing which roles the base has.
// One file, as import_commands.cpp is for import and imports: `merges` lists and undoes what
// `role merge` made. The subcommands hang under `jobkb role`, whose own file shows a role.
#include "cli/commands.hpp"

#include "jobkb/role_management.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {
namespace {

struct RoleManagementOptions {
    std::string role;      // rename, delete: the role; merge: FROM
    std::string other;     // rename: the new name; merge: INTO
    bool no_alias = false; // rename: do not keep the old name as an alias
};

void run_rename(Context& context, const RoleManagementOptions& options) {
    auto database = context.open(Access::kReadWrite);
    const auto renamed = rename_role(*database, options.role, options.other, !options.no_alias);
    context.note(fmt::format(
        "'{}' is now named '{}' (slug {}{})", renamed.old_name, renamed.name, renamed.slug,
        renamed.old_name_kept ? fmt::format("; '{}' stays as an alias", renamed.old_name) : ""));
}

void run_merge(Context& context, const RoleManagementOptions& options) {
    auto database = context.open(Access::kReadWrite);
    const auto merged = merge_roles(*database, options.role, options.other);
    context.note(fmt::format("merged {} into {} (merge {}): {} observation(s), {} alias(es), {} "
                             "title(s), {} code(s) and {} other link(s) moved; undo it with "
                             "'jobkb merges undo {}'",
                             merged.merge.from, merged.merge.into, merged.merge.id,
                             merged.observations, merged.aliases, merged.titles, merged.codes,
                             merged.links, merged.merge.id));
    if (!merged.kept.empty()) {
        context.note(fmt::format("{} had these already and keeps its own: {}", merged.merge.into,
                                 fmt::join(merged.kept, ", ")));
    }
}

void run_delete(Context& context, const RoleManagementOptions& options) {
    auto database = context.open(Access::kReadWrite);
    const auto deleted = delete_role(*database, options.role);
    context.note(fmt::format(
        "deleted {} with its {} alias(es), {} title(s), {} responsibility(ies) "
        "and {} other link(s)",
        deleted.name, deleted.aliases, deleted.titles, deleted.responsibilities, deleted.links));
}

} // namespace

void register_role_management_commands(CLI::App& role, Context& context) {
    auto options = std::make_shared<RoleManagementOptions>();
    // `jobkb role NAME` needs its NAME, these subcommands do not. CLI11 gives a word to a required
    // positional before it looks for a subcommand of that name, so ROLE is optional, and its
    // absence without a subcommand is the usage error it was ("missing ROLE"), raised once the
    // command line is read.
    CLI::Option* shown = role.get_option("ROLE");
    shown->required(false);
    role.parse_complete_callback([&role, shown] {
        if (role.get_subcommands().empty() && shown->count() == 0) {
            shown->required(true); // so that the message names it as the argument missing
            throw CLI::RequiredError(shown->get_name());
        }
    });

    auto* rename = role.add_subcommand("rename", "Give a role another name");
    rename->add_option("ROLE", options->role, "The role (name, slug, alias, code or title)")
        ->required()
        ->option_text("ROLE");
    rename->add_option("NEW", options->other, "Its new name")->required();
    rename->add_flag("--no-alias", options->no_alias,
                     "Do not keep the old name as an alias of the role");
    rename->footer("The slug stays (seed data and files refer to the role by it), and the old "
                   "name stays as an alias unless --no-alias, so files and scripts that name the "
                   "role keep working.\n\nExample:\n  jobkb role rename \"Big Data Engineer\" "
                   "\"Data Engineer\"");
    rename->callback([&context, options] { run_rename(context, *options); });

    auto* merge = role.add_subcommand("merge", "Merge one role into another (undoable)");
    merge->add_option("FROM", options->role, "The role that goes away")
        ->required()
        ->option_text("ROLE");
    merge->add_option("INTO", options->other, "The role it joins")->required()->option_text("ROLE");
    merge->footer(
        "In one transaction FROM's salary observations, aliases, titles, codes, skills, "
        "industries, responsibilities and relations move to INTO (where both have the same "
        "skill, title, code or industry, INTO's stays), FROM's name becomes an alias of INTO, and "
        "FROM is deleted. The merge is recorded: 'jobkb merges' lists merges, 'jobkb merges undo "
        "ID' puts FROM back as it was.\n\nExample:\n  jobkb role merge \"ML Engineer\" "
        "\"Machine Learning Engineer\"");
    merge->callback([&context, options] { run_merge(context, *options); });

    auto* remove = role.add_subcommand("delete", "Delete a role that no figure refers to");
    remove->add_option("ROLE", options->role, "The role")->required()->option_text("ROLE");
    remove->footer("Removes the role with its aliases, titles, codes, links and "
                   "responsibilities. Refused while salary observations refer to it: merge it "
                   "into another role instead, which keeps them (and can be undone).\n\n"
                   "Example:\n  jobkb role delete \"Prompt Whisperer\"");
    remove->callback([&context, options] { run_delete(context, *options); });
}

void register_role_commands(CLI::App& app, Context& context) {
    register_role_command(app, context);
    register_role_management_commands(*app.get_subcommand("role"), context);
}

void register_merges_command(CLI::App& app, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto merge_id = std::make_shared<std::int64_t>(0);
    auto* merges = app.add_subcommand("merges", "List role merges, or undo one");
    add_output_options(*merges, *output);
    merges->footer("Examples:\n  jobkb merges\n  jobkb merges undo 2");
    auto* undo = merges->add_subcommand("undo", "Put a merged role back as it was");
    undo->add_option("ID", *merge_id, "The merge, as `jobkb merges` lists it")->required();
    undo->footer("The role comes back with its id, slug, name, summary, aliases, titles, codes, "
                 "links and the observations that moved; observations imported into the other "
                 "role since stay there. A merge whose role was merged on into a third must wait "
                 "until that merge is undone.\n\nExample:\n  jobkb merges undo 2");
    undo->callback([&context, merge_id] {
        auto database = context.open(Access::kReadWrite);
        const auto merge = undo_role_merge(*database, *merge_id);
        context.note(fmt::format("merge {} undone: {} is back (id {}), apart from {}", merge.id,
                                 merge.from, merge.from_role_id, merge.into));
    });
    merges->callback([&context, output, undo] {
        if (undo->parsed()) {
            return;
        }
        auto database = context.open(Access::kReadOnly);
        Listing listing;
        listing.columns = {{"id", "Merge", Align::kRight},
                           {"from", "From"},
                           {"into", "Into"},
                           {"observations", "Observations", Align::kRight},
                           {"merged_at", "Merged at"},
                           {"state", "State"}};
        for (const auto& merge : list_role_merges(*database)) {
            listing.rows.push_back({merge.id, merge.from, merge.into, merge.observations,
                                    merge.merged_at,
                                    merge.undone_at ? "undone " + *merge.undone_at : "standing"});
        }
        OutputOptions options = *output;
        options.color = context.use_color();
        write_listing(context.out, listing, options);
    });
}

} // namespace jobkb::cli
