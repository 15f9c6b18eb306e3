// The parts of /role/NAME that occupation sources (O*NET) give: codes and the broader occupation,
// descriptions with job zones, tasks, technology skills with their flags, titles, the related
// roles a source states, roles within the occupation, the broader occupation's own salaries, and
// the sources with the attribution their licences ask for. The same content `jobkb role` shows
// (cli/role_output.cpp), in the same words, with links.
#include "web/pages/pages.hpp"

#include "cli/commands.hpp"
#include "cli/role_output.hpp"

#include <fmt/format.h>

#include <map>

namespace jobkb::web {
namespace {

constexpr std::size_t kTitleSample = 12; // as many as `jobkb role` shows without --all

template <typename Item> std::string sources_of(const std::vector<Item>& items) {
    std::string sources;
    for (const auto& item : items) {
        if (!item.source.empty() && sources.find(item.source) == std::string::npos) {
            sources += (sources.empty() ? "" : "; ") + item.source;
        }
    }
    return sources;
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

Html tasks_card(const RoleProfile& profile) {
    Html html;
    html.open("section", {{"class", "wide tasks"}})
        .element("h2", "Tasks", {{"id", "tasks"}})
        .element("p", sources_of(profile.tasks), {{"class", "note"}})
        .open("ol");
    for (const auto& task : profile.tasks) {
        html.open("li");
        if (!task.type.empty()) {
            html.element("span", task.type, {{"class", "badge " + task.type}}).text(" ");
        }
        html.text(task.description).close("li");
    }
    html.close("ol").close("section");
    return html;
}

Html technology_card(PageContext& context, const RoleProfile& profile) {
    std::map<std::string, std::vector<const TechnologySkill*>> groups;
    for (const auto& skill : profile.technology_skills) {
        groups[skill.category.empty() ? "Other" : skill.category].push_back(&skill);
    }
    Html html;
    html.open("section", {{"class", "wide technology"}})
        .element("h2", "Technology skills", {{"id", "technology"}})
        .element("p",
                 sources_of(profile.technology_skills) +
                     ". Hot Technology: often asked for in job postings; In Demand: much asked "
                     "for in this occupation.",
                 {{"class", "note"}})
        .open("dl");
    for (const auto& [category, skills] : groups) {
        html.open("div", {{"class", "category"}})
            .element("dt", category)
            .open("dd")
            .open("ul", {{"class", "inline"}});
        for (const auto* skill : skills) {
            html.open("li").link(context.links.roles_with("skill", skill->name), skill->name);
            if (skill->hot_technology) {
                html.text(" ").element("span", "Hot Technology", {{"class", "badge hot"}});
            }
            if (skill->in_demand) {
                html.text(" ").element("span", "In Demand", {{"class", "badge demand"}});
            }
            html.close("li");
        }
        html.close("ul").close("dd").close("div");
    }
    html.close("dl").close("section");
    return html;
}

Html titles_card(const RoleProfile& profile) {
    std::vector<std::string> titles;
    for (const auto& title : profile.titles) {
        titles.push_back(title.title);
    }
    Html html;
    html.open("section", {{"class", "card titles"}})
        .element("h2", fmt::format("Titles ({})", titles.size()))
        .element("p", sources_of(profile.titles), {{"class", "note"}});
    if (titles.size() <= kTitleSample) {
        html.element("p", joined(titles));
    } else {
        html.element("p", joined({titles.begin(), titles.begin() + kTitleSample}) + ", ...")
            .open("details")
            .element("summary", fmt::format("All {} titles", titles.size()))
            .element("p", joined(titles))
            .close("details");
    }
    html.close("section");
    return html;
}

Html relations_card(PageContext& context, const RoleProfile& profile) {
    Html html;
    html.open("section", {{"class", "card stated-relations"}})
        .element("h2", "Related roles (as the source states)")
        .element("p", sources_of(profile.stated_relations), {{"class", "note"}});
    std::string tier;
    for (const auto& relation : profile.stated_relations) {
        if (relation.tier != tier) {
            if (!tier.empty()) {
                html.close("ul");
            }
            tier = relation.tier;
            html.element("h3", tier).open("ul", {{"class", "chips related"}});
        }
        html.open("li")
            .link(context.links.role(relation.role, relation.slug), relation.role)
            .close("li");
    }
    if (!tier.empty()) {
        html.close("ul");
    }
    html.close("section");
    return html;
}

} // namespace

Html occupation_lines(PageContext& context, const RoleProfile& profile) {
    Html html;
    for (const auto& code : profile.codes) {
        if (code.relation == "is") {
            html.open("p", {{"class", "occupation"}})
                .element("strong", "Occupation: ")
                .text(cli::code_text(code))
                .close("p");
        }
    }
    for (const auto& broader : profile.broader) {
        html.open("p", {{"class", "occupation"}})
            .element("strong", "Broader occupation: ")
            .text("within " + cli::code_text(broader.code));
        if (!broader.role.empty() && broader.role != broader.code.occupation) {
            html.text(" (role ")
                .link(context.links.role(broader.role, broader.slug), broader.role)
                .text(")");
        }
        html.close("p");
    }
    for (const auto& description : profile.descriptions) {
        html.open("p", {{"class", "description"}});
        if (!description.title.empty()) {
            html.element("strong", description.title + ": ");
        }
        html.text(description.description);
        if (description.job_zone) {
            html.text(" ").element("span", fmt::format("job zone {} of 5", *description.job_zone),
                                   {{"class", "badge zone"}});
        }
        html.element("span", " (" + description.source + ")", {{"class", "note"}}).close("p");
    }
    return html;
}

Html source_sections(PageContext& context, const RoleProfile& profile) {
    Html html;
    if (profile.tasks.empty() && profile.technology_skills.empty() && profile.titles.empty() &&
        profile.stated_relations.empty() && profile.specialisations.empty()) {
        return html;
    }
    // Tasks and technology skills are long lists: each a section of the page's width; the
    // shorter lists side by side as cards.
    if (!profile.tasks.empty()) {
        html.append(tasks_card(profile));
    }
    if (!profile.technology_skills.empty()) {
        html.append(technology_card(context, profile));
    }
    html.open("div", {{"class", "profile sources"}});
    if (!profile.titles.empty()) {
        html.append(titles_card(profile));
    }
    if (!profile.stated_relations.empty()) {
        html.append(relations_card(context, profile));
    }
    if (!profile.specialisations.empty()) {
        html.open("section", {{"class", "card specialisations"}})
            .element("h2", "Roles within this occupation")
            .append(chip_list(
                profile.specialisations,
                [&](const std::string& role) { return context.links.role(role); }, "roles"))
            .close("section");
    }
    html.close("div");
    return html;
}

Html broader_salaries(const RoleProfile& profile, cli::FigureConversions* conversions) {
    Html html;
    for (const auto& broader : profile.broader) {
        if (!broader.latest_salaries.empty()) {
            html.element("h3", cli::broader_salaries_title(broader))
                .append(listing_table(
                    cli::salaries_listing(broader.latest_salaries, false, conversions), {},
                    "Broader occupation's salaries"));
        }
    }
    return html;
}

Html sources_section(const RoleProfile& profile) {
    Html html;
    if (profile.sources.empty()) {
        return html;
    }
    html.append(section_heading("sources", "Sources")).open("ul", {{"class", "sources"}});
    for (const auto& source : profile.sources) {
        html.open("li");
        if (source.url.empty()) {
            html.text(cli::source_line(source));
        } else {
            // Only a source's own http(s) address becomes a link; anything else stays text.
            const bool web_url =
                source.url.starts_with("https://") || source.url.starts_with("http://");
            html.link(web_url ? source.url : std::string(), cli::source_line(source));
        }
        html.close("li");
    }
    html.close("ul");
    for (const auto& source : profile.sources) {
        if (!source.attribution.empty()) {
            html.element("p", source.attribution, {{"class", "attribution"}});
        }
    }
    return html;
}

} // namespace jobkb::web
