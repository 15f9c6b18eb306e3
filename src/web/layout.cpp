#include "web/layout.hpp"

#include <fmt/format.h>

namespace jobkb::web {
namespace {

// The static site's pages carry the policy themselves (a file has no headers); frame-ancestors
// is left out there, since browsers ignore it in a <meta> element and say so on the console.
constexpr std::string_view kMetaPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'";

void navigation(Html& html, const Links& links, const PageFrame& frame) {
    struct Entry {
        const char* section;
        const char* label;
        std::string href;
    };
    const Entry entries[] = {{"roles", "Roles", links.roles()},
                             {"compare", "Compare", links.server("/compare")},
                             {"gap", "Skill gap", links.server("/gap")},
                             {"imports", "Imports", links.imports()}};
    html.open("nav", {{"aria-label", "Sections"}}).open("ul");
    for (const auto& entry : entries) {
        if (entry.href.empty()) {
            continue;
        }
        html.open("li").link(entry.href, entry.label,
                             {{frame.section == entry.section ? "aria-current" : "", "page"}});
        html.close("li");
    }
    html.close("ul").close("nav");
}

} // namespace

std::string render_page(const Links& links, const PageFrame& frame, const Html& content) {
    Html html;
    html.open("head")
        .empty("meta", {{"charset", "utf-8"}})
        .empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    if (!links.is_served()) {
        html.empty("meta", {{"http-equiv", "Content-Security-Policy"}, {"content", kMetaPolicy}});
    }
    html.element("title", frame.title + " · jobkb")
        .empty("link", {{"rel", "stylesheet"}, {"href", links.asset("style.css")}})
        .empty("link",
               {{"rel", "icon"}, {"type", "image/svg+xml"}, {"href", links.asset("icon.svg")}})
        .close("head");
    html.open("body")
        .open("header", {{"class", "site"}})
        .open("div", {{"class", "bar"}})
        .link(links.roles(), "jobkb", {{"class", "brand"}});
    navigation(html, links, frame);
    if (const std::string search = links.server("/search"); !search.empty()) {
        html.open("form",
                  {{"class", "search"}, {"action", search}, {"method", "get"}, {"role", "search"}})
            .empty("input", {{"type", "search"},
                             {"name", "q"},
                             {"value", frame.search},
                             {"placeholder", "Roles, skills, tasks"},
                             {"aria-label", "Search"}})
            .element("button", "Search", {{"type", "submit"}})
            .close("form");
    }
    html.close("div").close("header");
    html.open("main").append(content).close("main");
    html.open("footer", {{"class", "site"}})
        .open("p")
        .text("jobkb knowledge base " + frame.base_label +
              ". Salaries are shown in the currency they were reported in; every figure names "
              "its source, date and import batch.")
        .close("p")
        .close("footer")
        .close("body");
    return "<!doctype html>\n<html lang=\"en\">" + html.take() + "</html>\n";
}

Html listing_table(const cli::Listing& listing, const CellLink& link, std::string_view label) {
    Html html;
    html.open("div", {{"class", "table-wrap"},
                      {label.empty() ? "" : "aria-label", label},
                      {label.empty() ? "" : "role", "region"},
                      {label.empty() ? "" : "tabindex", "0"}})
        .open("table", {{"class", "listing"}})
        .open("thead")
        .open("tr");
    for (const auto& column : listing.columns) {
        html.element("th", column.header,
                     {{"scope", "col"},
                      {"data-key", column.key},
                      {column.align == cli::Align::kRight ? "class" : "", "num"}});
    }
    html.close("tr").close("thead").open("tbody");
    for (std::size_t row = 0; row < listing.rows.size(); ++row) {
        html.open("tr");
        for (std::size_t column = 0; column < listing.rows[row].size(); ++column) {
            const cli::CellValue& value = listing.rows[row][column];
            const auto* money = std::get_if<cli::MoneyValue>(&value);
            const bool right = listing.columns[column].align == cli::Align::kRight;
            const std::string amount = money ? std::to_string(money->amount_minor) : "";
            // A date never breaks at its hyphens.
            const std::string& key = listing.columns[column].key;
            const bool date = key == "as_of" || key.ends_with("_as_of") || key.ends_with("date");
            const std::string kind = right ? (money ? "num money" : "num") : (date ? "date" : "");
            html.open("td", {{kind.empty() ? "" : "class", kind},
                             {money ? "data-amount-minor" : "", amount},
                             {money ? "data-currency" : "", money ? money->currency.code : ""}});
            const std::string href = link ? link(row, column) : std::string();
            html.link(href, cli::display_text(value));
            html.close("td");
        }
        html.close("tr");
    }
    html.close("tbody").close("table").close("div");
    return html;
}

} // namespace jobkb::web
