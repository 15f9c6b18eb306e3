// The pieces pages share, and the small pages: imports, search, messages.
#include "web/pages/pages.hpp"

#include "cli/hints.hpp"
#include "cli/listings.hpp"

#include "jobkb/error.hpp"
#include "jobkb/import.hpp"
#include "jobkb/names.hpp"

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

Page search_page(PageContext& context, const std::string& text) {
    Page page;
    page.frame.title = text.empty() ? "Search" : "Search: " + text;
    page.frame.search = text;
    page.content.element("h1", "Search");
    if (text.empty()) {
        page.content.element("p", "Type a role, skill or industry in the search box.");
        return page;
    }
    // Exact names only (name, slug or alias, any case), each an index lookup: full-text search
    // of summaries, responsibilities and titles comes with the search index (FTS5).
    auto& names = context.catalog.names();
    Html found;
    found.open("ul", {{"class", "results"}});
    bool any = false;
    for (const NameKind kind : {NameKind::kRole, NameKind::kSkill, NameKind::kIndustry}) {
        try {
            const NamedId match = names.resolve(kind, text);
            any = true;
            found.open("li").element("span", std::string(to_string(kind)), {{"class", "kind"}});
            if (kind == NameKind::kRole) {
                found.link(context.links.role(match.name), match.name);
            } else {
                found.link(context.links.roles_with(kind == NameKind::kSkill ? "skill" : "industry",
                                                    match.name),
                           kind == NameKind::kSkill ? "Roles with " + match.name
                                                    : "Roles in " + match.name);
            }
            found.close("li");
        } catch (const Error& error) {
            if (error.code() != ErrorCode::kNotFound) {
                throw;
            }
        }
    }
    found.close("ul");
    if (any) {
        page.content.element("p", "“" + text + "” names:").append(found);
    } else {
        page.content.append(notice("No role, skill or industry is called “" + text + "”."));
    }
    page.content.element("p",
                         "Searching the words of summaries, responsibilities and job titles "
                         "arrives with the search index.",
                         {{"class", "note"}});
    return page;
}

} // namespace jobkb::web
