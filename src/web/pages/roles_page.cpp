// /roles: the roles a filter finds, as `jobkb roles` lists them, with the filter as a form.
#include "web/conversions.hpp"
#include "web/pages/pages.hpp"

#include "cli/listings.hpp"

#include "jobkb/error.hpp"
#include "jobkb/name_list.hpp"

#include <fmt/format.h>

namespace jobkb::web {
namespace {

constexpr std::size_t kChoices = 500; // names offered per field (a datalist, not a limit)

void datalist(Html& html, std::string_view id, const std::vector<std::string>& names) {
    html.open("datalist", {{"id", id}});
    for (const auto& name : names) {
        html.empty("option", {{"value", name}});
    }
    html.close("datalist");
}

void text_field(Html& html, std::string_view name, std::string_view label, std::string_view value,
                std::string_view list = {}, std::string_view placeholder = {}) {
    const std::string id = "f-" + std::string(name);
    html.open("label", {{"for", id}})
        .text(label)
        .close("label")
        .empty("input", {{"id", id},
                         {"name", name},
                         {"value", value},
                         {list.empty() ? "" : "list", list},
                         {placeholder.empty() ? "" : "placeholder", placeholder}});
}

void select_field(Html& html, std::string_view name, std::string_view label,
                  std::initializer_list<std::pair<std::string_view, std::string_view>> choices,
                  std::string_view chosen) {
    const std::string id = "f-" + std::string(name);
    html.open("label", {{"for", id}})
        .text(label)
        .close("label")
        .open("select", {{"id", id}, {"name", name}});
    for (const auto& [value, text] : choices) {
        html.open("option", {{"value", value}, {value == chosen ? "selected" : "", "selected"}})
            .text(text)
            .close("option");
    }
    html.close("select");
}

Html filter_form(PageContext& context, const Query& query) {
    Database& database = context.catalog.database();
    Html html;
    html.open("form", {{"class", "filters"}, {"action", "/roles"}, {"method", "get"}});
    // Every skill and industry asked for stays in the form; one empty field adds another.
    auto skills = query.all("skill");
    skills.emplace_back();
    auto industries = query.all("industry");
    industries.emplace_back();
    html.open("fieldset").element("legend", "Skills");
    for (const auto& skill : skills) {
        html.open("div", {{"class", "field"}});
        text_field(html, "skill", "Skill", skill, "skill-names", "Python");
        html.close("div");
    }
    html.open("div", {{"class", "field"}});
    select_field(html, "match", "With several", {{"any", "any of them"}, {"all", "all of them"}},
                 query.one("match").value_or("any"));
    html.close("div").open("div", {{"class", "field check"}});
    html.empty("input", {{"type", "checkbox"},
                         {"id", "f-key_only"},
                         {"name", "key_only"},
                         {"value", "1"},
                         {query.flag("key_only") ? "checked" : "", "checked"}})
        .element("label", "key skills only", {{"for", "f-key_only"}})
        .close("div")
        .close("fieldset");
    html.open("fieldset").element("legend", "Industry and salary");
    for (const auto& industry : industries) {
        html.open("div", {{"class", "field"}});
        text_field(html, "industry", "Industry", industry, "industry-names", "Healthcare");
        html.close("div");
    }
    html.open("div", {{"class", "field"}});
    text_field(html, "country", "Country", query.one("country").value_or(""), "country-codes",
               "IN");
    html.close("div").open("div", {{"class", "field"}});
    text_field(html, "min_salary", "At least (yearly)", query.one("min_salary").value_or(""), {},
               "10,00,000");
    html.close("div").open("div", {{"class", "field"}});
    select_field(html, "sort", "Order", {{"name", "by name"}, {"salary", "by salary"}},
                 query.one("sort").value_or("name"));
    html.close("div").close("fieldset");
    conversion_fields(html, query);
    html.open("div", {{"class", "actions"}})
        .element("button", "Show roles", {{"type", "submit"}})
        .link("/roles", "Clear", {{"class", "secondary"}})
        .close("div");
    datalist(html, "skill-names", names_starting_with(database, NameList::kSkills, "", kChoices));
    datalist(html, "industry-names",
             names_starting_with(database, NameList::kIndustries, "", kChoices));
    datalist(html, "country-codes",
             names_starting_with(database, NameList::kCountries, "", kChoices));
    html.close("form");
    return html;
}

std::string api_query(const Query& query) {
    std::string text;
    for (const auto& [name, value] : query.parameters()) {
        if (!value.empty()) {
            text += (text.empty() ? "?" : "&") + percent_encode(name) + "=" + percent_encode(value);
        }
    }
    return text;
}

} // namespace

Page roles_page(PageContext& context, const Query& query) {
    Page page;
    page.frame.title = "Roles";
    page.frame.section = "roles";
    Html& html = page.content;
    const RoleFilter filter = role_filter(query);
    const auto conversions = conversions_of(context.catalog.database(), query);
    html.element("h1", "Roles");
    if (context.links.is_served()) {
        html.append(filter_form(context, query));
    }
    try {
        const std::vector<RoleOverview> roles = context.catalog.roles(filter);
        // The same listing `jobkb roles` prints for people, from the same roles.
        std::optional<std::string> country;
        if (filter.country) {
            country = context.catalog.names().resolve_country(*filter.country);
        }
        const cli::Listing listing =
            cli::roles_listing(roles, country, cli::Format::kTable, conversions.get());
        html.open("p", {{"class", "count"}})
            .text(fmt::format("{} role{}", roles.size(), roles.size() == 1 ? "" : "s"));
        if (context.links.is_served()) {
            const std::string question = api_query(query);
            html.text(" · ")
                .link("/api/roles.csv" + question, "CSV", {{"class", "download"}})
                .text(" · ")
                .link("/api/roles" + question, "JSON", {{"class", "download"}});
        }
        html.close("p").append(listing_table(
            listing,
            [&](std::size_t row, std::size_t column) {
                return column == 0 ? context.links.role(roles[row].name, roles[row].slug)
                                   : std::string();
            },
            "Roles"));
        html.append(conversion_notes(conversions.get()));
    } catch (const Error& error) {
        // A name that matches nothing, or an amount that is not one: said above the form.
        page.status = status_of(error);
        html.append(notice(web_message(error)));
    }
    return page;
}

} // namespace jobkb::web
