// jobkb title add/list/remove: the job titles of roles.
#include "cli/commands.hpp"

#include "jobkb/titles.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {
namespace {

struct TitleOptions {
    std::string role;  // add, remove: the role; list: only its titles (empty: all)
    std::string title; // add: the new title; remove: the title to forget
    OutputOptions output;
};

void run_title_add(Context& context, const TitleOptions& options) {
    auto database = context.open(Access::kReadWrite);
    const auto added = add_role_title(*database, options.role, options.title);
    context.note("'" + added.title.title + "' is now a title of " + added.title.role);
    if (!added.also_names.empty()) {
        context.note(fmt::format("it is a title of {} other role(s) too ({}): looking a role up "
                                 "by it lists them all",
                                 added.also_names.size(), fmt::join(added.also_names, ", ")));
    }
}

void run_title_list(Context& context, const TitleOptions& options) {
    auto database = context.open(Access::kReadOnly);
    Listing listing;
    listing.columns = {
        {"title", "Title"}, {"role", "Role"}, {"kind", "Kind"}, {"source", "Source"}};
    for (const auto& entry : list_role_titles(*database, given(options.role))) {
        listing.rows.push_back({entry.title, entry.role, entry.kind, entry.source});
    }
    context.print(listing, options.output);
}

void run_title_remove(Context& context, const TitleOptions& options) {
    auto database = context.open(Access::kReadWrite);
    const auto removed = remove_role_title(*database, options.role, options.title);
    context.note("'" + removed.title + "' is no longer a title of " + removed.role);
}

} // namespace

void register_title_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<TitleOptions>();
    auto* title = app.add_subcommand("title", "The job titles of roles (a title may name several)");
    title->require_subcommand(1);
    title->footer(
        "A title is what employers and surveys call a job. Unlike an alias it may name several "
        "roles; a role is found by a title only when the title names it alone (else the lookup "
        "lists the roles). Names, slugs, aliases and codes are looked up before titles.\n\n"
        "Examples:\n  jobkb title add \"Machine Learning Engineer\" \"ML Engineer\"\n"
        "  jobkb title list \"Data Scientist\"\n"
        "  jobkb title remove \"Machine Learning Engineer\" \"ML Engineer\"");

    auto* add = title->add_subcommand("add", "Teach the base a title of a role");
    add->add_option("ROLE", options->role, "The role (name, slug, alias, code or title)")
        ->required()
        ->option_text("ROLE");
    add->add_option("TITLE", options->title, "The title")->required();
    add->footer("Example:\n  jobkb title add \"Data Scientist\" \"Applied Data Scientist\"");
    add->callback([&context, options] { run_title_add(context, *options); });

    auto* list = title->add_subcommand("list", "List titles, of every role or one");
    list->add_option("ROLE", options->role, "Only this role's titles")->option_text("ROLE");
    add_output_options(*list, options->output);
    list->footer("Examples:\n  jobkb title list\n  jobkb title list \"Data Scientist\" --csv");
    list->callback([&context, options] { run_title_list(context, *options); });

    auto* remove = title->add_subcommand("remove", "Forget a title of a role");
    remove->add_option("ROLE", options->role, "The role")->required()->option_text("ROLE");
    remove->add_option("TITLE", options->title, "The title")->required();
    remove->footer("Example:\n  jobkb title remove \"Data Scientist\" \"Applied Data Scientist\"");
    remove->callback([&context, options] { run_title_remove(context, *options); });
}

} // namespace jobkb::cli
