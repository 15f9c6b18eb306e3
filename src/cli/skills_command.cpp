// jobkb skills: each skill with the number of roles that need it, or one role's skills.
#include "cli/commands.hpp"
#include "cli/listings.hpp"

#include <memory>

namespace jobkb::cli {

Listing skills_listing(const std::vector<Usage>& skills, bool for_role) {
    Listing listing;
    listing.columns.push_back({"skill", "Skill"});
    if (for_role) {
        listing.columns.push_back({"relevance", "Relevance"});
    }
    listing.columns.push_back({"roles", "Roles", Align::kRight});
    listing.columns.push_back({"key_roles", "As key skill", Align::kRight});
    for (const auto& skill : skills) {
        std::vector<CellValue> row = {skill.name};
        if (for_role) {
            row.emplace_back(skill.relevance);
        }
        row.emplace_back(skill.roles);
        row.emplace_back(skill.key_roles);
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

namespace {

struct SkillsOptions {
    std::string role; // empty: every skill
    OutputOptions output;
};

void run_skills(Context& context, const SkillsOptions& options) {
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    const auto role = given(options.role);
    context.print(skills_listing(catalog.skills(role), role.has_value()), options.output);
}

} // namespace

void register_skills_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<SkillsOptions>();
    auto* skills =
        app.add_subcommand("skills", "List skills with the number of roles that need each");
    skills
        ->add_option("--role", options->role,
                     "Only this role's skills (key first, in the source's order)")
        ->option_text("ROLE");
    add_output_options(*skills, options->output);
    skills->footer("With --role, a relevance column says whether the skill is key or only "
                   "mentioned.\n\nExamples:\n  jobkb skills\n  jobkb skills --role \"NLP "
                   "Engineer\" --csv");
    skills->callback([&context, options] { run_skills(context, *options); });
}

} // namespace jobkb::cli
