// jobkb gap: what one role must learn to move to another.
#include "cli/commands.hpp"
#include "cli/listings.hpp"

#include "jobkb/comparison.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {

Listing gap_listing(const SkillGap& gap) {
    Listing listing;
    listing.columns = {{"skill", "Skill"},
                       {"status", "Status"},
                       {"in_target", "In " + gap.to},
                       {"in_current", "In " + gap.from}};
    for (const auto& item : gap.to_learn) {
        listing.rows.push_back({item.skill, std::string("to learn"), item.in_target, CellValue{}});
    }
    for (const auto& item : gap.carries_over) {
        listing.rows.push_back(
            {item.skill, std::string("carries over"), item.in_target, item.in_current});
    }
    return listing;
}

namespace {

struct GapOptions {
    std::string from;
    std::string to;
    OutputOptions output;
};

void run_gap(Context& context, const GapOptions& options) {
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    const auto result = skill_gap(catalog, options.from, options.to);
    context.print(gap_listing(result), options.output);
    context.note(fmt::format("{} -> {}: {} skill(s) to learn, {} carry over", result.from,
                             result.to, result.to_learn.size(), result.carries_over.size()));
}

} // namespace

void register_gap_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<GapOptions>();
    auto* gap = app.add_subcommand("gap", "What one role must learn to move to another");
    gap->add_option("FROM", options->from, "The current role")->required()->option_text("ROLE");
    gap->add_option("TO", options->to, "The role to move to")->required()->option_text("ROLE");
    add_output_options(*gap, options->output);
    gap->footer("Lists the skills TO needs that FROM lacks (key skills first), then the skills "
                "that carry over.\n\nExample:\n  jobkb gap \"Data Scientist\" \"Machine "
                "Learning Engineer\"");
    gap->callback([&context, options] { run_gap(context, *options); });
}

} // namespace jobkb::cli
