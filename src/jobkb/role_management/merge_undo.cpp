// `jobkb merges undo ID`: a merged role back as it was, from its merge's snapshot
// (merge_snapshot.hpp).
#include "jobkb/role_management.hpp"

#include "jobkb/error.hpp"
#include "jobkb/statement.hpp"

#include <fmt/format.h>

#include <array>

namespace jobkb {
namespace {

using detail::Statement;

// Each restore binds :snapshot, :from (the id the role has again), :old (its id in the
// snapshot) and :into; it first takes back from INTO what moved there (the snapshot's `moved`
// rows, found by key), then puts FROM's rows back as they were. Rows that refer to something
// deleted since (a skill, a source, a related role) are left out; a row INTO or another role
// holds now under the same key stays theirs (ON CONFLICT DO NOTHING).
constexpr std::array<const char*, 18> kRestores = {
    R"sql(INSERT INTO roles (id, slug, name, summary, source_id, batch_id)
SELECT :from, json_extract(:snapshot, '$.role.slug'), json_extract(:snapshot, '$.role.name'),
       json_extract(:snapshot, '$.role.summary'), json_extract(:snapshot, '$.role.source_id'),
       json_extract(:snapshot, '$.role.batch_id'))sql",
    // Aliases: back from INTO; one removed since comes back; one another role has now stays.
    R"sql(INSERT INTO role_aliases (alias, role_id, batch_id)
SELECT json_extract(value, '$.alias'), :from, json_extract(value, '$.batch_id')
FROM json_each(:snapshot, '$.aliases') WHERE 1
ON CONFLICT (alias) DO UPDATE SET role_id = excluded.role_id, batch_id = excluded.batch_id
WHERE role_aliases.role_id = :into)sql",
    R"sql(DELETE FROM role_titles WHERE role_id = :into AND title IN (
    SELECT json_extract(value, '$.title') FROM json_each(:snapshot, '$.titles')
    WHERE json_extract(value, '$.moved')))sql",
    R"sql(INSERT INTO role_titles (title, role_id, kind, source_id, batch_id)
SELECT json_extract(value, '$.title'), :from, json_extract(value, '$.kind'),
       json_extract(value, '$.source_id'), json_extract(value, '$.batch_id')
FROM json_each(:snapshot, '$.titles')
WHERE json_extract(value, '$.source_id') IS NULL
   OR EXISTS (SELECT 1 FROM sources WHERE id = json_extract(value, '$.source_id'))
ON CONFLICT DO NOTHING)sql",
    R"sql(DELETE FROM role_codes WHERE role_id = :into AND (scheme, code) IN (
    SELECT json_extract(value, '$.scheme'), json_extract(value, '$.code')
    FROM json_each(:snapshot, '$.codes') WHERE json_extract(value, '$.moved')))sql",
    R"sql(INSERT INTO role_codes (role_id, scheme, code, relation, source_id, batch_id)
SELECT :from, json_extract(value, '$.scheme'), json_extract(value, '$.code'),
       json_extract(value, '$.relation'), json_extract(value, '$.source_id'),
       json_extract(value, '$.batch_id')
FROM json_each(:snapshot, '$.codes')
WHERE json_extract(value, '$.source_id') IS NULL
   OR EXISTS (SELECT 1 FROM sources WHERE id = json_extract(value, '$.source_id'))
ON CONFLICT DO NOTHING)sql",
    R"sql(DELETE FROM role_skills WHERE role_id = :into AND skill_id IN (
    SELECT json_extract(value, '$.skill_id') FROM json_each(:snapshot, '$.skills')
    WHERE json_extract(value, '$.moved')))sql",
    R"sql(INSERT INTO role_skills (role_id, skill_id, relevance, position, hot_technology,
                         in_demand, source_id, batch_id)
SELECT :from, json_extract(value, '$.skill_id'), json_extract(value, '$.relevance'),
       json_extract(value, '$.position'), json_extract(value, '$.hot_technology'),
       json_extract(value, '$.in_demand'), json_extract(value, '$.source_id'),
       json_extract(value, '$.batch_id')
FROM json_each(:snapshot, '$.skills')
WHERE EXISTS (SELECT 1 FROM skills WHERE id = json_extract(value, '$.skill_id'))
  AND (json_extract(value, '$.source_id') IS NULL
       OR EXISTS (SELECT 1 FROM sources WHERE id = json_extract(value, '$.source_id')))
ON CONFLICT DO NOTHING)sql",
    R"sql(DELETE FROM role_industries WHERE role_id = :into AND industry_id IN (
    SELECT json_extract(value, '$.industry_id') FROM json_each(:snapshot, '$.industries')
    WHERE json_extract(value, '$.moved')))sql",
    R"sql(INSERT INTO role_industries (role_id, industry_id, position, source_id, batch_id)
SELECT :from, json_extract(value, '$.industry_id'), json_extract(value, '$.position'),
       json_extract(value, '$.source_id'), json_extract(value, '$.batch_id')
FROM json_each(:snapshot, '$.industries')
WHERE EXISTS (SELECT 1 FROM industries WHERE id = json_extract(value, '$.industry_id'))
  AND (json_extract(value, '$.source_id') IS NULL
       OR EXISTS (SELECT 1 FROM sources WHERE id = json_extract(value, '$.source_id')))
ON CONFLICT DO NOTHING)sql",
    R"sql(DELETE FROM responsibilities WHERE role_id = :into AND (position, description) IN (
    SELECT json_extract(value, '$.position')
               + json_extract(:snapshot, '$.responsibility_offset'),
           json_extract(value, '$.description')
    FROM json_each(:snapshot, '$.responsibilities')))sql",
    R"sql(INSERT INTO responsibilities (role_id, position, description, source_id, batch_id,
                              task_id, task_type)
SELECT :from, json_extract(value, '$.position'), json_extract(value, '$.description'),
       json_extract(value, '$.source_id'), json_extract(value, '$.batch_id'),
       json_extract(value, '$.task_id'), json_extract(value, '$.task_type')
FROM json_each(:snapshot, '$.responsibilities')
WHERE json_extract(value, '$.source_id') IS NULL
   OR EXISTS (SELECT 1 FROM sources WHERE id = json_extract(value, '$.source_id'))
ON CONFLICT DO NOTHING)sql",
    R"sql(DELETE FROM role_sources WHERE role_id = :into AND source_id IN (
    SELECT json_extract(value, '$.source_id') FROM json_each(:snapshot, '$.sources')
    WHERE json_extract(value, '$.moved')))sql",
    R"sql(INSERT INTO role_sources (role_id, source_id, title, description, job_zone, batch_id)
SELECT :from, json_extract(value, '$.source_id'), json_extract(value, '$.title'),
       json_extract(value, '$.description'), json_extract(value, '$.job_zone'),
       json_extract(value, '$.batch_id')
FROM json_each(:snapshot, '$.sources')
WHERE EXISTS (SELECT 1 FROM sources WHERE id = json_extract(value, '$.source_id'))
ON CONFLICT DO NOTHING)sql",
    // A moved relation has INTO where FROM was.
    R"sql(DELETE FROM role_relations WHERE (role_id, source_id, related_role_id) IN (
    SELECT CASE json_extract(value, '$.role_id') WHEN :old THEN :into
           ELSE json_extract(value, '$.role_id') END,
           json_extract(value, '$.source_id'),
           CASE json_extract(value, '$.related_role_id') WHEN :old THEN :into
           ELSE json_extract(value, '$.related_role_id') END
    FROM json_each(:snapshot, '$.relations') WHERE json_extract(value, '$.moved')))sql",
    R"sql(INSERT INTO role_relations (role_id, related_role_id, source_id, tier, position,
                            batch_id)
SELECT ends.role_id, ends.related_role_id, ends.source_id, ends.tier, ends.position,
       ends.batch_id
FROM (SELECT CASE json_extract(value, '$.role_id') WHEN :old THEN :from
             ELSE json_extract(value, '$.role_id') END AS role_id,
             CASE json_extract(value, '$.related_role_id') WHEN :old THEN :from
             ELSE json_extract(value, '$.related_role_id') END AS related_role_id,
             json_extract(value, '$.source_id') AS source_id, json_extract(value, '$.tier') AS tier,
             json_extract(value, '$.position') AS position,
             json_extract(value, '$.batch_id') AS batch_id
      FROM json_each(:snapshot, '$.relations')) AS ends
WHERE EXISTS (SELECT 1 FROM roles WHERE id = ends.role_id)
  AND EXISTS (SELECT 1 FROM roles WHERE id = ends.related_role_id)
  AND EXISTS (SELECT 1 FROM sources WHERE id = ends.source_id)
ON CONFLICT DO NOTHING)sql",
    // The observations that moved and are still with INTO (the merge still stands, so the
    // history trigger lets them move back; the latest figures follow).
    R"sql(UPDATE salary_observations SET role_id = :from
WHERE role_id = :into
  AND id IN (SELECT value FROM json_each(:snapshot, '$.observations')))sql",
    R"sql(UPDATE role_merges SET into_role_id = :from
WHERE id IN (SELECT value FROM json_each(:snapshot, '$.merges')))sql",
};

struct UndoStatements {
    explicit UndoStatements(Database& database)
        : merge{database, "undoing a role merge",
                "SELECT m.from_name, m.from_role_id, m.into_role_id, m.snapshot, m.merged_at, "
                "m.undone_at, coalesce(r.name, ''), "
                "json_extract(m.snapshot, '$.into_role_id'), "
                "json_extract(m.snapshot, '$.role.slug'), json_extract(m.snapshot, "
                "'$.name_alias'), "
                "json_array_length(m.snapshot, '$.observations') "
                "FROM role_merges m LEFT JOIN roles r ON r.id = m.into_role_id WHERE m.id = "
                ":merge"},
          later{database, "undoing a role merge",
                "SELECT id FROM role_merges WHERE from_role_id = :role AND undone_at IS NULL "
                "AND id > :merge ORDER BY id LIMIT 1"},
          drop_name_alias{database, "undoing a role merge",
                          "DELETE FROM role_aliases WHERE alias = :name AND role_id = :into"},
          taken{database, "undoing a role merge",
                "SELECT name FROM roles WHERE slug = :slug OR name = :name LIMIT 1"},
          alias_owner{database, "undoing a role merge",
                      "SELECT r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id "
                      "WHERE a.alias = :name"},
          id_free{database, "undoing a role merge", "SELECT 1 FROM roles WHERE id = :id"},
          new_id{database, "undoing a role merge", "SELECT coalesce(max(id), 0) + 1 FROM roles"},
          renumber{database, "undoing a role merge",
                   "UPDATE role_merges SET from_role_id = :from WHERE id = :merge"},
          mark_undone{database, "undoing a role merge",
                      "UPDATE role_merges SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                      "WHERE id = :merge RETURNING undone_at"} {}

    Statement merge, later, drop_name_alias, taken, alias_owner, id_free, new_id, renumber,
        mark_undone;
};

} // namespace

RoleMerge undo_role_merge(Database& database, std::int64_t merge_id) {
    UndoStatements statements(database);
    WriteTransaction transaction(database);
    RoleMerge merge;
    merge.id = merge_id;
    std::string snapshot;
    std::int64_t into = 0;
    std::int64_t original_into = 0;
    std::string slug;
    bool name_alias = false;
    {
        auto row = statements.merge.use().bind(":merge", merge_id);
        if (!row.step()) {
            throw Error(ErrorCode::kNotFound, fmt::format("no role merge {}", merge_id),
                        Hint{HintKind::kListMerges, {}, {}});
        }
        merge.from = row.text(0);
        merge.from_role_id = row.int64(1);
        into = row.int64(2);
        snapshot = row.text(3);
        merge.merged_at = row.text(4);
        if (const auto undone = row.optional_text(5)) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("role merge {} was already undone at {}", merge_id, *undone));
        }
        merge.into = row.text(6);
        original_into = row.int64(7);
        slug = row.text(8);
        name_alias = row.integer(9) != 0;
        merge.observations = row.int64(10);
    }
    // INTO was merged into a third role since (which re-pointed this record): that merge holds
    // what this one moved, and must be undone first.
    if (into != original_into) {
        auto later = statements.later.use().bind(":role", original_into).bind(":merge", merge_id);
        const std::string which = later.step() ? later.text(0) : "";
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{} joined another role after merge {} (merge {}), which holds "
                                "what this merge moved",
                                merge.into, merge_id, which.empty() ? "?" : which),
                    Hint{HintKind::kUndoMergeFirst, {}, which});
    }
    if (name_alias) {
        statements.drop_name_alias.use().bind(":name", merge.from).bind(":into", into).exec();
    }
    {
        auto taken = statements.taken.use().bind(":slug", slug).bind(":name", merge.from);
        if (taken.step()) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("cannot put {} back: its name or slug '{}' is now the role "
                                    "{}'s",
                                    merge.from, slug, taken.text(0)));
        }
    }
    {
        auto owner = statements.alias_owner.use().bind(":name", merge.from);
        if (owner.step()) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("cannot put {} back: its name is an alias of {} now",
                                    merge.from, owner.text(0)),
                        Hint{HintKind::kRemoveAliasFirst, {}, owner.text(0)});
        }
    }
    const std::int64_t old_id = merge.from_role_id;
    // The id, unless a role created since has it (ids are reused when the merged role had the
    // highest): then a new one, and the record follows, so the observations may move to it.
    if (statements.id_free.use().bind(":id", old_id).step()) {
        merge.from_role_id = statements.new_id.use().single_row().int64(0);
        statements.renumber.use().bind(":from", merge.from_role_id).bind(":merge", merge_id).exec();
    }
    for (const char* sql : kRestores) {
        Statement restore(database, "undoing a role merge", sql);
        auto use = restore.use();
        // Each statement names only some of the parameters; the others are left unbound.
        const SQLite::Statement& parameters = use.raw();
        for (const auto& [name, value] : {std::pair{":from", merge.from_role_id},
                                          std::pair{":old", old_id}, std::pair{":into", into}}) {
            if (parameters.getIndex(name) > 0) {
                use.bind(name, value);
            }
        }
        if (parameters.getIndex(":snapshot") > 0) {
            use.bind(":snapshot", snapshot);
        }
        use.exec();
    }
    merge.undone_at = statements.mark_undone.use().bind(":merge", merge_id).single_row().text(0);
    transaction.commit();
    return merge;
}

} // namespace jobkb
