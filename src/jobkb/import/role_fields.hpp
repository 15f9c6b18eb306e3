#pragma once

#include "jobkb/import/fields.hpp"
#include "jobkb/import/validation.hpp"
#include "jobkb/occupation_codes.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The roles import's fields and its rules for a row, pure: lists split and checked, codes read by
// shape. Roles, skills and industries are looked up in the database (role_lookups.hpp), not here.
namespace jobkb::detail {

// The role fields by index, in the order of kRoleImportFields.
enum RoleField : std::size_t {
    kRoleName,
    kSummary,
    kCodes,
    kWithin,
    kAliases,
    kTitles,
    kKeySkills,
    kMentionedSkills,
    kIndustries,
    kResponsibilities,
};

const FieldList& role_fields();

// The longest name (a role, alias, title, skill, industry) and the longest responsibility, in
// bytes: longer ones are mistakes (a whole paragraph in a name column), not names.
inline constexpr std::size_t kMaxNameBytes = 300;
inline constexpr std::size_t kMaxSentenceBytes = 2000;

struct RoleCodeItem {
    OccupationCode code;
    CodeRelation relation = CodeRelation::kIs;
};

// A row's checked values, each list without repeats (letter case aside), in the file's order.
struct ValidRole {
    std::string name;
    std::optional<std::string> summary;
    std::vector<RoleCodeItem> codes;
    std::vector<std::string> aliases;
    std::vector<std::string> titles;
    std::vector<std::string> key_skills;
    std::vector<std::string> mentioned_skills;
    std::vector<std::string> industries;
    std::vector<std::string> responsibilities;
};

// The items of a list field's text: a JSON array of text and numbers (as the JSON readers hand
// on an array, or as a cell may hold one), else names separated by ';', each trimmed, empty ones
// left out. Returns false with a problem about `field` when a JSON array does not parse.
bool split_list(std::string_view field, const std::string& text, std::vector<std::string>& items,
                std::vector<Diagnostic>& problems);

// A code item: `[is:|within:][SCHEME:]CODE`. nullopt with a problem about `field` for any other
// text. `relation` is the default when the item names none.
std::optional<RoleCodeItem> parse_code_item(std::string_view field, const std::string& text,
                                            CodeRelation relation,
                                            std::vector<Diagnostic>& problems);

// Checks a row whose texts read_field_texts() accepted: names on one line and not too long,
// codes of a known shape (a role is at most one occupation of each scheme, and a code either is
// or contains the role), no skill both key and mentioned. Returns nullopt when it added problems.
std::optional<ValidRole> validate_role(const FieldTexts& texts, std::vector<Diagnostic>& problems);

} // namespace jobkb::detail
