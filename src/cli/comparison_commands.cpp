#include "cli/commands.hpp"

#include "jobkb/comparison.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {
namespace {

Listing comparison_listing(const Comparison& comparison) {
    const std::size_t count = comparison.roles.size();
    Listing listing;
    listing.columns = {{"aspect", "Aspect"}, {"item", "Item", Align::kLeft, 28}};
    for (const auto& role : comparison.roles) {
        listing.columns.push_back({role, role, Align::kLeft, 18});
    }
    listing.columns.push_back({"shared_by", "Shared by", Align::kRight});
    auto shared = [count](std::size_t by) -> CellValue {
        return by == count ? CellValue{std::string("all")}
                           : CellValue{fmt::format("{} of {}", by, count)};
    };
    auto add_items = [&](const char* aspect, const std::vector<ComparedItem>& items) {
        for (const auto& item : items) {
            std::vector<CellValue> row = {std::string(aspect), item.name};
            for (const auto& how : item.per_role) {
                row.emplace_back(how.empty() ? CellValue{} : CellValue{how});
            }
            row.push_back(shared(item.shared_by));
            listing.rows.push_back(std::move(row));
        }
    };
    add_items("skill", comparison.skills);
    add_items("industry", comparison.industries);
    for (const auto& salary : comparison.salaries) {
        std::vector<CellValue> row = {
            std::string("salary"),
            fmt::format("{} {}/{}", salary.country_code, salary.statistic, salary.period)};
        std::size_t present = 0;
        for (const auto& figure : salary.per_role) {
            if (figure) {
                ++present;
                row.emplace_back(MoneyValue{figure->amount_minor, figure->currency});
            } else {
                row.emplace_back();
            }
        }
        row.push_back(shared(present));
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

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

} // namespace

void register_comparison_commands(CLI::App& app, Context& context) {
    struct Options {
        std::vector<std::string> roles;
        std::string from;
        std::string to;
        std::string role;
        std::size_t limit = 10;
        OutputOptions output;
    };
    auto options = std::make_shared<Options>();

    auto* compare = app.add_subcommand("compare", "Compare roles side by side");
    compare->add_option("ROLE", options->roles, "Two or more roles")->required()->expected(2, -1);
    add_output_options(*compare, options->output);
    compare->footer("One row per skill, industry and salary figure, one column per role; "
                    "\"Shared by\" says how many of the roles have it, shared items first.\n\n"
                    "Examples:\n  jobkb compare \"Data Scientist\" \"Machine Learning Engineer\"\n"
                    "  jobkb compare \"NLP Engineer\" \"Computer Vision Engineer\" "
                    "\"AI/ML Research Scientist\" --format markdown");
    compare->callback([&context, options] {
        auto database = context.open(Access::kReadOnly);
        Catalog catalog(*database);
        OutputOptions output = options->output;
        output.color = context.use_color();
        write_listing(context.out, comparison_listing(compare_roles(catalog, options->roles)),
                      output);
    });

    auto* gap = app.add_subcommand("gap", "What one role must learn to move to another");
    gap->add_option("FROM", options->from, "The current role")->required();
    gap->add_option("TO", options->to, "The role to move to")->required();
    add_output_options(*gap, options->output);
    gap->footer("Lists the skills TO needs that FROM lacks (key skills first), then the skills "
                "that carry over.\n\nExample:\n  jobkb gap \"Data Scientist\" \"Machine "
                "Learning Engineer\"");
    gap->callback([&context, options] {
        auto database = context.open(Access::kReadOnly);
        Catalog catalog(*database);
        const auto result = skill_gap(catalog, options->from, options->to);
        OutputOptions output = options->output;
        output.color = context.use_color();
        write_listing(context.out, gap_listing(result), output);
        context.note(fmt::format("{} -> {}: {} skill(s) to learn, {} carry over", result.from,
                                 result.to, result.to_learn.size(), result.carries_over.size()));
    });

    auto* related = app.add_subcommand("related", "Roles ranked by how many skills they share");
    related->add_option("ROLE", options->role, "The role to start from")->required();
    related->add_option("--limit", options->limit, "At most this many roles (default 10)")
        ->check(CLI::PositiveNumber);
    add_output_options(*related, options->output);
    related->footer("Similarity is the Jaccard index of the two roles' skill sets (key and "
                    "mentioned): shared skills / all skills of either.\n\nExample:\n"
                    "  jobkb related \"Machine Learning Engineer\" --limit 3");
    related->callback([&context, options] {
        auto database = context.open(Access::kReadOnly);
        Catalog catalog(*database);
        OutputOptions output = options->output;
        output.color = context.use_color();
        write_listing(context.out,
                      related_listing(related_roles(catalog, options->role, options->limit)),
                      output);
    });
}

} // namespace jobkb::cli
