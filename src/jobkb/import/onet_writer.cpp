// OnetWriter: what a release says of a role, written over what the same or an earlier release
// said of it (onet_run.hpp).
#include "jobkb/import/onet_run.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace jobkb::detail {
namespace {

// Rows of O*NET releases: a source in :sources, a JSON array.
constexpr const char* kOnet = "source_id IN (SELECT value FROM json_each(:sources))";

std::string condition(std::string_view rest) {
    return fmt::format("role_id = :role AND {}{}", rest, kOnet);
}

const std::string kDescriptionRows = condition("");
const std::string kTaskRows = condition("task_id IS NOT NULL AND ");
const std::string kTechnologyRows = condition("relevance = 'technology' AND ");
const std::string kRelationRows = condition("");

} // namespace

struct OnetWriter::Statements {
    Statements(Database& db, std::string_view doing)
        : descriptions{db, doing,
                       std::string("SELECT source_id, title, description, job_zone FROM "
                                   "role_sources WHERE role_id = :role AND ") +
                           kOnet},
          insert_description{db, doing,
                             "INSERT INTO role_sources (role_id, source_id, title, description, "
                             "job_zone, batch_id) VALUES (:role, :source, :title, :description, "
                             ":zone, :batch)"},
          has_code{db, doing,
                   "SELECT 1 FROM role_codes WHERE scheme = 'onet-soc-2019' AND code = :code AND "
                   "role_id = :role"},
          insert_code{db, doing,
                      "INSERT INTO role_codes (role_id, scheme, code, relation, source_id, "
                      "batch_id) VALUES (:role, 'onet-soc-2019', :code, 'is', :source, :batch)"},
          titles{db, doing,
                 std::string("SELECT title, kind, ") + kOnet +
                     ", source_id FROM role_titles WHERE role_id = :role"},
          insert_title{db, doing,
                       "INSERT INTO role_titles (title, role_id, kind, source_id, batch_id) "
                       "VALUES (:title, :role, :kind, :source, :batch)"},
          tasks{db, doing,
                std::string("SELECT task_id, description, task_type, source_id FROM "
                            "responsibilities WHERE ") +
                    kTaskRows + " ORDER BY position"},
          last_position{db, doing,
                        "SELECT coalesce(max(position), 0) FROM responsibilities WHERE role_id = "
                        ":role"},
          insert_task{db, doing,
                      "INSERT INTO responsibilities (role_id, position, description, source_id, "
                      "batch_id, task_id, task_type) VALUES (:role, :position, :description, "
                      ":source, :batch, :task, :type)"},
          technology{db, doing,
                     std::string("SELECT skill_id, hot_technology, in_demand, ") + kOnet +
                         ", source_id FROM role_skills WHERE role_id = :role AND relevance = "
                         "'technology' ORDER BY position"},
          insert_technology{db, doing,
                            "INSERT INTO role_skills (role_id, skill_id, relevance, position, "
                            "hot_technology, in_demand, source_id, batch_id) VALUES (:role, "
                            ":skill, 'technology', :position, :hot, :demand, :source, :batch)"},
          relations{db, doing,
                    std::string("SELECT related_role_id, tier, position, source_id FROM "
                                "role_relations WHERE ") +
                        kRelationRows + " ORDER BY position, related_role_id"},
          insert_relation{db, doing,
                          "INSERT INTO role_relations (role_id, related_role_id, source_id, tier, "
                          "position, batch_id) VALUES (:role, :related, :source, :tier, "
                          ":position, :batch)"} {}

    Statement descriptions;
    Statement insert_description;
    Statement has_code;
    Statement insert_code;
    Statement titles;
    Statement insert_title;
    Statement tasks;
    Statement last_position;
    Statement insert_task;
    Statement technology;
    Statement insert_technology;
    Statement relations;
    Statement insert_relation;
};

OnetWriter::OnetWriter(Database& database, std::string_view doing, std::int64_t batch_id,
                       std::int64_t source_id, std::string onet_sources, ChangeLog& log)
    : doing_(doing), batch_id_(batch_id), source_id_(source_id),
      onet_sources_(std::move(onet_sources)), log_(log),
      sql_(std::make_unique<Statements>(database, doing)) {}

OnetWriter::~OnetWriter() = default;

namespace {

// Removes the role's rows of O*NET releases that `where` selects, into the change log.
std::int64_t replace(ChangeLog& log, const char* table, const std::string& where, std::int64_t role,
                     const std::string& sources) {
    return log.remove_where(table, where.c_str(), [&](Statement::Use& use) {
        use.bind(":role", role).bind(":sources", sources);
    });
}

} // namespace

Replaced OnetWriter::description(std::int64_t role, const std::string& title,
                                 const std::string& description,
                                 std::optional<std::int64_t> job_zone) {
    int rows = 0;
    bool same = false;
    for (auto row = sql_->descriptions.use().bind(":role", role).bind(":sources", onet_sources_);
         row.step();) {
        ++rows;
        same = row.int64(0) == source_id_ && row.text(1) == title && row.text(2) == description &&
               row.optional_int64(3) == job_zone;
    }
    if (rows == 1 && same) {
        return {};
    }
    Replaced done;
    done.removed = replace(log_, "role_sources", kDescriptionRows, role, onet_sources_);
    sql_->insert_description.use()
        .bind(":role", role)
        .bind(":source", source_id_)
        .bind(":title", title)
        .bind(":description", description)
        .bind(":zone", job_zone)
        .bind(":batch", batch_id_)
        .exec();
    done.added = 1;
    return done;
}

Replaced OnetWriter::code(std::int64_t role, const std::string& code) {
    if (sql_->has_code.use().bind(":code", code).bind(":role", role).step()) {
        return {};
    }
    sql_->insert_code.use()
        .bind(":role", role)
        .bind(":code", code)
        .bind(":source", source_id_)
        .bind(":batch", batch_id_)
        .exec();
    return {1, 0};
}

Replaced OnetWriter::titles(std::int64_t role, const char* kinds, const std::vector<TitleRow>& rows,
                            const char* clear_kinds) {
    Replaced done;
    if (clear_kinds != nullptr) {
        // Titles come from three files, and one title may move between them from release to
        // release (reported, then alternate): an earlier release's titles go all at once, before
        // this release's first file of titles, so they cannot stand in the way.
        const std::string where =
            condition(std::string("kind IN ") + clear_kinds + " AND source_id <> :this AND ");
        done.removed = log_.remove_where("role_titles", where.c_str(), [&](Statement::Use& use) {
            use.bind(":role", role).bind(":sources", onet_sources_).bind(":this", source_id_);
        });
    }
    const std::string kind_list = kinds; // "('alternate', 'short')"
    const auto of_these_kinds = [&](const std::string& kind) {
        return kind_list.find("'" + kind + "'") != std::string::npos;
    };
    std::set<std::pair<std::string, std::string>> existing; // (lower-case title, kind)
    std::set<std::string> taken;                            // titles the role has otherwise
    bool all_this_release = true;
    for (auto row = sql_->titles.use().bind(":sources", onet_sources_).bind(":role", role);
         row.step();) {
        const std::string title = ascii_lowered(row.text(0));
        if (row.integer(2) == 1 && of_these_kinds(row.text(1))) {
            existing.emplace(title, row.text(1));
            all_this_release = all_this_release && row.int64(3) == source_id_;
        } else {
            taken.insert(title);
        }
    }
    std::vector<const TitleRow*> wanted;
    std::set<std::pair<std::string, std::string>> wanted_keys;
    std::set<std::string> wanted_titles;
    for (const TitleRow& row : rows) {
        const std::string title = ascii_lowered(row.title);
        if (taken.count(title) || !wanted_titles.insert(title).second) {
            continue; // another source or file has it, or the release names it twice
        }
        wanted.push_back(&row);
        wanted_keys.emplace(title, row.kind);
    }
    if (all_this_release && existing == wanted_keys) {
        return done;
    }
    done.removed +=
        replace(log_, "role_titles", condition(std::string("kind IN ") + kinds + " AND "), role,
                onet_sources_);
    for (const TitleRow* row : wanted) {
        sql_->insert_title.use()
            .bind(":title", row->title)
            .bind(":role", role)
            .bind(":kind", row->kind)
            .bind(":source", source_id_)
            .bind(":batch", batch_id_)
            .exec();
        ++done.added;
    }
    return done;
}

Replaced OnetWriter::tasks(std::int64_t role, const std::vector<TaskRow>& rows) {
    // Core tasks first, then supplemental ones, then those of no type, each in the file's order.
    std::vector<const TaskRow*> ordered;
    for (const char* type : {"core", "supplemental", ""}) {
        for (const TaskRow& row : rows) {
            if (row.type.value_or("") == type) {
                ordered.push_back(&row);
            }
        }
    }
    bool same = true;
    std::size_t count = 0;
    for (auto row = sql_->tasks.use().bind(":role", role).bind(":sources", onet_sources_);
         row.step(); ++count) {
        same = same && count < ordered.size() && row.int64(0) == ordered[count]->task_id &&
               row.text(1) == ordered[count]->description &&
               row.optional_text(2) == ordered[count]->type && row.int64(3) == source_id_;
    }
    if (same && count == ordered.size()) {
        return {};
    }
    Replaced done;
    done.removed = replace(log_, "responsibilities", kTaskRows, role, onet_sources_);
    std::int64_t position = sql_->last_position.use().bind(":role", role).single_row().int64(0);
    for (const TaskRow* row : ordered) {
        sql_->insert_task.use()
            .bind(":role", role)
            .bind(":position", ++position)
            .bind(":description", row->description)
            .bind(":source", source_id_)
            .bind(":batch", batch_id_)
            .bind(":task", row->task_id)
            .bind(":type", row->type)
            .exec();
        ++done.added;
    }
    return done;
}

Replaced OnetWriter::technology(std::int64_t role, const std::vector<TechnologyRow>& rows) {
    std::vector<std::tuple<std::int64_t, bool, bool>> existing;
    std::set<std::int64_t> taken; // technology links of other sources
    bool all_this_release = true;
    for (auto row = sql_->technology.use().bind(":sources", onet_sources_).bind(":role", role);
         row.step();) {
        if (row.integer(3) == 1) {
            existing.emplace_back(row.int64(0), row.integer(1) == 1, row.integer(2) == 1);
            all_this_release = all_this_release && row.int64(4) == source_id_;
        } else {
            taken.insert(row.int64(0));
        }
    }
    std::vector<std::tuple<std::int64_t, bool, bool>> wanted;
    std::set<std::int64_t> seen;
    for (const TechnologyRow& row : rows) {
        if (!taken.count(row.skill_id) && seen.insert(row.skill_id).second) {
            wanted.emplace_back(row.skill_id, row.hot, row.in_demand);
        }
    }
    if (all_this_release && existing == wanted) {
        return {};
    }
    Replaced done;
    done.removed = replace(log_, "role_skills", kTechnologyRows, role, onet_sources_);
    std::int64_t position = 0;
    for (const auto& [skill, hot, demand] : wanted) {
        sql_->insert_technology.use()
            .bind(":role", role)
            .bind(":skill", skill)
            .bind(":position", ++position)
            .bind(":hot", hot ? 1 : 0)
            .bind(":demand", demand ? 1 : 0)
            .bind(":source", source_id_)
            .bind(":batch", batch_id_)
            .exec();
        ++done.added;
    }
    return done;
}

Replaced OnetWriter::relations(std::int64_t role, const std::vector<RelationRow>& rows) {
    std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> wanted; // position, role
    std::set<std::int64_t> seen;
    for (const RelationRow& row : rows) {
        if (row.related_role_id != role && seen.insert(row.related_role_id).second) {
            wanted.emplace_back(row.position, row.related_role_id, row.tier);
        }
    }
    std::sort(wanted.begin(), wanted.end());
    std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> existing;
    bool all_this_release = true;
    for (auto row = sql_->relations.use().bind(":role", role).bind(":sources", onet_sources_);
         row.step();) {
        existing.emplace_back(row.int64(2), row.int64(0), row.text(1));
        all_this_release = all_this_release && row.int64(3) == source_id_;
    }
    if (all_this_release && existing == wanted) {
        return {};
    }
    Replaced done;
    done.removed = replace(log_, "role_relations", kRelationRows, role, onet_sources_);
    for (const auto& [position, related, tier] : wanted) {
        sql_->insert_relation.use()
            .bind(":role", role)
            .bind(":related", related)
            .bind(":source", source_id_)
            .bind(":tier", tier)
            .bind(":position", position)
            .bind(":batch", batch_id_)
            .exec();
        ++done.added;
    }
    return done;
}

} // namespace jobkb::detail
