// /compare and /gap: roles side by side, and what moving from one to another asks.
#include "web/charts/charts.hpp"
#include "web/conversions.hpp"
#include "web/pages/pages.hpp"

#include "cli/listings.hpp"

#include "jobkb/comparison.hpp"
#include "jobkb/error.hpp"
#include "jobkb/name_list.hpp"

#include <fmt/format.h>

namespace jobkb::web {
namespace {

constexpr std::size_t kChoices = 500;

Html role_form(PageContext& context, std::string_view action,
               const std::vector<std::pair<std::string, std::string>>& fields,
               std::string_view button, const Query* conversion = nullptr) {
    Html html;
    if (!context.links.is_served()) {
        return html;
    }
    html.open("form", {{"class", "filters roles-form"}, {"action", action}, {"method", "get"}})
        .open("fieldset");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& [name, value] = fields[i];
        const std::string id = fmt::format("f-{}-{}", name, i);
        html.open("div", {{"class", "field"}})
            .element("label",
                     name == "roles"  ? fmt::format("Role {}", i + 1)
                     : name == "from" ? std::string("From")
                                      : std::string("To"),
                     {{"for", id}})
            .empty("input", {{"id", id}, {"name", name}, {"value", value}, {"list", "role-names"}})
            .close("div");
    }
    html.close("fieldset");
    if (conversion != nullptr) {
        conversion_fields(html, *conversion);
    }
    html.open("div", {{"class", "actions"}})
        .element("button", button, {{"type", "submit"}})
        .close("div")
        .open("datalist", {{"id", "role-names"}});
    for (const auto& name :
         names_starting_with(context.catalog.database(), NameList::kRoles, "", kChoices)) {
        html.empty("option", {{"value", name}});
    }
    html.close("datalist").close("form");
    return html;
}

} // namespace

Page compare_page(PageContext& context, const std::vector<std::string>& roles, const Query& query) {
    Page page;
    page.frame.title = "Compare roles";
    page.frame.section = "compare";
    Html& html = page.content;
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& role : roles) {
        fields.emplace_back("roles", role);
    }
    while (fields.size() < 2 || (context.links.is_served() && fields.size() < roles.size() + 1)) {
        fields.emplace_back("roles", "");
    }
    if (roles.size() < 2) {
        html.element("h1", "Compare roles")
            .append(role_form(context, "/compare", fields, "Compare", &query))
            .element("p", "Name two or more roles to see their skills, industries and salaries "
                          "side by side.");
        return page;
    }
    try {
        const Comparison comparison = compare_roles(context.catalog, roles);
        const auto conversions = conversions_of(context.catalog.database(), query);
        std::string title;
        for (const auto& role : comparison.roles) {
            title += (title.empty() ? "" : " · ") + role;
        }
        page.frame.title = "Compare: " + title;
        html.element("h1", "Compare roles")
            .append(role_form(context, "/compare", fields, "Compare", &query));
        html.open("ul", {{"class", "chips roles"}});
        for (const auto& role : comparison.roles) {
            html.open("li").link(context.links.role(role), role).close("li");
        }
        html.close("ul");
        if (const Html chart = comparison_chart(comparison); !chart.empty_markup()) {
            html.append(section_heading("salaries", "Salaries"))
                .open("figure", {{"class", "chart-figure"}})
                .append(chart)
                .close("figure");
        }
        html.append(
                section_heading("side-by-side", "Side by side",
                                "Shared items first; “Shared by” counts the roles that have it."))
            .append(listing_table(
                cli::comparison_listing(comparison, conversions.get(), cli::Format::kTable), {},
                "Comparison"))
            .append(conversion_notes(conversions.get()));
    } catch (const Error& error) {
        page.status = status_of(error);
        html.element("h1", "Compare roles")
            .append(notice(web_message(error)))
            .append(role_form(context, "/compare", fields, "Compare", &query));
    }
    return page;
}

Page gap_page(PageContext& context, const std::string& from, const std::string& to) {
    Page page;
    page.frame.title = "Skill gap";
    page.frame.section = "gap";
    Html& html = page.content;
    const std::vector<std::pair<std::string, std::string>> fields = {{"from", from}, {"to", to}};
    if (from.empty() || to.empty()) {
        html.element("h1", "Skill gap")
            .append(role_form(context, "/gap", fields, "Show the gap"))
            .element("p", "Name the role you have and the role you want: the skills to learn come "
                          "first, then those that carry over.");
        return page;
    }
    try {
        const SkillGap gap = skill_gap(context.catalog, from, to);
        page.frame.title = "Skill gap: " + gap.from + " → " + gap.to;
        html.element("h1", "Skill gap").append(role_form(context, "/gap", fields, "Show the gap"));
        html.open("p", {{"class", "lead"}})
            .text("From ")
            .link(context.links.role(gap.from), gap.from)
            .text(" to ")
            .link(context.links.role(gap.to), gap.to)
            .text(fmt::format(": {} skill(s) to learn, {} carry over.", gap.to_learn.size(),
                              gap.carries_over.size()))
            .close("p")
            .append(listing_table(cli::gap_listing(gap), {}, "Skill gap"));
    } catch (const Error& error) {
        page.status = status_of(error);
        html.element("h1", "Skill gap")
            .append(notice(web_message(error)))
            .append(role_form(context, "/gap", fields, "Show the gap"));
    }
    return page;
}

} // namespace jobkb::web
