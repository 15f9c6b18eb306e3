// /role/NAME: everything the base knows of one role, with the provenance of every figure.
#include "web/charts/charts.hpp"
#include "web/conversions.hpp"
#include "web/pages/pages.hpp"

#include "cli/commands.hpp"
#include "cli/listings.hpp"

#include "jobkb/comparison.hpp"
#include "jobkb/import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace jobkb::web {
namespace {

constexpr std::size_t kRelatedRoles = 5;
constexpr std::size_t kSharedSkillsShown = 8;
constexpr std::int64_t kLeastReports = 3; // fewer make no distribution worth drawing
constexpr std::size_t kChartedGroups = 8;

// The report groups the chart draws: the largest, in the listing's order.
std::vector<ReportSummary> charted_groups(const std::vector<ReportSummary>& reports) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        if (reports[i].count >= kLeastReports) {
            order.push_back(i);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return reports[a].count > reports[b].count;
    });
    order.resize(std::min(order.size(), kChartedGroups));
    std::sort(order.begin(), order.end());
    std::vector<ReportSummary> charted;
    for (const auto i : order) {
        charted.push_back(reports[i]);
    }
    return charted;
}

// The figures' listing as `jobkb salaries` prints it, with the batch each figure came in.
cli::Listing with_batches(cli::Listing listing, const std::vector<SalaryFigure>& figures,
                          const std::set<std::int64_t>& superseded) {
    listing.columns.push_back({"batch", "Batch", cli::Align::kRight});
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const auto& batch = figures[i].batch_id;
        listing.rows[i].push_back(batch
                                      ? cli::CellValue{superseded.contains(*batch)
                                                           ? fmt::format("{} (superseded)", *batch)
                                                           : std::to_string(*batch)}
                                      : cli::CellValue{std::string("seed")});
    }
    return listing;
}

Html profile_section(PageContext& context, const RoleProfile& profile) {
    const Links& links = context.links;
    Html html;
    html.open("div", {{"class", "profile"}});
    if (!profile.responsibilities.empty()) {
        html.open("section", {{"class", "card"}}).element("h2", "Responsibilities").open("ol");
        for (const auto& item : profile.responsibilities) {
            html.element("li", item);
        }
        html.close("ol").close("section");
    }
    html.open("section", {{"class", "card"}});
    auto skill_link = [&](const std::string& skill) { return links.roles_with("skill", skill); };
    if (!profile.key_skills.empty()) {
        html.element("h2", "Key skills").append(chip_list(profile.key_skills, skill_link, "key"));
    }
    if (!profile.mentioned_skills.empty()) {
        html.element("h3", "Also mentioned")
            .append(chip_list(profile.mentioned_skills, skill_link, "mentioned"));
    }
    if (!profile.industries.empty()) {
        html.element("h3", "Industries")
            .append(chip_list(
                profile.industries,
                [&](const std::string& industry) { return links.roles_with("industry", industry); },
                "industries"));
    }
    html.close("section").close("div");
    return html;
}

Html related_section(PageContext& context, const RoleProfile& profile) {
    const auto related = related_roles(context.catalog, profile.slug, kRelatedRoles);
    Html html;
    if (related.empty()) {
        return html;
    }
    cli::Listing listing = cli::related_listing(related);
    listing.columns.push_back({"compare", "Side by side"});
    listing.columns.push_back({"gap", "Skill gap"});
    for (auto& row : listing.rows) {
        // With O*NET's technology skills two roles can share dozens; the page names the first
        // few (key skills first) and the comparison page has them all.
        auto& shared = std::get<cli::TextList>(row[3]);
        if (shared.size() > kSharedSkillsShown) {
            const std::size_t more = shared.size() - kSharedSkillsShown;
            shared.resize(kSharedSkillsShown);
            shared.push_back(fmt::format("and {} more", more));
        }
        row.emplace_back(std::string("compare"));
        row.emplace_back(std::string("what to learn"));
    }
    const Links& links = context.links;
    html.append(section_heading("related", "Related roles",
                                "Ranked by the Jaccard similarity of their skill sets."))
        .append(listing_table(
            listing,
            [&](std::size_t row, std::size_t column) {
                const std::string& other = related[row].name;
                switch (column) {
                case 0:
                    return links.role(other);
                case 4:
                    return links.compare(profile.name, other);
                case 5:
                    return links.gap(profile.name, other);
                default:
                    return std::string();
                }
            },
            "Related roles"));
    return html;
}

// The currency selector: a GET form back to this page.
Html conversion_form(PageContext& context, const RoleProfile& profile, const Query& query) {
    Html html;
    if (!context.links.is_served()) {
        return html;
    }
    html.open("form", {{"class", "filters conversion-form"},
                       {"action", context.links.role(profile.name, profile.slug)},
                       {"method", "get"}});
    conversion_fields(html, query);
    html.open("div", {{"class", "actions"}})
        .element("button", "Convert", {{"type", "submit"}})
        .link(context.links.role(profile.name, profile.slug), "As reported",
              {{"class", "secondary"}})
        .close("div")
        .close("form");
    return html;
}

} // namespace

Page role_page(PageContext& context, std::string_view role, const Query& query) {
    Catalog& catalog = context.catalog;
    const RoleProfile profile = catalog.role_profile(role);
    const auto conversions = conversions_of(catalog.database(), query);
    SalaryQuery figures;
    figures.role = profile.slug;
    figures.history = true;
    const auto history = catalog.salaries(figures);
    figures.history = false;
    const auto reports = catalog.report_summaries(figures);
    std::set<std::int64_t> superseded;
    for (const auto& batch : list_import_batches(catalog.database())) {
        if (batch.superseded_by) {
            superseded.insert(batch.id);
        }
    }
    std::vector<SalaryFigure> points;
    for (const auto& figure : history) {
        if (figure.statistic == "point" &&
            !(figure.batch_id && superseded.contains(*figure.batch_id))) {
            points.push_back(figure);
        }
    }

    Page page;
    page.frame.title = profile.name;
    page.frame.section = "roles";
    Html& html = page.content;
    html.open("p", {{"class", "crumbs"}})
        .link(context.links.roles(), "Roles")
        .text(" / ")
        .close("p");
    html.element("h1", profile.name);
    if (!profile.summary.empty()) {
        html.element("p", profile.summary, {{"class", "lead"}});
    }
    if (!profile.aliases.empty()) {
        std::string aliases;
        for (const auto& alias : profile.aliases) {
            aliases += (aliases.empty() ? "" : ", ") + alias;
        }
        html.open("p", {{"class", "aliases"}})
            .element("strong", "Also called: ")
            .text(aliases)
            .close("p");
    }
    html.append(occupation_lines(context, profile));
    html.append(profile_section(context, profile));
    html.append(source_sections(context, profile));

    html.append(section_heading("salaries", "Latest salaries",
                                "The latest figure per country, statistic and period, in the "
                                "currency it was reported in."))
        .append(conversion_form(context, profile, query));
    if (profile.latest_salaries.empty()) {
        html.element("p", "No salary figures yet.");
    } else {
        html.open("figure", {{"class", "chart-figure"}})
            .append(latest_salaries_chart(profile.latest_salaries))
            .close("figure")
            .append(listing_table(with_batches(cli::salaries_listing(profile.latest_salaries, false,
                                                                     conversions.get()),
                                               profile.latest_salaries, superseded),
                                  {}, "Latest salaries"));
    }
    html.append(broader_salaries(profile, conversions.get()));
    html.append(conversion_notes(conversions.get()));

    std::vector<SalaryFigure> published;
    for (const auto& figure : history) {
        if (figure.statistic != "point") {
            published.push_back(figure);
        }
    }
    if (!published.empty()) {
        html.append(section_heading("history", "History",
                                    "Every published figure by date: a line per statistic, a chart "
                                    "per country and period."))
            .open("div", {{"class", "charts"}})
            .append(history_charts(published))
            .close("div")
            .open("details")
            .element("summary", fmt::format("All {} published figure{}", published.size(),
                                            published.size() == 1 ? "" : "s"))
            .append(listing_table(
                with_batches(cli::salaries_listing(published, false), published, superseded), {},
                "Salary history"))
            .close("details");
    }

    if (!reports.empty()) {
        html.append(section_heading("reports", "Individual reports",
                                    "Single salaries people reported (a survey's rows), per "
                                    "country and year, next to the published yearly average."));
        if (const auto charted = charted_groups(reports); !charted.empty()) {
            html.open("figure", {{"class", "chart-figure"}})
                .append(distribution_chart(charted, points))
                .element("figcaption",
                         fmt::format("Groups of at least {} reports (at most the {} largest); "
                                     "the table lists every group.",
                                     kLeastReports, kChartedGroups))
                .close("figure");
        }
        html.append(listing_table(cli::reports_listing(reports, cli::Format::kTable), {},
                                  "Individual reports"));
    }
    html.append(related_section(context, profile));
    html.append(sources_section(profile));
    return page;
}

} // namespace jobkb::web
