// The pieces pages share, and the small pages: imports, search (`jobkb search`), messages.
#include "web/pages/pages.hpp"

#include "cli/hints.hpp"
#include "cli/listings.hpp"

#include "jobkb/error.hpp"
#include "jobkb/import.hpp"
#include "jobkb/names.hpp"
#include "jobkb/search.hpp"

#include <fmt/format.h>

namespace jobkb::web {

Html section_heading(std::string_view id, std::string_view title, std::string_view note) {
    Html html;
    html.element("h2", title, {{"id", id}});
    if (!note.empty()) {
        html.element("p", note, {{"class", "note"}});
    }
    return html;
}

Html chip_list(const std::vector<std::string>& items,
               const std::function<std::string(const std::string&)>& link, std::string_view kind) {
    Html html;
    html.open("ul", {{"class", "chips " + std::string(kind)}});
    for (const auto& item : items) {
        html.open("li").link(link ? link(item) : std::string(), item).close("li");
    }
    html.close("ul");
    return html;
}

Html notice(std::string_view message) {
    Html html;
    html.open("div", {{"class", "notice"}, {"role", "alert"}}).element("p", message).close("div");
    return html;
}

int status_of(const Error& error) {
    switch (error.code()) {
    case ErrorCode::kNotFound:
        return 404;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kLimit:
        return 400;
    case ErrorCode::kBusy:
        return 503;
    default:
        return 500;
    }
}

std::string web_message(const Error& error) {
    // The web view never writes: a hint to allow writes (or several statements in one write
    // transaction) has no meaning here.
    if (error.hint().kind == HintKind::kAllowWrites) {
        return error.message("the web view only reads");
    }
    if (error.hint().kind == HintKind::kAllowSeveral) {
        return error.message("the web view runs one statement a request");
    }
    return cli::cli_message(error);
}

Page message_page(int status, std::string_view title, std::string_view message) {
    Page page;
    page.status = status;
    page.frame.title = std::string(title);
    page.content.element("h1", title).append(notice(message));
    return page;
}

Page imports_page(PageContext& context) {
    const auto batches = list_import_batches(context.catalog.database());
    Page page;
    page.frame.title = "Imports";
    page.frame.section = "imports";
    page.content.element("h1", "Imports")
        .element("p",
                 fmt::format("{} import batch{}: each file imported, with its source, counts and "
                             "state. Every figure on the role pages names its batch.",
                             batches.size(), batches.size() == 1 ? "" : "es"),
                 {{"class", "lead"}});
    if (batches.empty()) {
        page.content.element("p", "Nothing imported yet: the figures are the seed data's.");
        return page;
    }
    page.content.append(listing_table(cli::imports_listing(batches), {}, "Import batches"));
    return page;
}

namespace {

// Where a hit leads: a role's page, the roles with a skill or in an industry.
std::pair<std::string, std::string> hit_link(PageContext& context, const SearchHit& hit) {
    switch (hit.kind) {
    case NameKind::kRole:
        return {context.links.role(hit.name), hit.name};
    case NameKind::kSkill:
        return {context.links.roles_with("skill", hit.name), hit.name};
    case NameKind::kIndustry:
        return {context.links.roles_with("industry", hit.name), hit.name};
    }
    return {};
}

// The snippet as text, each matched part in <mark>: the parts are the base's text (never
// markup), so each is escaped as any other text.
Html snippet_html(const std::vector<SnippetPart>& snippet) {
    Html html;
    html.open("p", {{"class", "snippet"}});
    for (const auto& part : snippet) {
        if (part.matched) {
            html.element("mark", part.text);
        } else {
            html.text(part.text);
        }
    }
    html.close("p");
    return html;
}

} // namespace

Page search_page(PageContext& context, const Query& query) {
    const SearchQuery question = search_query(query);
    const std::string& text = question.words;
    Page page;
    page.frame.title = text.empty() ? "Search" : "Search: " + text;
    page.frame.search = text;
    page.content.element("h1", "Search");
    if (text.empty()) {
        page.content.element("p", "Type words in the search box: role names and titles, summaries, "
                                  "responsibilities, skills and industries are searched.");
        return page;
    }
    std::vector<SearchHit> hits;
    try {
        hits = search(context.catalog.database(), question);
    } catch (const Error& error) {
        if (status_of(error) >= 500) {
            throw;
        }
        // A malformed query (an unbalanced quote): said on the page, under the search box.
        page.status = status_of(error);
        page.content.append(notice(web_message(error)));
        return page;
    }
    if (hits.empty()) {
        page.content.append(notice("Nothing matches “" + text + "”."));
        return page;
    }
    page.content.element("p",
                         fmt::format("{} result{} for “{}”, best first.", hits.size(),
                                     hits.size() == 1 ? "" : "s", text),
                         {{"class", "lead"}});
    page.content.open("ol", {{"class", "results"}});
    for (const auto& hit : hits) {
        const auto [href, label] = hit_link(context, hit);
        page.content.open("li")
            .element("span", std::string(to_string(hit.kind)), {{"class", "kind"}})
            .link(href, label)
            .element("span", hit.field, {{"class", "matched-field"}})
            .append(snippet_html(hit.snippet))
            .close("li");
    }
    page.content.close("ol");
    return page;
}

} // namespace jobkb::web
