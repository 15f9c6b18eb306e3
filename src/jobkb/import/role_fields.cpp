#include "jobkb/import/role_fields.hpp"

#include "jobkb/role_import.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <unordered_set>

namespace jobkb::detail {
namespace {

constexpr std::array<std::string_view, 2> kRoleSpellings = {"name", "role name"};
constexpr std::array<std::string_view, 1> kSummarySpellings = {"description"};
constexpr std::array<std::string_view, 3> kCodeSpellings = {"code", "occupation codes",
                                                            "occupation code"};
constexpr std::array<std::string_view, 2> kWithinSpellings = {"within codes", "broader"};
constexpr std::array<std::string_view, 2> kAliasSpellings = {"alias", "other names"};
constexpr std::array<std::string_view, 2> kTitleSpellings = {"title", "job titles"};
constexpr std::array<std::string_view, 2> kKeySkillSpellings = {"key skills", "skills"};
constexpr std::array<std::string_view, 1> kMentionedSpellings = {"mentioned skills"};
constexpr std::array<std::string_view, 1> kIndustrySpellings = {"industry"};
constexpr std::array<std::string_view, 2> kResponsibilitySpellings = {"responsibility", "tasks"};

constexpr std::array<FieldSpec, 10> kRoleFieldSpecs = {{
    {kRoleImportFields[kRoleName], true, kRoleSpellings},
    {kRoleImportFields[kSummary], false, kSummarySpellings},
    {kRoleImportFields[kCodes], false, kCodeSpellings, true},
    {kRoleImportFields[kWithin], false, kWithinSpellings, true},
    {kRoleImportFields[kAliases], false, kAliasSpellings, true},
    {kRoleImportFields[kTitles], false, kTitleSpellings, true},
    {kRoleImportFields[kKeySkills], false, kKeySkillSpellings, true},
    {kRoleImportFields[kMentionedSkills], false, kMentionedSpellings, true},
    {kRoleImportFields[kIndustries], false, kIndustrySpellings, true},
    {kRoleImportFields[kResponsibilities], false, kResponsibilitySpellings, true},
}};
static_assert(kRoleFieldSpecs.size() == kRoleImportFields.size());

constexpr const char* kCodeExpected =
    "an O*NET-SOC code 15-2051.00, a SOC code 15-2051, an ISCO-08 code 2511 or an ESCO occupation "
    "URI, as SCHEME:CODE or by shape, with within: for a broader occupation";

void add(std::vector<Diagnostic>& problems, std::string_view field, std::string problem,
         std::string expected) {
    problems.push_back({{}, 0, std::string(field), std::move(problem), std::move(expected), {}});
}

std::string in_quotes(std::string_view text) { return "'" + elided(text, 80) + "'"; }

// A name must be one line of text: an item a JSON array decoded may hold anything.
bool check_name(std::string_view field, const std::string& name, std::size_t max_bytes,
                std::vector<Diagnostic>& problems) {
    if (!valid_utf8(name)) {
        add(problems, field, in_quotes(name) + " is not valid UTF-8", "UTF-8 text");
        return false;
    }
    const bool controls = std::any_of(name.begin(), name.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
    if (controls) {
        add(problems, field,
            in_quotes(name) + " holds a tab, a line break or another control character",
            "a name on one line");
        return false;
    }
    if (name.size() > max_bytes) {
        add(problems, field, fmt::format("{} is longer than {} bytes", in_quotes(name), max_bytes),
            max_bytes == kMaxNameBytes ? "a name" : "one sentence");
        return false;
    }
    return true;
}

// The items of a list field, checked, without repeats (ASCII letter case aside).
bool list_of(const FieldTexts& texts, RoleField field, std::size_t max_bytes,
             std::vector<std::string>& items, std::vector<Diagnostic>& problems) {
    if (!texts[field]) {
        return true;
    }
    const std::string_view name = kRoleImportFields[field];
    std::vector<std::string> all;
    if (!split_list(name, *texts[field], all, problems)) {
        return false;
    }
    bool ok = true;
    std::unordered_set<std::string> seen;
    for (auto& item : all) {
        if (!check_name(name, item, max_bytes, problems)) {
            ok = false;
        } else if (seen.insert(ascii_lowered(item)).second) {
            items.push_back(std::move(item));
        }
    }
    return ok;
}

} // namespace

const FieldList& role_fields() {
    static const FieldList fields(kRoleFieldSpecs);
    return fields;
}

bool split_list(std::string_view field, const std::string& text, std::vector<std::string>& items,
                std::vector<Diagnostic>& problems) {
    if (text.starts_with('[')) {
        const auto parsed = nlohmann::json::parse(text, nullptr, false);
        const bool scalars =
            parsed.is_array() && std::all_of(parsed.begin(), parsed.end(), [](const auto& item) {
                return item.is_string() || item.is_number() || item.is_null();
            });
        if (!scalars) {
            add(problems, field, in_quotes(text) + " is not a JSON array of names",
                "a JSON array such as [\"Python\", \"SQL\"], or names separated by ;");
            return false;
        }
        for (const auto& item : parsed) {
            if (!item.is_null()) {
                std::string value = item.is_string() ? item.get<std::string>() : item.dump();
                if (std::string name = trimmed(value); !name.empty()) {
                    items.push_back(std::move(name));
                }
            }
        }
        return true;
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        if (std::string name = trimmed(std::string_view(text).substr(start, end - start));
            !name.empty()) {
            items.push_back(std::move(name));
        }
        start = end + 1;
    }
    return true;
}

std::optional<RoleCodeItem> parse_code_item(std::string_view field, const std::string& text,
                                            CodeRelation relation,
                                            std::vector<Diagnostic>& problems) {
    std::string_view rest = text;
    if (rest.starts_with("within:")) {
        relation = CodeRelation::kWithin;
        rest.remove_prefix(7);
    } else if (rest.starts_with("is:")) {
        relation = CodeRelation::kIs;
        rest.remove_prefix(3);
    }
    if (const auto code = parse_occupation_code(trimmed(rest))) {
        return RoleCodeItem{*code, relation};
    }
    // Say what was wrong with a code of a named scheme.
    if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
        if (const OccupationScheme* scheme = find_occupation_scheme(rest.substr(0, colon))) {
            // "an O*NET-SOC 2019 code", "a SOC 2018 code"
            const bool vowel =
                std::string_view("AEIOU").find(scheme->name.front()) != std::string_view::npos;
            add(problems, field,
                fmt::format("{} is not {} {} code", in_quotes(rest.substr(colon + 1)),
                            vowel ? "an" : "a", scheme->name),
                std::string(scheme->shape));
            return std::nullopt;
        }
    }
    add(problems, field, in_quotes(text) + " is not an occupation code", kCodeExpected);
    return std::nullopt;
}

std::optional<ValidRole> validate_role(const FieldTexts& texts, std::vector<Diagnostic>& problems) {
    const std::size_t before = problems.size();
    ValidRole role;
    if (check_name(kRoleImportFields[kRoleName], *texts[kRoleName], kMaxNameBytes, problems)) {
        role.name = *texts[kRoleName];
    }
    role.summary = texts[kSummary];
    for (const RoleField field : {kCodes, kWithin}) {
        std::vector<std::string> items;
        list_of(texts, field, kMaxNameBytes, items, problems);
        const CodeRelation relation = field == kWithin ? CodeRelation::kWithin : CodeRelation::kIs;
        for (const auto& item : items) {
            auto code = parse_code_item(kRoleImportFields[field], item, relation, problems);
            if (!code) {
                continue;
            }
            const auto same =
                std::find_if(role.codes.begin(), role.codes.end(), [&](const auto& c) {
                    return c.code.scheme == code->code.scheme && c.code.code == code->code.code;
                });
            if (same != role.codes.end()) {
                if (same->relation != code->relation) {
                    add(problems, kRoleImportFields[field],
                        fmt::format("{} is given as the role's occupation and as a broader one",
                                    code->code.code),
                        "the code once, with within: for a broader occupation");
                }
                continue;
            }
            const auto other_is =
                std::find_if(role.codes.begin(), role.codes.end(), [&](const auto& c) {
                    return c.relation == CodeRelation::kIs && code->relation == CodeRelation::kIs &&
                           c.code.scheme == code->code.scheme;
                });
            if (other_is != role.codes.end()) {
                add(problems, kRoleImportFields[field],
                    fmt::format("a role is one occupation of {}, not both {} and {}",
                                find_occupation_scheme(code->code.scheme)->name,
                                other_is->code.code, code->code.code),
                    "within:CODE for the broader ones");
                continue;
            }
            role.codes.push_back(std::move(*code));
        }
    }
    list_of(texts, kAliases, kMaxNameBytes, role.aliases, problems);
    list_of(texts, kTitles, kMaxNameBytes, role.titles, problems);
    list_of(texts, kKeySkills, kMaxNameBytes, role.key_skills, problems);
    list_of(texts, kMentionedSkills, kMaxNameBytes, role.mentioned_skills, problems);
    list_of(texts, kIndustries, kMaxNameBytes, role.industries, problems);
    list_of(texts, kResponsibilities, kMaxSentenceBytes, role.responsibilities, problems);
    for (const auto& skill : role.mentioned_skills) {
        const bool key = std::any_of(role.key_skills.begin(), role.key_skills.end(),
                                     [&](const auto& k) { return equals_ignoring_case(k, skill); });
        if (key) {
            add(problems, kRoleImportFields[kMentionedSkills],
                in_quotes(skill) + " is a key skill of the row too", "each skill in one list");
        }
    }
    if (problems.size() != before) {
        return std::nullopt;
    }
    return role;
}

} // namespace jobkb::detail
