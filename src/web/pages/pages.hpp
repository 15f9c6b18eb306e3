#pragma once

// The pages: each asks the library the question its CLI command asks, lays out the CLI's
// listing of the answer as a table, and draws the charts. The served site and the static site
// render the same functions with different links.

#include "web/html.hpp"
#include "web/layout.hpp"
#include "web/links.hpp"
#include "web/query.hpp"

#include "cli/converted_figures.hpp"

#include "jobkb/catalog.hpp"
#include "jobkb/error.hpp"

#include <functional>

#include <string>
#include <string_view>
#include <vector>

namespace jobkb::web {

struct Page {
    PageFrame frame;
    Html content;
    int status = 200;
};

// What every page reads from: the base (in one snapshot) and how it links.
struct PageContext {
    Catalog& catalog;
    const Links& links;
    std::string base_label;
};

// The pages with salary figures take in, ppp and rate_on as `--in`, `--ppp` and `--rate-on`
// (conversions.hpp): each figure also in that unit, with its rate, date and source; a choice the
// CLI refuses throws BadRequest.
// /roles (and /): the filter form, the roles the filter finds.
Page roles_page(PageContext& context, const Query& query);
// /role/NAME: the role's profile, salaries with charts, history, reports, related roles.
Page role_page(PageContext& context, std::string_view role, const Query& query);
// /compare?roles=A&roles=B...: roles side by side.
Page compare_page(PageContext& context, const std::vector<std::string>& roles, const Query& query);
// /gap?from=A&to=B: the skills A must learn to move to B.
Page gap_page(PageContext& context, const std::string& from, const std::string& to);
// /imports: the import batches.
Page imports_page(PageContext& context);
// /search?q=WORDS&kind=&limit=: `jobkb search WORDS`: the roles, skills and industries whose
// texts match, each with the text that matched and the matched words marked.
Page search_page(PageContext& context, const Query& query);
// A page that says what went wrong, with this status (404, 400, 405, 500).
Page message_page(int status, std::string_view title, std::string_view message);

// The role page's parts from occupation sources (role_sources.cpp), what `jobkb role` shows of
// them: the occupation codes, broader occupation and descriptions (under the heading); tasks,
// technology skills, titles, stated relations, roles within (cards); the broader occupation's
// salaries; the sources with their attribution.
Html occupation_lines(PageContext& context, const RoleProfile& profile);
Html source_sections(PageContext& context, const RoleProfile& profile);
Html broader_salaries(const RoleProfile& profile, cli::FigureConversions* conversions);
Html sources_section(const RoleProfile& profile);

// Shared pieces of the pages (pages.cpp).
Html section_heading(std::string_view id, std::string_view title, std::string_view note = {});
Html chip_list(const std::vector<std::string>& items,
               const std::function<std::string(const std::string&)>& link, std::string_view kind);
// An error of the library about what the page was asked (an unknown name, a bad amount) as a
// notice; the status it means (404 for a name that matches nothing, else 400).
Html notice(std::string_view message);
int status_of(const Error& error);
std::string web_message(const Error& error);

} // namespace jobkb::web
