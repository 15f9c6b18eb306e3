// jobkb completion bash|zsh: shell completion scripts made from the command table; and the
// hidden `jobkb completion names KIND [PREFIX]` they call for names from the base.
#include "cli/commands.hpp"
#include "cli/completion_scripts.hpp"
#include "cli/usage_errors.hpp"

#include "jobkb/name_list.hpp"

#include <filesystem>
#include <memory>

namespace jobkb::cli {
namespace {

enum class Shell { kBash, kZsh };

struct NamesOptions {
    NameList list = NameList::kRoles;
    std::string prefix;
};

void run_script(Context& context, Shell shell) {
    // Every command, whatever this command line registered.
    const auto app = make_app(context);
    const auto table = completion_table(*app);
    context.out << (shell == Shell::kBash ? bash_script(table) : zsh_script(table));
}

// Names for a Tab press: read-only, never creating the default base, and silent on any failure
// (a message would land in the middle of the user's command line).
void run_names(Context& context, const NamesOptions& options) {
    try {
        const auto location = context.locate_database();
        std::error_code error;
        if (!std::filesystem::is_regular_file(location.path, error)) {
            return;
        }
        auto database = open_knowledge_base(location.path, Access::kReadOnly);
        for (const auto& name : names_starting_with(*database, options.list, options.prefix)) {
            context.out << name << '\n';
        }
    } catch (const std::exception&) {
        // Nothing to offer.
    }
}

} // namespace

void register_completion_command(CLI::App& app, Context& context) {
    auto* completion = app.add_subcommand(
        "completion", "Print a shell completion script (commands, options and names)");
    completion->require_subcommand(1);
    completion->footer(
        "The script completes commands, options, their choices, file names, and role, skill, "
        "industry and country names read from the knowledge base (the one --db names on the "
        "command line, else the default). `cmake --install` installs both scripts where bash "
        "and zsh look for them.\n\nExamples:\n"
        "  source <(jobkb completion bash)                         this shell only\n"
        "  jobkb completion bash > ~/.local/share/bash-completion/completions/jobkb\n"
        "  jobkb completion zsh > ~/.zfunc/_jobkb                  with fpath+=(~/.zfunc) before "
        "compinit");
    for (const auto& [name, shell] :
         {std::pair{"bash", Shell::kBash}, std::pair{"zsh", Shell::kZsh}}) {
        auto* script = completion->add_subcommand(
            name, std::string("Print the ") + name + " completion script to standard output");
        script->footer(std::string("Example:\n  jobkb completion ") + name +
                       (shell == Shell::kBash
                            ? " > ~/.local/share/bash-completion/completions/jobkb"
                            : " > ~/.zfunc/_jobkb"));
        script->callback([&context, shell = shell] { run_script(context, shell); });
    }

    auto options = std::make_shared<NamesOptions>();
    auto* names = completion->add_subcommand("names", "Names from the base, for the scripts");
    names->group(""); // hidden: the scripts' helper, not a command for people
    names->add_option("KIND", options->list, "role, skill, industry or country")
        ->required()
        ->transform(one_of<NameList>("kind", {{"role", NameList::kRoles},
                                              {"skill", NameList::kSkills},
                                              {"industry", NameList::kIndustries},
                                              {"country", NameList::kCountries}}));
    names->add_option("PREFIX", options->prefix, "Only names starting with this (any case)");
    names->callback([&context, options] { run_names(context, *options); });
}

} // namespace jobkb::cli
