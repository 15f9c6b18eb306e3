// Undoing a batch of roles or of an O*NET release (see batch_contents()): the links, titles,
// codes and descriptions it created removed, what it changed or replaced put back from its change
// log, and the roles, skills, industries and categories it created removed, unless something
// that is not the batch's now refers to them.
#include "jobkb/import/role_undo.hpp"

#include "jobkb/error.hpp"
#include "jobkb/import/batches.hpp"
#include "jobkb/import/change_log.hpp"
#include "jobkb/statement.hpp"

#include <fmt/format.h>

#include <array>

namespace jobkb::detail {
namespace {

constexpr const char* kDoing = "undoing an import";

// Rows that refer to a role, skill, industry or category, each with the column that does.
struct Reference {
    const char* table;
    const char* column;
    const char* what; // for the message: "salary figure(s)"
};

constexpr std::array<Reference, 12> kRoleReferences = {{
    {"salary_observations", "role_id", "salary figure(s)"},
    {"role_aliases", "role_id", "alias(es)"},
    {"role_titles", "role_id", "title(s)"},
    {"role_codes", "role_id", "occupation code(s)"},
    {"role_skills", "role_id", "skill link(s)"},
    {"role_industries", "role_id", "industry link(s)"},
    {"responsibilities", "role_id", "responsibilities"},
    {"role_sources", "role_id", "source description(s)"},
    {"role_relations", "role_id", "related role(s)"},
    {"role_relations", "related_role_id", "relation(s) from other roles"},
    {"role_merges", "into_role_id", "role merge(s)"},
    {"salary_latest", "role_id", "latest figure(s)"},
}};
constexpr std::array<Reference, 2> kSkillReferences = {{
    {"role_skills", "skill_id", "role link(s)"},
    {"skill_aliases", "skill_id", "alias(es)"},
}};
constexpr std::array<Reference, 2> kIndustryReferences = {{
    {"role_industries", "industry_id", "role link(s)"},
    {"industry_aliases", "industry_id", "alias(es)"},
}};
constexpr std::array<Reference, 1> kCategoryReferences = {{
    {"skills", "category_id", "skill(s) of other imports"},
}};

// The rows every link table holds of the batch: removed first, so that what the change log puts
// back (often under the same key: an earlier release's title) finds its place free.
constexpr std::array<const char*, 8> kLinkTables = {
    "role_relations", "role_titles",     "role_codes",       "role_sources",
    "role_skills",    "role_industries", "responsibilities", "role_aliases"};

// What the batch created and nothing else refers to any longer: removed last. Categories after
// skills, which refer to them.
constexpr std::array<const char*, 4> kEntityTables = {"roles", "skills", "industries",
                                                      "skill_categories"};

// Refuses the undo when a row of `entity` the batch created is still referred to by a row that
// is not the batch's (the batch's own are gone by then): removing it would take those along.
template <std::size_t N>
void refuse_if_referred_to(Database& database, std::int64_t batch_id, const char* entity,
                           const char* name_column, const std::array<Reference, N>& references) {
    for (const Reference& reference : references) {
        Statement referred(database, kDoing,
                           fmt::format("SELECT e.{0}, count(*) FROM {1} e JOIN {2} x ON x.{3} = "
                                       "e.id WHERE e.batch_id = :batch {4} GROUP BY e.id LIMIT 1",
                                       name_column, entity, reference.table, reference.column,
                                       std::string_view(reference.table) == "skills"
                                           ? "AND x.batch_id IS NOT e.batch_id"
                                           : ""));
        auto row = referred.use().bind(":batch", batch_id);
        if (row.step()) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("import batch {} added '{}', which {} {} that are not the "
                                    "batch's now refer to: remove or move them first",
                                    batch_id, row.text(0), row.int64(1), reference.what));
        }
    }
}

} // namespace

std::int64_t undo_role_content(Database& database, std::int64_t batch_id) {
    Statement content(database, kDoing, "SELECT content FROM import_batches WHERE id = :batch");
    std::string what;
    {
        auto row = content.use().bind(":batch", batch_id);
        if (!row.step()) {
            return 0;
        }
        what = row.text(0);
    }
    if (!changes_earlier_rows(what)) {
        return 0;
    }
    // A later batch of roles or of a release may have changed, replaced or linked to what this one
    // wrote; its change log holds rows as they were after this batch. Undo goes newest first.
    Statement later(database, kDoing,
                    "SELECT id FROM import_batches WHERE id > :batch AND undone_at IS NULL AND "
                    "content IN ('roles', 'onet') ORDER BY id DESC LIMIT 1");
    if (auto row = later.use().bind(":batch", batch_id); row.step()) {
        const std::int64_t newer = row.int64(0);
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("import batch {} came after import batch {} and may build on what "
                                "it added or changed",
                                newer, batch_id),
                    Hint{HintKind::kUndoFirst, {}, std::to_string(newer)});
    }
    std::int64_t undone = 0;
    for (const char* table : kLinkTables) {
        Statement remove(database, kDoing,
                         fmt::format("DELETE FROM {} WHERE batch_id = :batch", table));
        undone += remove.use().bind(":batch", batch_id).exec();
    }
    undone += undo_changes(database, kDoing, batch_id);
    refuse_if_referred_to(database, batch_id, "roles", "name", kRoleReferences);
    refuse_if_referred_to(database, batch_id, "skills", "name", kSkillReferences);
    refuse_if_referred_to(database, batch_id, "industries", "name", kIndustryReferences);
    refuse_if_referred_to(database, batch_id, "skill_categories", "title", kCategoryReferences);
    for (const char* table : kEntityTables) {
        Statement remove(database, kDoing,
                         fmt::format("DELETE FROM {} WHERE batch_id = :batch", table));
        undone += remove.use().bind(":batch", batch_id).exec();
    }
    return undone;
}

} // namespace jobkb::detail
