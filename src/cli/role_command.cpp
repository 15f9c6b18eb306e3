// jobkb role: one role in full.
#include "cli/commands.hpp"
#include "cli/converted_figures.hpp"
#include "cli/listings.hpp"
#include "cli/output.hpp"

#include "jobkb/catalog.hpp"

#include <nlohmann/json.hpp>

#include <memory>

namespace jobkb::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string heading(const std::string& text, bool color) {
    return color ? "\033[1m" + text + "\033[0m" : text;
}

void write_list_section(std::ostream& out, const std::string& title,
                        const std::vector<std::string>& items, bool numbered, bool color) {
    if (items.empty()) {
        return;
    }
    out << '\n' << heading(title, color) << '\n';
    for (std::size_t i = 0; i < items.size(); ++i) {
        out << "  " << (numbered ? std::to_string(i + 1) + ". " : "- ") << items[i] << '\n';
    }
}

void write_profile_text(std::ostream& out, const RoleProfile& profile, bool color,
                        FigureConversions* conversions) {
    out << heading(profile.name, color) << '\n';
    if (!profile.summary.empty()) {
        out << profile.summary << '\n';
    }
    if (!profile.aliases.empty()) {
        std::string aliases;
        for (const auto& alias : profile.aliases) {
            aliases += (aliases.empty() ? "" : ", ") + alias;
        }
        out << "Also called: " << aliases << '\n';
    }
    write_list_section(out, "Responsibilities", profile.responsibilities, true, color);
    write_list_section(out, "Key skills", profile.key_skills, false, color);
    write_list_section(out, "Also mentioned", profile.mentioned_skills, false, color);
    write_list_section(out, "Industries", profile.industries, false, color);
    if (!profile.latest_salaries.empty()) {
        out << '\n' << heading("Latest salaries", color) << '\n';
        OutputOptions table;
        table.color = color;
        write_listing(out, salaries_listing(profile.latest_salaries, false, conversions), table);
    }
}

void write_profile_markdown(std::ostream& out, const RoleProfile& profile,
                            FigureConversions* conversions) {
    // Every text is the base's, not markup: markdown_text() keeps it so.
    out << "# " << markdown_text(profile.name) << "\n";
    if (!profile.summary.empty()) {
        out << "\n" << markdown_text(profile.summary) << "\n";
    }
    auto section = [&](const std::string& title, const std::vector<std::string>& items,
                       bool numbered) {
        if (items.empty()) {
            return;
        }
        out << "\n## " << title << "\n\n";
        for (std::size_t i = 0; i < items.size(); ++i) {
            out << (numbered ? std::to_string(i + 1) + ". " : "- ") << markdown_text(items[i])
                << '\n';
        }
    };
    section("Also called", profile.aliases, false);
    section("Responsibilities", profile.responsibilities, true);
    section("Key skills", profile.key_skills, false);
    section("Also mentioned", profile.mentioned_skills, false);
    section("Industries", profile.industries, false);
    if (!profile.latest_salaries.empty()) {
        out << "\n## Latest salaries\n\n";
        OutputOptions markdown;
        markdown.format = Format::kMarkdown;
        write_listing(
            out, salaries_listing(profile.latest_salaries, false, conversions, Format::kMarkdown),
            markdown);
    }
}

// The same shape as a row of `jobkb salaries --json`.
Json salary_json(const SalaryFigure& figure) {
    const Json amount{{"amount_minor", figure.amount_minor}, {"currency", figure.currency.code}};
    return Json{{"country", figure.country_code},
                {"statistic", figure.statistic},
                {"period", figure.period},
                {"amount", amount},
                {"as_of", figure.as_of},
                {"source", figure.source},
                {"note", figure.note}};
}

// JSON and NDJSON: one object, lists as arrays, salaries as objects.
void write_profile_json(std::ostream& out, const RoleProfile& profile, bool one_line,
                        FigureConversions* conversions) {
    Json salaries = Json::array();
    for (const auto& figure : profile.latest_salaries) {
        salaries.push_back(salary_json(figure));
        if (conversions != nullptr) {
            salaries.back()[conversions->ppp() ? "ppp" : "in"] =
                Json::parse(conversion_json(conversions->convert(figure), conversions->ppp()));
        }
    }
    const Json json{{"role", profile.name},
                    {"slug", profile.slug},
                    {"summary", profile.summary},
                    {"aliases", profile.aliases},
                    {"responsibilities", profile.responsibilities},
                    {"key_skills", profile.key_skills},
                    {"mentioned_skills", profile.mentioned_skills},
                    {"industries", profile.industries},
                    {"latest_salaries", salaries}};
    out << json.dump(one_line ? -1 : 2, ' ', false, Json::error_handler_t::replace) << '\n';
}

// CSV and TSV: one record; the salaries are `jobkb salaries --role`'s listing.
Listing profile_listing(const RoleProfile& profile) {
    Listing listing;
    listing.columns = {{"role", "Role"},
                       {"slug", "Slug"},
                       {"summary", "Summary"},
                       {"aliases", "Also called"},
                       {"responsibilities", "Responsibilities"},
                       {"key_skills", "Key skills"},
                       {"mentioned_skills", "Also mentioned"},
                       {"industries", "Industries"}};
    listing.rows.push_back({profile.name, profile.slug, profile.summary, profile.aliases,
                            profile.responsibilities, profile.key_skills, profile.mentioned_skills,
                            profile.industries});
    return listing;
}

struct RoleOptions {
    std::string role;
    ConversionChoice conversion;
    OutputOptions output;
};

void run_role(Context& context, const RoleOptions& options) {
    auto database = context.open(Access::kReadOnly);
    const RoleProfile profile = Catalog(*database).role_profile(options.role);
    const auto conversions = make_conversions(*database, options.conversion);
    OutputOptions output = options.output;
    output.color = context.use_color();
    write_profile(context.out, profile, output, conversions.get());
    if (conversions) {
        conversions->print_notes(context);
    }
}

} // namespace

void write_profile(std::ostream& out, const RoleProfile& profile, const OutputOptions& options,
                   FigureConversions* conversions) {
    switch (options.format) {
    case Format::kTable:
        write_profile_text(out, profile, options.color, conversions);
        return;
    case Format::kMarkdown:
        write_profile_markdown(out, profile, conversions);
        return;
    case Format::kJson:
    case Format::kNdjson:
        write_profile_json(out, profile, options.format == Format::kNdjson, conversions);
        return;
    case Format::kCsv:
    case Format::kTsv:
        write_listing(out, profile_listing(profile), options);
        return;
    }
}

void register_role_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<RoleOptions>();
    auto* role = app.add_subcommand("role", "Show one role in full");
    role->add_option("ROLE", options->role, "The role's name, slug or an alias (any letter case)")
        ->required()
        ->option_text("ROLE");
    add_conversion_options(*role, options->conversion);
    add_output_options(*role, options->output);
    role->footer(
        "Shows the summary, responsibilities in order, key and other mentioned skills, "
        "industries, and the latest salary per country with its statistic, date and "
        "source. CSV and TSV hold one record without the salaries (see `jobkb salaries --role`). "
        "--in CUR (or --ppp) shows each salary also in CUR with its rate, day and source (JSON: "
        "an object \"in\" per salary).\n\nExamples:\n  jobkb role \"MLOps Engineer\"\n  jobkb role "
        "mlops-engineer "
        "--json\n  jobkb role \"data scientists\" --format markdown\n"
        "  jobkb role \"Machine Learning Engineer\" --in USD --rate-on 2025-05-09");
    // `jobkb role rename|merge|delete` (role_management_commands.cpp) do their own work.
    role->callback([&context, options, role] {
        if (role->get_subcommands().empty()) {
            run_role(context, *options);
        }
    });
}

} // namespace jobkb::cli
