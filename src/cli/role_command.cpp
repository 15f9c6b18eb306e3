// jobkb role: one role in full.
#include "cli/commands.hpp"
#include "cli/converted_figures.hpp"
#include "cli/listings.hpp"
#include "cli/output.hpp"
#include "cli/role_output.hpp"

#include "jobkb/catalog.hpp"

#include <memory>

namespace jobkb::cli {
namespace {

struct RoleOptions {
    std::string role;
    bool all_titles = false;
    ConversionChoice conversion;
    OutputOptions output;
};

void run_role(Context& context, const RoleOptions& options) {
    auto database = context.open(Access::kReadOnly);
    const RoleProfile profile = Catalog(*database).role_profile(options.role);
    const auto conversions = make_conversions(*database, options.conversion);
    OutputOptions output = options.output;
    output.color = context.use_color();
    write_profile(context.out, profile, output, conversions.get(), options.all_titles);
    if (conversions) {
        conversions->print_notes(context);
    }
}

} // namespace

void write_profile(std::ostream& out, const RoleProfile& profile, const OutputOptions& options,
                   FigureConversions* conversions, bool all_titles) {
    switch (options.format) {
    case Format::kTable:
        write_role_text(out, profile, all_titles, options.color, conversions);
        return;
    case Format::kMarkdown:
        write_role_markdown(out, profile, all_titles, conversions);
        return;
    case Format::kJson:
    case Format::kNdjson:
        write_role_json(out, profile, options.format == Format::kNdjson, conversions);
        return;
    case Format::kCsv:
    case Format::kTsv:
        write_listing(out, role_listing(profile), options);
        return;
    }
}

void register_role_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<RoleOptions>();
    auto* role = app.add_subcommand("role", "Show one role in full");
    role->add_option("ROLE", options->role,
                     "The role's name, slug or an alias (any letter case), or an occupation code "
                     "it is (15-2051.00)")
        ->required()
        ->option_text("ROLE");
    role->add_flag("--all", options->all_titles,
                   "List every title (the table and markdown show a sample; JSON and CSV always "
                   "have them all)");
    add_conversion_options(*role, options->conversion);
    add_output_options(*role, options->output);
    role->footer(
        "Shows the summary, other names, occupation codes (the occupation the role is, or the "
        "broader one it is within, with that occupation's own figures labelled as such), what "
        "each source says of it (O*NET's description and job zone), responsibilities, a "
        "source's tasks (core, then supplemental), key and mentioned skills, technology skills "
        "by category with their Hot Technology and In Demand flags, industries, titles, related "
        "roles as a source states them, the latest salary per country with its statistic, date "
        "and source, and the sources with their version and licence, then the attribution a "
        "licence asks for. CSV and TSV hold one record without the salaries (see `jobkb "
        "salaries --role`). --in CUR (or --ppp) shows each salary also in CUR with its rate, day "
        "and source (JSON: an object \"in\" per salary)."
        "\n\nExamples:\n  jobkb role \"MLOps Engineer\"\n  jobkb role mlops-engineer --json\n"
        "  jobkb role 15-2051.00 --all\n  jobkb role \"data scientists\" --format markdown\n"
        "  jobkb role \"Machine Learning Engineer\" --in USD --rate-on 2025-05-09");
    // `jobkb role rename|merge|delete` (role_management_commands.cpp) do their own work.
    role->callback([&context, options, role] {
        if (role->get_subcommands().empty()) {
            run_role(context, *options);
        }
    });
}

} // namespace jobkb::cli
