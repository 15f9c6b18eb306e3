// `jobkb role merge FROM INTO` and `jobkb merges`: two roles become one, recorded so that
// undo_role_merge() (merge_undo.cpp) can part them again.
#include "jobkb/role_management.hpp"

#include "jobkb/error.hpp"
#include "jobkb/names.hpp"
#include "jobkb/role_management/merge_snapshot.hpp"
#include "jobkb/statement.hpp"

#include <fmt/format.h>

namespace jobkb {
namespace {

using detail::Statement;

// What INTO already has of FROM's, so INTO's stays: for the report.
constexpr const char* kKept = R"sql(
SELECT 'skill ' || s.name FROM role_skills f JOIN skills s ON s.id = f.skill_id
WHERE f.role_id = :from
  AND EXISTS (SELECT 1 FROM role_skills i WHERE i.role_id = :into AND i.skill_id = f.skill_id)
UNION ALL
SELECT 'industry ' || n.name FROM role_industries f JOIN industries n ON n.id = f.industry_id
WHERE f.role_id = :from
  AND EXISTS (SELECT 1 FROM role_industries i
              WHERE i.role_id = :into AND i.industry_id = f.industry_id)
UNION ALL
SELECT 'title ' || f.title FROM role_titles f
WHERE f.role_id = :from
  AND EXISTS (SELECT 1 FROM role_titles i WHERE i.role_id = :into AND i.title = f.title)
UNION ALL
SELECT 'code ' || f.code FROM role_codes f
WHERE f.role_id = :from
  AND EXISTS (SELECT 1 FROM role_codes i
              WHERE i.scheme = f.scheme AND i.code = f.code AND i.role_id = :into)
UNION ALL
SELECT 'description by ' || s.title FROM role_sources f JOIN sources s ON s.id = f.source_id
WHERE f.role_id = :from
  AND EXISTS (SELECT 1 FROM role_sources i WHERE i.role_id = :into AND i.source_id = f.source_id)
)sql";

// The moves, in order; each binds :from and :into (and what its comment says). Rows INTO has
// already stay where they are and go with FROM's row when it is deleted (ON DELETE CASCADE).
struct MergeStatements {
    explicit MergeStatements(Database& database)
        : snapshot{database, "merging roles", detail::kMergeSnapshot}, kept{database,
                                                                            "merging roles", kKept},
          record{database, "merging roles",
                 "INSERT INTO role_merges (from_role_id, from_name, into_role_id, snapshot, "
                 "merged_at) VALUES (:from, :name, :into, :snapshot, "
                 "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING id, merged_at"},
          observations{database, "merging roles",
                       "UPDATE salary_observations SET role_id = :into WHERE role_id = :from"},
          aliases{database, "merging roles",
                  "UPDATE role_aliases SET role_id = :into WHERE role_id = :from"},
          titles{database, "merging roles",
                 "UPDATE role_titles SET role_id = :into WHERE role_id = :from AND NOT EXISTS ("
                 "SELECT 1 FROM role_titles i WHERE i.role_id = :into "
                 "AND i.title = role_titles.title)"},
          codes{database, "merging roles",
                "UPDATE role_codes SET role_id = :into WHERE role_id = :from AND NOT EXISTS ("
                "SELECT 1 FROM role_codes i WHERE i.scheme = role_codes.scheme "
                "AND i.code = role_codes.code AND i.role_id = :into)"},
          // :key, :mentioned, :technology: INTO's last position of each relevance.
          skills{database, "merging roles",
                 "UPDATE role_skills SET role_id = :into, position = position + CASE relevance "
                 "WHEN 'key' THEN :key WHEN 'mentioned' THEN :mentioned ELSE :technology END "
                 "WHERE role_id = :from AND NOT EXISTS (SELECT 1 FROM role_skills i "
                 "WHERE i.role_id = :into AND i.skill_id = role_skills.skill_id)"},
          // INTO's last positions, which FROM's lists follow: key, mentioned and technology
          // skills, industries, responsibilities (as the snapshot's responsibility_offset).
          ends{database, "merging roles",
               "SELECT (SELECT coalesce(max(position), 0) FROM role_skills "
               "WHERE role_id = :into AND relevance = 'key'), "
               "(SELECT coalesce(max(position), 0) FROM role_skills "
               "WHERE role_id = :into AND relevance = 'mentioned'), "
               "(SELECT coalesce(max(position), 0) FROM role_skills "
               "WHERE role_id = :into AND relevance = 'technology'), "
               "(SELECT coalesce(max(position), 0) FROM role_industries WHERE role_id = :into), "
               "(SELECT coalesce(max(position), 0) FROM responsibilities WHERE role_id = :into)"},
          // :offset: INTO's last position.
          industries{database, "merging roles",
                     "UPDATE role_industries SET role_id = :into, position = position + :offset "
                     "WHERE role_id = :from AND NOT EXISTS (SELECT 1 FROM role_industries i "
                     "WHERE i.role_id = :into AND i.industry_id = role_industries.industry_id)"},
          responsibilities{database, "merging roles",
                           "UPDATE responsibilities SET role_id = :into, position = position + "
                           ":offset WHERE role_id = :from"},
          sources{database, "merging roles",
                  "UPDATE role_sources SET role_id = :into WHERE role_id = :from AND NOT EXISTS ("
                  "SELECT 1 FROM role_sources i WHERE i.role_id = :into "
                  "AND i.source_id = role_sources.source_id)"},
          relations_from{database, "merging roles",
                         "UPDATE role_relations SET role_id = :into WHERE role_id = :from "
                         "AND related_role_id <> :into AND NOT EXISTS (SELECT 1 FROM "
                         "role_relations i WHERE i.role_id = :into AND i.source_id = "
                         "role_relations.source_id AND i.related_role_id = "
                         "role_relations.related_role_id)"},
          relations_to{database, "merging roles",
                       "UPDATE role_relations SET related_role_id = :into WHERE related_role_id "
                       "= :from AND role_id <> :into AND NOT EXISTS (SELECT 1 FROM "
                       "role_relations i WHERE i.role_id = role_relations.role_id AND "
                       "i.source_id = role_relations.source_id AND i.related_role_id = :into)"},
          // :merge: the new merge, which names FROM as its own.
          repoint{database, "merging roles",
                  "UPDATE role_merges SET into_role_id = :into WHERE into_role_id = :from "
                  "AND id <> :merge"},
          remove{database, "merging roles", "DELETE FROM roles WHERE id = :from"},
          // :name: FROM's name, once its row is gone (an alias may not be another role's name).
          name_alias{database, "merging roles",
                     "INSERT INTO role_aliases (alias, role_id) VALUES (:name, :into) "
                     "ON CONFLICT DO NOTHING"},
          all{database, "listing role merges",
              "SELECT m.id, m.from_name, m.from_role_id, coalesce(r.name, ''), m.merged_at, "
              "m.undone_at, json_array_length(m.snapshot, '$.observations') "
              "FROM role_merges m LEFT JOIN roles r ON r.id = m.into_role_id ORDER BY m.id"} {}

    Statement snapshot, kept, record, observations, aliases, titles, codes, skills, ends,
        industries, responsibilities, sources, relations_from, relations_to, repoint, remove,
        name_alias, all;
};

std::int64_t move(Statement& statement, std::int64_t from, std::int64_t into) {
    return statement.use().bind(":from", from).bind(":into", into).exec();
}

} // namespace

MergeReport merge_roles(Database& database, const std::string& from_name,
                        const std::string& into_name) {
    NameResolver names(database);
    const NamedId from = names.resolve(NameKind::kRole, from_name);
    const NamedId into = names.resolve(NameKind::kRole, into_name);
    if (from.id == into.id) {
        throw Error(ErrorCode::kInvalidArgument, fmt::format("'{}' and '{}' are the same role, {}",
                                                             from_name, into_name, from.name));
    }
    MergeStatements statements(database);
    WriteTransaction transaction(database);
    MergeReport report;
    report.merge.from = from.name;
    report.merge.from_role_id = from.id;
    report.merge.into = into.name;
    for (auto row = statements.kept.use().bind(":from", from.id).bind(":into", into.id);
         row.step();) {
        report.kept.push_back(row.text(0));
    }
    const std::string snapshot = statements.snapshot.use()
                                     .bind(":from", from.id)
                                     .bind(":into", into.id)
                                     .single_row()
                                     .text(0);
    // The record first: while it stands, the history trigger lets the observations move.
    {
        auto record = statements.record.use()
                          .bind(":from", from.id)
                          .bind(":name", from.name)
                          .bind(":into", into.id)
                          .bind(":snapshot", snapshot)
                          .single_row();
        report.merge.id = record.int64(0);
        report.merge.merged_at = record.text(1);
    }
    report.observations = move(statements.observations, from.id, into.id);
    report.merge.observations = report.observations;
    report.aliases = move(statements.aliases, from.id, into.id);
    report.titles = move(statements.titles, from.id, into.id);
    report.codes = move(statements.codes, from.id, into.id);
    std::int64_t ends[5] = {0, 0, 0, 0, 0};
    {
        auto row = statements.ends.use().bind(":into", into.id).single_row();
        for (int i = 0; i < 5; ++i) {
            ends[i] = row.int64(i);
        }
    }
    report.links += statements.skills.use()
                        .bind(":from", from.id)
                        .bind(":into", into.id)
                        .bind(":key", ends[0])
                        .bind(":mentioned", ends[1])
                        .bind(":technology", ends[2])
                        .exec();
    for (auto [statement, end] : {std::pair{&statements.industries, ends[3]},
                                  std::pair{&statements.responsibilities, ends[4]}}) {
        report.links += statement->use()
                            .bind(":from", from.id)
                            .bind(":into", into.id)
                            .bind(":offset", end)
                            .exec();
    }
    report.links += move(statements.sources, from.id, into.id);
    report.links += move(statements.relations_from, from.id, into.id);
    report.links += move(statements.relations_to, from.id, into.id);
    statements.repoint.use()
        .bind(":from", from.id)
        .bind(":into", into.id)
        .bind(":merge", report.merge.id)
        .exec();
    statements.remove.use().bind(":from", from.id).exec();
    report.aliases +=
        statements.name_alias.use().bind(":name", from.name).bind(":into", into.id).exec();
    transaction.commit();
    return report;
}

std::vector<RoleMerge> list_role_merges(Database& database) {
    MergeStatements statements(database);
    std::vector<RoleMerge> merges;
    for (auto row = statements.all.use(); row.step();) {
        RoleMerge merge;
        merge.id = row.int64(0);
        merge.from = row.text(1);
        merge.from_role_id = row.int64(2);
        merge.into = row.text(3);
        merge.merged_at = row.text(4);
        merge.undone_at = row.optional_text(5);
        merge.observations = row.int64(6);
        merges.push_back(std::move(merge));
    }
    return merges;
}

} // namespace jobkb
