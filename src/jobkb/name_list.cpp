#include "jobkb/name_list.hpp"

#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

namespace jobkb {
namespace {

// Names compare with NOCASE (ASCII folded to lower case), so the range runs from the lowered
// prefix to the same with its last byte one higher; country codes are upper-case BINARY text.
constexpr const char* kRolesSql = "SELECT name FROM roles WHERE name >= :low AND name < :high "
                                  "ORDER BY name LIMIT :limit";
constexpr const char* kSkillsSql = "SELECT name FROM skills WHERE name >= :low AND name < :high "
                                   "ORDER BY name LIMIT :limit";
constexpr const char* kIndustriesSql = "SELECT name FROM industries WHERE name >= :low AND "
                                       "name < :high ORDER BY name LIMIT :limit";
constexpr const char* kCountriesSql =
    "SELECT DISTINCT country_code FROM salary_latest WHERE country_code >= :low AND "
    "country_code < :high ORDER BY country_code LIMIT :limit";

const char* sql_of(NameList list) {
    switch (list) {
    case NameList::kRoles:
        return kRolesSql;
    case NameList::kSkills:
        return kSkillsSql;
    case NameList::kIndustries:
        return kIndustriesSql;
    case NameList::kCountries:
        return kCountriesSql;
    }
    return kRolesSql;
}

} // namespace

std::vector<std::string> names_starting_with(Database& database, NameList list,
                                             std::string_view prefix, std::size_t limit) {
    std::string low = detail::ascii_lowered(prefix);
    if (list == NameList::kCountries) {
        std::transform(low.begin(), low.end(), low.begin(), [](char c) {
            return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        });
    }
    // Past every UTF-8 text when there is no prefix; else the prefix's last byte plus one (a
    // byte of 0xFF, never in UTF-8, would not grow: then the end is past everything too).
    std::string high = "\xF4\x90";
    if (!low.empty() && static_cast<unsigned char>(low.back()) < 0xFF) {
        high = low;
        high.back() = static_cast<char>(static_cast<unsigned char>(high.back()) + 1);
    }
    detail::Statement statement(database, "listing names", sql_of(list));
    auto rows = statement.use()
                    .bind(":low", low)
                    .bind(":high", high)
                    .bind(":limit", static_cast<std::int64_t>(limit));
    std::vector<std::string> names;
    while (rows.step()) {
        std::string name = rows.text(0);
        // The range holds a few non-letters beside the prefix (NOCASE folds only letters).
        if (name.size() >= prefix.size() &&
            detail::equals_ignoring_case(std::string_view(name).substr(0, prefix.size()), prefix)) {
            names.push_back(std::move(name));
        }
    }
    return names;
}

} // namespace jobkb
