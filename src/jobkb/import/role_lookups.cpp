#include "jobkb/import/role_lookups.hpp"

#include "jobkb/text.hpp"

namespace jobkb::detail {
namespace {

// Name, else slug, else alias, as NameResolver looks them up: the first index search that finds
// one answers.
constexpr const char* kRoleByName = R"sql(
SELECT found.id, (SELECT name FROM roles WHERE id = found.id)
FROM (SELECT coalesce(
          (SELECT id FROM roles WHERE name = :name),
          (SELECT id FROM roles WHERE slug = lower(:name)),
          (SELECT role_id FROM role_aliases WHERE alias = :name)) AS id) AS found
WHERE found.id IS NOT NULL)sql";

constexpr const char* kSkillByName = R"sql(
SELECT coalesce(
    (SELECT id FROM skills WHERE name = :name),
    (SELECT id FROM skills WHERE slug = lower(:name)),
    (SELECT skill_id FROM skill_aliases WHERE alias = :name)))sql";

constexpr const char* kIndustryByName = R"sql(
SELECT coalesce(
    (SELECT id FROM industries WHERE name = :name),
    (SELECT id FROM industries WHERE slug = lower(:name)),
    (SELECT industry_id FROM industry_aliases WHERE alias = :name)))sql";

std::optional<std::int64_t> first_id(Statement& statement, const char* parameter,
                                     const std::string& value) {
    auto row = statement.use().bind(parameter, value);
    if (!row.step() || row.is_null(0)) {
        return std::nullopt;
    }
    return row.int64(0);
}

} // namespace

RoleFinder::RoleFinder(Database& database, std::string_view doing)
    : by_code_(database, doing,
               "SELECT role_id FROM role_codes WHERE scheme = :scheme AND code = :code AND "
               "relation = 'is'"),
      by_name_(database, doing, kRoleByName),
      named_(database, doing, "SELECT id FROM roles WHERE name = :name"),
      alias_of_(database, doing, "SELECT role_id FROM role_aliases WHERE alias = :name"),
      slug_taken_(database, doing, "SELECT 1 FROM roles WHERE slug = :slug"),
      insert_(database, doing,
              "INSERT INTO roles (slug, name, summary, source_id, batch_id) VALUES (:slug, :name, "
              ":summary, :source, :batch) RETURNING id") {}

std::optional<std::int64_t> RoleFinder::by_code(const OccupationCode& code) {
    auto row = by_code_.use().bind(":scheme", code.scheme).bind(":code", code.code);
    if (!row.step()) {
        return std::nullopt;
    }
    return row.int64(0);
}

std::optional<NamedId> RoleFinder::by_name(const std::string& name) {
    auto row = by_name_.use().bind(":name", name);
    if (!row.step()) {
        return std::nullopt;
    }
    return NamedId{row.int64(0), row.text(1)};
}

std::optional<std::int64_t> RoleFinder::named(const std::string& name) {
    return first_id(named_, ":name", name);
}

std::optional<std::int64_t> RoleFinder::alias_of(const std::string& alias) {
    return first_id(alias_of_, ":name", alias);
}

std::int64_t RoleFinder::create(const std::string& name, const std::optional<std::string>& summary,
                                std::int64_t source_id, std::int64_t batch_id) {
    const std::string slug = unique_slug(slug_taken_, name);
    // The use ends here, which resets the INSERT ... RETURNING at once (Batches::start says why).
    return insert_.use()
        .bind(":slug", slug)
        .bind(":name", name)
        .bind(":summary", summary)
        .bind(":source", source_id)
        .bind(":batch", batch_id)
        .single_row()
        .int64(0);
}

EntityFinder::EntityFinder(Database& database, NameKind kind, std::string_view doing,
                           std::int64_t batch_id)
    : batch_id_(batch_id),
      find_(database, doing, kind == NameKind::kSkill ? kSkillByName : kIndustryByName),
      slug_taken_(database, doing,
                  kind == NameKind::kSkill ? "SELECT 1 FROM skills WHERE slug = :slug"
                                           : "SELECT 1 FROM industries WHERE slug = :slug"),
      insert_(database, doing,
              kind == NameKind::kSkill
                  ? "INSERT INTO skills (slug, name, category_id, batch_id) VALUES (:slug, :name, "
                    ":category, :batch) RETURNING id"
                  : "INSERT INTO industries (slug, name, batch_id) VALUES (:slug, :name, :batch) "
                    "RETURNING id"),
      known_(kMaxKnownNames, kMaxRememberedNameBytes) {}

std::optional<std::int64_t> EntityFinder::find(const std::string& name) {
    key_ = ascii_lowered(name);
    if (const std::int64_t* id = known_.find(key_)) {
        return *id;
    }
    const auto id = first_id(find_, ":name", name);
    if (id) {
        known_.remember(key_, *id);
    }
    return id;
}

std::int64_t EntityFinder::create(const std::string& name,
                                  std::optional<std::int64_t> category_id) {
    const std::string slug = unique_slug(slug_taken_, name);
    std::int64_t id = 0;
    {
        auto insert = insert_.use();
        insert.bind(":slug", slug).bind(":name", name).bind(":batch", batch_id_);
        if (category_id) {
            insert.bind(":category", *category_id);
        }
        id = insert.single_row().int64(0);
    }
    known_.remember(ascii_lowered(name), id);
    if (created_.size() < 50) {
        created_.push_back(name);
    }
    ++created_count_;
    return id;
}

} // namespace jobkb::detail
