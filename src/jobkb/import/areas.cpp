#include "jobkb/import/areas.hpp"

#include "jobkb/import/salary_validation.hpp"
#include "jobkb/name_matching.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <utility>

namespace jobkb::detail {
namespace {

constexpr const char* kExpectedCode =
    "1 to 20 letters, digits and inner hyphens, such as US-AL or 10180";
constexpr const char* kExpectedKind = "a lower-case word such as metro, city or state";
constexpr std::size_t kSuggestions = 3;

bool is_area_kind(std::string_view kind) {
    if (kind.empty() || kind.size() > 60) {
        return false;
    }
    for (const char c : kind) {
        if (!((c >= 'a' && c <= 'z') || c == ' ' || c == '-')) {
            return false;
        }
    }
    return true;
}

// "CA" of "CA-ON": the two letters of an ISO 3166-2 code, or empty for another code.
std::string iso_country_of(std::string_view code) {
    if (code.size() < 4 || code[2] != '-') {
        return {};
    }
    const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    return letter(code[0]) && letter(code[1]) ? ascii_uppered(code.substr(0, 2)) : std::string();
}

} // namespace

bool is_area_code(std::string_view code) {
    if (code.empty() || code.size() > 20 || code.front() == '-' || code.back() == '-') {
        return false;
    }
    for (const char c : code) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-')) {
            return false;
        }
    }
    return true;
}

AreaLookup::AreaLookup(Database& database, std::string_view doing, bool create,
                       std::int64_t batch_id)
    : create_(create), batch_id_(batch_id),
      by_code_(database, doing,
               "SELECT id FROM areas WHERE country_code = :country AND code = :code"),
      by_name_(database, doing,
               "SELECT id, coalesce(code, '') FROM areas WHERE name = :name COLLATE NOCASE AND "
               "country_code = :country ORDER BY code"),
      elsewhere_(database, doing,
                 "SELECT country_code FROM areas WHERE code = :text AND code IS NOT NULL "
                 "UNION SELECT country_code FROM areas WHERE name = :text COLLATE NOCASE "
                 "ORDER BY 1 LIMIT 1"),
      spellings_(database, doing,
                 "SELECT name, coalesce(code, '') FROM areas WHERE country_code = :country"),
      insert_(database, doing,
              "INSERT INTO areas (country_code, code, name, kind, batch_id) VALUES (:country, "
              ":code, :name, :kind, :batch) RETURNING id"),
      answers_(kMaxKnownNames, kMaxRememberedNameBytes) {}

std::optional<std::int64_t> AreaLookup::id(const std::string& country, const AreaTexts& texts,
                                           std::vector<Diagnostic>& problems) {
    if (!texts.name && !texts.code) {
        return std::nullopt;
    }
    std::string key = country + '\x1f' + (texts.code ? ascii_lowered(trimmed(*texts.code)) : "") +
                      '\x1f' + (texts.name ? ascii_lowered(trimmed(*texts.name)) : "");
    if (const Found* found = answers_.find(key)) {
        if (found->id == 0) {
            problems.push_back(found->problem);
        }
        return found->id;
    }
    Found found = find(country, texts);
    if (found.id == 0 && found.problem.hint.kind == HintKind::kCreateAreas && create_) {
        found = create(country, texts);
    }
    if (found.id == 0) {
        problems.push_back(found.problem);
    }
    answers_.remember(key, found);
    return found.id;
}

AreaLookup::Found AreaLookup::find(const std::string& country, const AreaTexts& texts) {
    const std::string field(texts.code ? kImportLookupFields[1] : kImportFields[kArea]);
    const std::string text = trimmed(texts.code ? *texts.code : *texts.name);
    const auto problem = [&](std::string what, std::string expected, HintKind hint = {}) {
        return Found{0, {{}, 0, field, std::move(what), std::move(expected), {hint, {}, {}}}};
    };
    if (texts.code && !is_area_code(text)) {
        return problem(fmt::format("malformed area code '{}'", elided(text, 80)), kExpectedCode);
    }
    if (is_area_code(text)) {
        // A code as written (US-AL, 10180), or a subdivision's part after the country (AL).
        for (const std::string& code : {text, country + "-" + text}) {
            auto row = by_code_.use().bind(":country", country).bind(":code", code);
            if (row.step()) {
                return {row.int64(0), {}};
            }
        }
    }
    if (!texts.code) {
        std::vector<std::pair<std::int64_t, std::string>> named;
        for (auto row = by_name_.use().bind(":name", text).bind(":country", country); row.step();) {
            named.emplace_back(row.int64(0), row.text(1));
        }
        if (named.size() == 1) {
            return {named.front().first, {}};
        }
        if (named.size() > 1) {
            std::vector<std::string> codes;
            for (const auto& [id, code] : named) {
                codes.push_back(code.empty() ? "one without a code" : code);
            }
            return problem(
                fmt::format("'{}' names {} areas of {}", elided(text, 80), named.size(), country),
                "one of them by its code: " + or_list(codes));
        }
    }
    // Another country's area (CA-ON; or, unless creating, a name only another country has): a
    // mistake in the row, never a new area of this country. An import that creates areas may
    // name one as another country's is named (Ontario, California and Ontario, Canada).
    std::string other = iso_country_of(text);
    if ((other.empty() || other == country) && !create_) {
        auto row = elsewhere_.use().bind(":text", text);
        other = row.step() ? row.text(0) : std::string();
    }
    if (!other.empty() && other != country) {
        return problem(fmt::format("area '{}' is in {}, not in the row's country {}",
                                   elided(text, 80), other, country),
                       "an area of " + country);
    }
    std::string what = fmt::format("unknown area '{}' in {}", elided(text, 80), country);
    if (const auto near = suggestions(country, text); !near.empty()) {
        what += ": did you mean " + or_list(near) + "?";
    }
    return problem(std::move(what), "the name or code of an area of " + country,
                   HintKind::kCreateAreas);
}

AreaLookup::Found AreaLookup::create(const std::string& country, const AreaTexts& texts) {
    const std::optional<std::string> code =
        texts.code ? std::optional(trimmed(*texts.code)) : std::nullopt;
    const std::string name = trimmed(texts.name ? *texts.name : *texts.code);
    const std::string kind = texts.kind ? ascii_lowered(trimmed(*texts.kind)) : "metro";
    const std::string field(texts.name ? kImportFields[kArea] : kImportLookupFields[1]);
    if (!is_area_kind(kind)) {
        return {0,
                {{},
                 0,
                 std::string(kImportLookupFields[2]),
                 fmt::format("malformed area kind '{}'", elided(kind, 80)),
                 kExpectedKind,
                 {}}};
    }
    if (name.size() > 200) {
        return {0, {{}, 0, field, "an area name longer than 200 bytes", "a shorter name", {}}};
    }
    auto insert = insert_.use();
    insert.bind(":country", country).bind(":name", name).bind(":kind", kind);
    if (code) {
        insert.bind(":code", *code);
    } else {
        insert.bind_null(":code");
    }
    insert.bind(":batch", batch_id_);
    const std::int64_t id = insert.single_row().int64(0);
    created_.push_back(country + ": " + name + (code ? " (" + *code + ")" : ""));
    return {id, {}};
}

std::vector<std::string> AreaLookup::suggestions(const std::string& country,
                                                 const std::string& text) {
    SpellingIndex index(WordRules::kPlaces);
    std::vector<std::string> shown;
    for (auto row = spellings_.use().bind(":country", country); row.step();) {
        const std::string name = row.text(0);
        const std::string code = row.text(1);
        const auto target = static_cast<std::uint32_t>(shown.size());
        index.add(name, target);
        if (!code.empty()) {
            index.add(code, target);
        }
        shown.push_back(code.empty() ? name : name + " (" + code + ")");
    }
    std::vector<std::string> near;
    for (const std::uint32_t target : index.closest(text, kSuggestions)) {
        near.push_back(shown[target]);
    }
    return near;
}

// An area that another batch's figures kept when its creator was undone goes with the last of
// them.
std::int64_t remove_batch_areas(Database& database, std::int64_t batch_id) {
    Statement remove(database, "undoing an import", R"sql(
DELETE FROM areas
WHERE batch_id IS NOT NULL
  AND (batch_id = :batch OR batch_id IN (SELECT id FROM import_batches
                                         WHERE undone_at IS NOT NULL))
  AND NOT EXISTS (SELECT 1 FROM salary_observations o WHERE o.area_id = areas.id))sql");
    return remove.use().bind(":batch", batch_id).exec();
}

} // namespace jobkb::detail
