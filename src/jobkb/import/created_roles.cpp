#include "jobkb/import/created_roles.hpp"

#include "jobkb/statement.hpp"

namespace jobkb::detail {

bool record_title(Database& database, std::string_view doing, const std::string& title,
                  std::int64_t role_id, std::int64_t source_id, std::int64_t batch_id) {
    Statement insert(database, doing,
                     "INSERT INTO role_titles (title, role_id, kind, source_id, batch_id) "
                     "VALUES (:title, :role, 'user', :source, :batch) ON CONFLICT DO NOTHING");
    return insert.use()
               .bind(":title", title)
               .bind(":role", role_id)
               .bind(":source", source_id)
               .bind(":batch", batch_id)
               .exec() > 0;
}

std::int64_t remove_batch_titles(Database& database, std::int64_t batch_id) {
    Statement remove(database, "undoing an import",
                     "DELETE FROM role_titles WHERE batch_id = :batch");
    return remove.use().bind(":batch", batch_id).exec();
}

// Each test reads an index by role (the role-first primary keys, role_aliases_by_role,
// role_titles_by_role, role_codes_by_role, role_relations_by_related, salary_observations_by_key),
// so undoing a batch that created many roles stays linear.
std::int64_t remove_batch_roles(Database& database, std::int64_t batch_id) {
    Statement remove(database, "undoing an import", R"sql(
DELETE FROM roles
WHERE batch_id = :batch
  AND NOT EXISTS (SELECT 1 FROM salary_observations o WHERE o.role_id = roles.id)
  AND NOT EXISTS (SELECT 1 FROM role_aliases a
                  WHERE a.role_id = roles.id AND a.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM role_titles t
                  WHERE t.role_id = roles.id AND t.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM role_codes c
                  WHERE c.role_id = roles.id AND c.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM role_skills s
                  WHERE s.role_id = roles.id AND s.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM role_industries i
                  WHERE i.role_id = roles.id AND i.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM responsibilities p
                  WHERE p.role_id = roles.id AND p.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM role_relations r
                  WHERE r.role_id = roles.id AND r.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM role_relations r
                  WHERE r.related_role_id = roles.id AND r.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM role_sources d
                  WHERE d.role_id = roles.id AND d.batch_id IS NOT :batch)
  AND NOT EXISTS (SELECT 1 FROM role_merges m WHERE m.into_role_id = roles.id))sql");
    return remove.use().bind(":batch", batch_id).exec();
}

} // namespace jobkb::detail
