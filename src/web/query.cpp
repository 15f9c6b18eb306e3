#include "web/query.hpp"

#include <algorithm>

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

} // namespace jobkb::web
