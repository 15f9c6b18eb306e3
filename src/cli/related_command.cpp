// jobkb related: roles ranked by how many skills they share with one.
#include "cli/commands.hpp"
#include "cli/listings.hpp"
#include "cli/usage_errors.hpp"

#include "jobkb/comparison.hpp"

#include <cmath>
#include <memory>

namespace jobkb::cli {

Listing related_listing(const std::vector<RelatedRole>& related) {
    Listing listing;
    listing.columns = {{"role", "Role"},
                       {"similarity", "Similarity", Align::kRight},
                       {"shared", "Shared", Align::kRight},
                       {"shared_skills", "Shared skills", Align::kLeft, 40}};
    for (const auto& role : related) {
        // Two decimals are plenty to rank by, and keep the output stable.
        const double similarity = std::round(role.similarity() * 100.0) / 100.0;
        listing.rows.push_back({role.name, similarity, role.shared, role.shared_skills});
    }
    return listing;
}

namespace {

struct RelatedOptions {
    std::string role;
    std::size_t limit = 10;
    OutputOptions output;
};

void run_related(Context& context, const RelatedOptions& options) {
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    context.print(related_listing(related_roles(catalog, options.role, options.limit)),
                  options.output);
}

} // namespace

void register_related_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<RelatedOptions>();
    auto* related = app.add_subcommand("related", "Roles ranked by how many skills they share");
    related->add_option("ROLE", options->role, "The role to start from")
        ->required()
        ->option_text("ROLE");
    related->add_option("--limit", options->limit, "At most this many roles (default 10)")
        ->check(whole_number(1))
        ->option_text("N");
    add_output_options(*related, options->output);
    related->footer("Similarity is the Jaccard index of the two roles' skill sets (key and "
                    "mentioned): shared skills / all skills of either.\n\nExample:\n"
                    "  jobkb related \"Machine Learning Engineer\" --limit 3");
    related->callback([&context, options] { run_related(context, *options); });
}

} // namespace jobkb::cli
