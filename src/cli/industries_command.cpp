// jobkb industries: each industry with the number of roles that hire in it, or one role's.
#include "cli/commands.hpp"
#include "cli/listings.hpp"

#include <memory>

namespace jobkb::cli {

Listing industries_listing(const std::vector<Usage>& industries) {
    Listing listing;
    listing.columns = {{"industry", "Industry"}, {"roles", "Roles", Align::kRight}};
    for (const auto& industry : industries) {
        listing.rows.push_back({industry.name, industry.roles});
    }
    return listing;
}

namespace {

struct IndustriesOptions {
    std::string role; // empty: every industry
    OutputOptions output;
};

void run_industries(Context& context, const IndustriesOptions& options) {
    auto database = context.open(Access::kReadOnly);
    Catalog catalog(*database);
    context.print(industries_listing(catalog.industries(given(options.role))), options.output);
}

} // namespace

void register_industries_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<IndustriesOptions>();
    auto* industries = app.add_subcommand(
        "industries", "List industries with the number of roles that hire in each");
    industries->add_option("--role", options->role, "Only this role's industries")
        ->option_text("ROLE");
    add_output_options(*industries, options->output);
    industries->footer("Examples:\n  jobkb industries\n  jobkb industries --role \"Data "
                       "Scientist\" --json");
    industries->callback([&context, options] { run_industries(context, *options); });
}

} // namespace jobkb::cli
