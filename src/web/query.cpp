#include "web/query.hpp"

#include <algorithm>
#include <charconv>

namespace jobkb::web {

Query::Query(const Parameters& parameters, const std::vector<std::string_view>& names)
    : parameters_(parameters) {
    for (const auto& [name, value] : parameters) {
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            std::string known;
            for (const auto allowed : names) {
                known += (known.empty() ? "" : ", ") + std::string(allowed);
            }
            throw BadRequest("unknown parameter '" + name + "' (" +
                             (known.empty() ? "this page takes none" : "expected " + known) + ")");
        }
    }
}

std::optional<std::string> Query::one(std::string_view name) const {
    std::optional<std::string> found;
    for (const auto& [key, value] : parameters_) {
        if (key != name) {
            continue;
        }
        if (found) {
            throw BadRequest("parameter '" + key + "' given twice (expected it once)");
        }
        found = value;
    }
    return found && !found->empty() ? found : std::nullopt;
}

std::vector<std::string> Query::all(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : parameters_) {
        if (key == name && !value.empty()) {
            values.push_back(value);
        }
    }
    return values;
}

bool Query::flag(std::string_view name) const {
    const auto value = one(name);
    if (!value || *value == "0" || *value == "false" || *value == "off" || *value == "no") {
        return false;
    }
    if (*value == "1" || *value == "true" || *value == "on" || *value == "yes") {
        return true;
    }
    throw BadRequest("parameter '" + std::string(name) + "': '" + *value +
                     "' is not a yes or no (expected 1 or 0)");
}

std::vector<std::string_view> role_filter_names(std::initializer_list<std::string_view> extra) {
    std::vector<std::string_view> names = {"skill",   "match",      "key_only", "industry",
                                           "country", "min_salary", "sort"};
    names.insert(names.end(), extra.begin(), extra.end());
    return names;
}

RoleFilter role_filter(const Query& query) {
    RoleFilter filter;
    filter.skills = query.all("skill");
    filter.industries = query.all("industry");
    filter.key_skills_only = query.flag("key_only");
    filter.country = query.one("country");
    filter.min_salary = query.one("min_salary");
    if (const auto match = query.one("match")) {
        if (*match != "any" && *match != "all") {
            throw BadRequest("parameter 'match': unknown match mode '" + *match +
                             "' (expected any or all)");
        }
        filter.match = *match == "all" ? SkillMatch::kAll : SkillMatch::kAny;
    }
    if (const auto sort = query.one("sort")) {
        if (*sort != "name" && *sort != "salary") {
            throw BadRequest("parameter 'sort': unknown sort order '" + *sort +
                             "' (expected name or salary)");
        }
        filter.sort = *sort == "salary" ? RoleSort::kSalary : RoleSort::kName;
    }
    return filter;
}

std::vector<std::string_view> search_names(std::initializer_list<std::string_view> extra) {
    std::vector<std::string_view> names = {"q", "kind", "limit"};
    names.insert(names.end(), extra.begin(), extra.end());
    return names;
}

SearchQuery search_query(const Query& query) {
    SearchQuery search;
    search.words = query.one("q").value_or("");
    if (const auto kind = query.one("kind")) {
        if (*kind == "role") {
            search.kind = NameKind::kRole;
        } else if (*kind == "skill") {
            search.kind = NameKind::kSkill;
        } else if (*kind == "industry") {
            search.kind = NameKind::kIndustry;
        } else {
            throw BadRequest("parameter 'kind': unknown kind '" + *kind +
                             "' (expected role, skill or industry)");
        }
    }
    if (const auto limit = query.one("limit")) {
        // The limits of `jobkb search --limit`.
        std::size_t value = 0;
        const auto [end, error] =
            std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (error != std::errc() || end != limit->data() + limit->size() || value < 1 ||
            value > 1000) {
            throw BadRequest("parameter 'limit': '" + *limit +
                             "' is not a whole number from 1 to 1000");
        }
        search.limit = value;
    }
    return search;
}

} // namespace jobkb::web
