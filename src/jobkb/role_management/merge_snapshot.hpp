#pragma once

// The record a role merge keeps (role_merges.snapshot), written by merge_roles() and read back by
// undo_role_merge(). One JSON object, built and read by SQLite's JSON functions so that every
// value keeps its SQL type:
//
//   into_role_id             the role FROM joined, at the time (a later merge of that role into
//                            a third re-points role_merges.into_role_id; undo needs the original)
//   role                     FROM's row: id, slug, name, summary, source_id, batch_id
//   name_alias               1 when the merge added FROM's name as an alias of INTO
//   aliases                  FROM's aliases: alias, batch_id (all moved to INTO)
//   titles, codes, skills, industries, sources
//                            FROM's rows of role_titles, role_codes, role_skills, role_industries
//                            and role_sources, each with `moved`: 1 when it moved to INTO, 0 when
//                            INTO had the same (title, code, skill, industry, source) and kept its
//                            own, so FROM's lives on only here
//   responsibilities         FROM's responsibilities (all moved, after INTO's own)
//   responsibility_offset    how far they moved down INTO's list
//   relations                role_relations rows in which FROM is either end, with `moved`
//   observations             the ids of the salary observations that moved
//   merges                   the ids of earlier merges into FROM, re-pointed to INTO
namespace jobkb::detail {

inline constexpr const char* kMergeSnapshot = R"sql(
SELECT json_object(
  'into_role_id', :into,
  'role', (SELECT json_object('id', id, 'slug', slug, 'name', name, 'summary', summary,
                              'source_id', source_id, 'batch_id', batch_id)
           FROM roles WHERE id = :from),
  'name_alias', NOT EXISTS (SELECT 1 FROM role_aliases
                            WHERE alias = (SELECT name FROM roles WHERE id = :from)),
  'aliases', (SELECT json_group_array(json_object('alias', alias, 'batch_id', batch_id))
              FROM role_aliases WHERE role_id = :from),
  'titles', (SELECT json_group_array(json_object(
                 'title', t.title, 'kind', t.kind, 'source_id', t.source_id,
                 'batch_id', t.batch_id,
                 'moved', NOT EXISTS (SELECT 1 FROM role_titles i
                                      WHERE i.role_id = :into AND i.title = t.title)))
             FROM role_titles t WHERE t.role_id = :from),
  'codes', (SELECT json_group_array(json_object(
                'scheme', c.scheme, 'code', c.code, 'relation', c.relation,
                'source_id', c.source_id, 'batch_id', c.batch_id,
                'moved', NOT EXISTS (SELECT 1 FROM role_codes i WHERE i.scheme = c.scheme
                                     AND i.code = c.code AND i.role_id = :into)))
            FROM role_codes c WHERE c.role_id = :from),
  'skills', (SELECT json_group_array(json_object(
                 'skill_id', s.skill_id, 'relevance', s.relevance, 'position', s.position,
                 'hot_technology', s.hot_technology, 'in_demand', s.in_demand,
                 'source_id', s.source_id, 'batch_id', s.batch_id,
                 'moved', NOT EXISTS (SELECT 1 FROM role_skills i
                                      WHERE i.role_id = :into AND i.skill_id = s.skill_id)))
             FROM role_skills s WHERE s.role_id = :from),
  'industries', (SELECT json_group_array(json_object(
                     'industry_id', n.industry_id, 'position', n.position,
                     'source_id', n.source_id, 'batch_id', n.batch_id,
                     'moved', NOT EXISTS (SELECT 1 FROM role_industries i
                                          WHERE i.role_id = :into
                                            AND i.industry_id = n.industry_id)))
                 FROM role_industries n WHERE n.role_id = :from),
  'responsibilities', (SELECT json_group_array(json_object(
                           'position', position, 'description', description,
                           'source_id', source_id, 'batch_id', batch_id, 'task_id', task_id,
                           'task_type', task_type))
                       FROM responsibilities WHERE role_id = :from),
  'responsibility_offset', (SELECT coalesce(max(position), 0) FROM responsibilities
                            WHERE role_id = :into),
  'sources', (SELECT json_group_array(json_object(
                  'source_id', d.source_id, 'title', d.title, 'description', d.description,
                  'job_zone', d.job_zone, 'batch_id', d.batch_id,
                  'moved', NOT EXISTS (SELECT 1 FROM role_sources i
                                       WHERE i.role_id = :into AND i.source_id = d.source_id)))
              FROM role_sources d WHERE d.role_id = :from),
  'relations', (SELECT json_group_array(json_object(
                    'role_id', r.role_id, 'related_role_id', r.related_role_id,
                    'source_id', r.source_id, 'tier', r.tier, 'position', r.position,
                    'batch_id', r.batch_id,
                    'moved', CASE WHEN r.role_id = :from
                        THEN r.related_role_id <> :into AND NOT EXISTS (
                            SELECT 1 FROM role_relations i WHERE i.role_id = :into
                            AND i.source_id = r.source_id
                            AND i.related_role_id = r.related_role_id)
                        ELSE r.role_id <> :into AND NOT EXISTS (
                            SELECT 1 FROM role_relations i WHERE i.role_id = r.role_id
                            AND i.source_id = r.source_id AND i.related_role_id = :into)
                        END))
                FROM role_relations r WHERE r.role_id = :from OR r.related_role_id = :from),
  'observations', (SELECT json_group_array(id) FROM salary_observations WHERE role_id = :from),
  'merges', (SELECT json_group_array(id) FROM role_merges WHERE into_role_id = :from)))sql";

} // namespace jobkb::detail
