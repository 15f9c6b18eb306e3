// `jobkb role`'s output: one role as text, a markdown document, one JSON object, or one CSV/TSV
// record. Every format shows what each source says with the source's name, and the attribution a
// source's licence asks for (O*NET's CC BY 4.0).
#include "cli/role_output.hpp"

#include "cli/commands.hpp"
#include "cli/converted_figures.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace jobkb::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kTitleSample = 12;

std::string heading(const std::string& text, bool color) {
    return color ? "\033[1m" + text + "\033[0m" : text;
}

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string text;
    for (const auto& item : items) {
        text += (text.empty() ? "" : separator) + item;
    }
    return text;
}

std::string flags_of(const TechnologySkill& skill) {
    std::vector<std::string> flags;
    if (skill.hot_technology) {
        flags.emplace_back("Hot Technology");
    }
    if (skill.in_demand) {
        flags.emplace_back("In Demand");
    }
    return flags.empty() ? "" : " (" + joined(flags) + ")";
}

// Technology skills by category, categories A-Z, skills in the source's order.
std::map<std::string, std::vector<std::string>> by_category(const RoleProfile& profile) {
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& skill : profile.technology_skills) {
        groups[skill.category.empty() ? "Other" : skill.category].push_back(skill.name +
                                                                            flags_of(skill));
    }
    return groups;
}

// The one source of items (they come from one source in practice; several are listed).
template <typename Item> std::string sources_of(const std::vector<Item>& items) {
    std::vector<std::string> sources;
    for (const auto& item : items) {
        if (!item.source.empty() &&
            std::find(sources.begin(), sources.end(), item.source) == sources.end()) {
            sources.push_back(item.source);
        }
    }
    return joined(sources, "; ");
}

std::vector<std::string> title_texts(const RoleProfile& profile, std::size_t limit) {
    std::vector<std::string> titles;
    for (const auto& title : profile.titles) {
        if (titles.size() == limit) {
            break;
        }
        titles.push_back(title.title);
    }
    return titles;
}

std::vector<std::string> attributions(const RoleProfile& profile) {
    std::vector<std::string> lines;
    for (const auto& source : profile.sources) {
        if (!source.attribution.empty()) {
            lines.push_back(source.attribution);
        }
    }
    return lines;
}

// The sections every document format has, in order; `section` writes a titled list.
struct Section {
    std::string title;
    std::vector<std::string> items;
    bool numbered = false;
};

std::vector<Section> sections(const RoleProfile& profile, bool all_titles) {
    std::vector<Section> result;
    for (const auto& description : profile.descriptions) {
        std::string text = description.description;
        if (description.job_zone) {
            text += " (job zone " + std::to_string(*description.job_zone) + " of 5)";
        }
        result.push_back({"Description (" + description.source + ")",
                          {(description.title.empty() ? "" : description.title + ": ") + text}});
    }
    result.push_back({"Responsibilities", profile.responsibilities, true});
    if (!profile.tasks.empty()) {
        std::vector<std::string> items;
        for (const auto& task : profile.tasks) {
            items.push_back((task.type.empty() ? "" : "[" + task.type + "] ") + task.description);
        }
        result.push_back({"Tasks (" + sources_of(profile.tasks) + ")", items, true});
    }
    result.push_back({"Key skills", profile.key_skills});
    result.push_back({"Also mentioned", profile.mentioned_skills});
    if (!profile.technology_skills.empty()) {
        std::vector<std::string> items;
        for (const auto& [category, skills] : by_category(profile)) {
            items.push_back(category + ": " + joined(skills));
        }
        result.push_back(
            {"Technology skills (" + sources_of(profile.technology_skills) + ")", items});
    }
    result.push_back({"Industries", profile.industries});
    if (!profile.titles.empty()) {
        const bool sample = !all_titles && profile.titles.size() > kTitleSample;
        std::string text =
            joined(title_texts(profile, all_titles ? profile.titles.size() : kTitleSample));
        if (sample) {
            text += ", ... (" + std::to_string(profile.titles.size() - kTitleSample) +
                    " more: --all lists them)";
        }
        result.push_back({"Titles (" + std::to_string(profile.titles.size()) + ")", {text}});
    }
    if (!profile.stated_relations.empty()) {
        std::vector<std::pair<std::string, std::vector<std::string>>> tiers;
        for (const auto& relation : profile.stated_relations) {
            if (tiers.empty() || tiers.back().first != relation.tier) {
                tiers.emplace_back(relation.tier, std::vector<std::string>{});
            }
            tiers.back().second.push_back(relation.role);
        }
        std::vector<std::string> items;
        for (const auto& [tier, roles] : tiers) {
            items.push_back(tier + ": " + joined(roles));
        }
        result.push_back({"Related roles (" + sources_of(profile.stated_relations) + ")", items});
    }
    if (!profile.specialisations.empty()) {
        result.push_back({"Roles within this occupation", profile.specialisations});
    }
    return result;
}

// A dimension's code, or null when the source does not say.
Json optional_json(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json salary_json(const SalaryFigure& figure) {
    const Json amount{{"amount_minor", figure.amount_minor}, {"currency", figure.currency.code}};
    return Json{{"country", figure.country_code},
                {"statistic", figure.statistic},
                {"period", figure.period},
                {"amount", amount},
                {"as_of", figure.as_of},
                {"source", figure.source},
                {"note", figure.note},
                {"qualifier", figure.qualifier},
                {"level", optional_json(figure.level)},
                {"employment", optional_json(figure.employment)},
                {"work_setting", optional_json(figure.work_setting)},
                {"company_size", optional_json(figure.company_size)},
                {"area_code", optional_json(figure.area_code)},
                {"area", optional_json(figure.area)}};
}

// Each figure as `jobkb salaries --json` has it; with conversions, also in their unit (an object
// "in", or "ppp").
Json salaries_json(const std::vector<SalaryFigure>& figures, FigureConversions* conversions) {
    Json salaries = Json::array();
    for (const auto& figure : figures) {
        salaries.push_back(salary_json(figure));
        if (conversions != nullptr) {
            salaries.back()[conversions->ppp() ? "ppp" : "in"] =
                Json::parse(conversion_json(conversions->convert(figure), conversions->ppp()));
        }
    }
    return salaries;
}

Json code_json(const RoleCode& code) {
    return Json{
        {"scheme", code.scheme},     {"scheme_name", code.scheme_name}, {"code", code.code},
        {"relation", code.relation}, {"occupation", code.occupation},   {"source", code.source}};
}

} // namespace

// "O*NET-SOC 2019 15-2051.00 Data Scientists"
std::string code_text(const RoleCode& code) {
    return code.scheme_name + " " + code.code +
           (code.occupation.empty() ? "" : " " + code.occupation);
}

// "Machine Learning Engineer Jobs in India and USA (igmGuru, 2026-04-06)"; "O*NET 29.2 Database
// (U.S. Department of Labor, ...; version 29.2; licence CC BY 4.0)"
std::string source_line(const ProfileSource& source) {
    std::vector<std::string> parts;
    for (const std::string* part : {&source.publisher, &source.published_on}) {
        if (!part->empty()) {
            parts.push_back(*part);
        }
    }
    if (!source.version.empty()) {
        parts.push_back("version " + source.version);
    }
    if (!source.licence.empty()) {
        parts.push_back("licence " + source.licence);
    }
    return source.title + (parts.empty() ? "" : " (" + joined(parts, "; ") + ")");
}

std::string broader_line(const BroaderOccupation& broader) {
    std::string line = "within " + code_text(broader.code);
    if (!broader.role.empty() && broader.role != broader.code.occupation) {
        line += " (role " + broader.role + ")";
    }
    return line;
}

std::string broader_salaries_title(const BroaderOccupation& broader) {
    return "Latest salaries of " + (broader.role.empty() ? broader.code.code : broader.role) +
           ", the broader occupation " + broader.code.code + " (its figures, not this role's)";
}

void write_role_text(std::ostream& out, const RoleProfile& profile, bool all_titles, bool color,
                     FigureConversions* conversions) {
    out << heading(profile.name, color) << '\n';
    if (!profile.summary.empty()) {
        out << profile.summary << '\n';
    }
    if (!profile.aliases.empty()) {
        out << "Also called: " << joined(profile.aliases) << '\n';
    }
    for (const auto& code : profile.codes) {
        if (code.relation == "is") {
            out << "Occupation: " << code_text(code) << '\n';
        }
    }
    for (const auto& broader : profile.broader) {
        out << "Broader occupation: " << broader_line(broader) << '\n';
    }
    for (const auto& section : sections(profile, all_titles)) {
        if (section.items.empty()) {
            continue;
        }
        out << '\n' << heading(section.title, color) << '\n';
        for (std::size_t i = 0; i < section.items.size(); ++i) {
            out << "  " << (section.numbered ? std::to_string(i + 1) + ". " : "- ")
                << section.items[i] << '\n';
        }
    }
    OutputOptions table;
    table.color = color;
    if (!profile.latest_salaries.empty()) {
        out << '\n' << heading("Latest salaries", color) << '\n';
        write_listing(out, salaries_listing(profile.latest_salaries, false, conversions), table);
    }
    for (const auto& broader : profile.broader) {
        if (!broader.latest_salaries.empty()) {
            out << '\n' << heading(broader_salaries_title(broader), color) << '\n';
            write_listing(out, salaries_listing(broader.latest_salaries, false, conversions),
                          table);
        }
    }
    if (!profile.sources.empty()) {
        out << '\n' << heading("Sources", color) << '\n';
        for (const auto& source : profile.sources) {
            out << "  - " << source_line(source) << '\n';
        }
    }
    for (const auto& attribution : attributions(profile)) {
        out << '\n' << attribution << '\n';
    }
}

void write_role_markdown(std::ostream& out, const RoleProfile& profile, bool all_titles,
                         FigureConversions* conversions) {
    // Every text is the base's, not markup: markdown_text() keeps it so.
    out << "# " << markdown_text(profile.name) << "\n";
    if (!profile.summary.empty()) {
        out << "\n" << markdown_text(profile.summary) << "\n";
    }
    const auto list = [&](const std::string& title, const std::vector<std::string>& items,
                          bool numbered) {
        if (items.empty()) {
            return;
        }
        out << "\n## " << markdown_text(title) << "\n\n";
        for (std::size_t i = 0; i < items.size(); ++i) {
            out << (numbered ? std::to_string(i + 1) + ". " : "- ") << markdown_text(items[i])
                << '\n';
        }
    };
    list("Also called", profile.aliases, false);
    std::vector<std::string> codes;
    for (const auto& code : profile.codes) {
        codes.push_back(code.relation == "is" ? code_text(code) : "within " + code_text(code));
    }
    list("Occupation codes", codes, false);
    for (const auto& section : sections(profile, all_titles)) {
        list(section.title, section.items, section.numbered);
    }
    OutputOptions markdown;
    markdown.format = Format::kMarkdown;
    if (!profile.latest_salaries.empty()) {
        out << "\n## Latest salaries\n\n";
        write_listing(
            out, salaries_listing(profile.latest_salaries, false, conversions, Format::kMarkdown),
            markdown);
    }
    for (const auto& broader : profile.broader) {
        if (!broader.latest_salaries.empty()) {
            out << "\n## " << markdown_text(broader_salaries_title(broader)) << "\n\n";
            write_listing(
                out,
                salaries_listing(broader.latest_salaries, false, conversions, Format::kMarkdown),
                markdown);
        }
    }
    std::vector<std::string> sources;
    for (const auto& source : profile.sources) {
        sources.push_back(source_line(source));
    }
    list("Sources", sources, false);
    for (const auto& attribution : attributions(profile)) {
        out << "\n" << markdown_text(attribution) << "\n";
    }
}

void write_role_json(std::ostream& out, const RoleProfile& profile, bool one_line,
                     FigureConversions* conversions) {
    Json codes = Json::array();
    for (const auto& code : profile.codes) {
        codes.push_back(code_json(code));
    }
    Json broader = Json::array();
    for (const auto& occupation : profile.broader) {
        broader.push_back(
            Json{{"code", code_json(occupation.code)},
                 {"role", occupation.role},
                 {"slug", occupation.slug},
                 {"latest_salaries", salaries_json(occupation.latest_salaries, conversions)}});
    }
    Json descriptions = Json::array();
    for (const auto& d : profile.descriptions) {
        descriptions.push_back(Json{{"source", d.source},
                                    {"title", d.title},
                                    {"description", d.description},
                                    {"job_zone", d.job_zone ? Json(*d.job_zone) : Json(nullptr)}});
    }
    Json tasks = Json::array();
    for (const auto& t : profile.tasks) {
        tasks.push_back(Json{{"description", t.description},
                             {"type", t.type},
                             {"task_id", t.task_id},
                             {"source", t.source}});
    }
    Json technology = Json::array();
    for (const auto& s : profile.technology_skills) {
        technology.push_back(Json{{"name", s.name},
                                  {"category", s.category},
                                  {"hot_technology", s.hot_technology},
                                  {"in_demand", s.in_demand},
                                  {"source", s.source}});
    }
    Json titles = Json::array();
    for (const auto& t : profile.titles) {
        titles.push_back(Json{{"title", t.title}, {"kind", t.kind}, {"source", t.source}});
    }
    Json relations = Json::array();
    for (const auto& r : profile.stated_relations) {
        relations.push_back(Json{{"role", r.role},
                                 {"slug", r.slug},
                                 {"tier", r.tier},
                                 {"position", r.position},
                                 {"source", r.source}});
    }
    Json sources = Json::array();
    for (const auto& s : profile.sources) {
        sources.push_back(Json{{"title", s.title},
                               {"publisher", s.publisher},
                               {"version", s.version},
                               {"licence", s.licence},
                               {"attribution", s.attribution},
                               {"url", s.url},
                               {"published_on", s.published_on},
                               {"note", s.note}});
    }
    const Json json{{"role", profile.name},
                    {"slug", profile.slug},
                    {"summary", profile.summary},
                    {"aliases", profile.aliases},
                    {"codes", codes},
                    {"broader_occupations", broader},
                    {"specialisations", profile.specialisations},
                    {"descriptions", descriptions},
                    {"responsibilities", profile.responsibilities},
                    {"tasks", tasks},
                    {"key_skills", profile.key_skills},
                    {"mentioned_skills", profile.mentioned_skills},
                    {"technology_skills", technology},
                    {"industries", profile.industries},
                    {"titles", titles},
                    {"stated_relations", relations},
                    {"latest_salaries", salaries_json(profile.latest_salaries, conversions)},
                    {"sources", sources},
                    {"attribution", attributions(profile)}};
    out << json.dump(one_line ? -1 : 2, ' ', false, Json::error_handler_t::replace) << '\n';
}

Listing role_listing(const RoleProfile& profile) {
    Listing listing;
    listing.columns = {{"role", "Role"},
                       {"slug", "Slug"},
                       {"summary", "Summary"},
                       {"aliases", "Also called"},
                       {"codes", "Codes"},
                       {"descriptions", "Descriptions"},
                       {"responsibilities", "Responsibilities"},
                       {"tasks", "Tasks"},
                       {"key_skills", "Key skills"},
                       {"mentioned_skills", "Also mentioned"},
                       {"technology_skills", "Technology skills"},
                       {"industries", "Industries"},
                       {"titles", "Titles"},
                       {"stated_relations", "Related roles"},
                       {"sources", "Sources"},
                       {"attribution", "Attribution"}};
    TextList codes;
    for (const auto& code : profile.codes) {
        codes.push_back(code.relation + " " + code.scheme + ":" + code.code);
    }
    TextList descriptions;
    for (const auto& d : profile.descriptions) {
        descriptions.push_back(d.description);
    }
    TextList tasks;
    for (const auto& t : profile.tasks) {
        tasks.push_back(t.description);
    }
    TextList technology;
    for (const auto& s : profile.technology_skills) {
        technology.push_back(s.name);
    }
    TextList relations;
    for (const auto& r : profile.stated_relations) {
        relations.push_back(r.role);
    }
    TextList sources;
    for (const auto& s : profile.sources) {
        sources.push_back(s.title);
    }
    listing.rows.push_back({profile.name, profile.slug, profile.summary, profile.aliases, codes,
                            descriptions, profile.responsibilities, tasks, profile.key_skills,
                            profile.mentioned_skills, technology, profile.industries,
                            title_texts(profile, profile.titles.size()), relations, sources,
                            TextList(attributions(profile))});
    return listing;
}

} // namespace jobkb::cli
