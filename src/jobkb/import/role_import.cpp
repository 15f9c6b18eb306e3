// import_roles(): roles with their codes, names, skills, industries and responsibilities, as a
// kind of file import (file_import.hpp). What it changes in rows it did not create goes to the
// batch's change log (change_log.hpp), so that undo puts back exactly what was there.
#include "jobkb/role_import.hpp"
#include "jobkb/import/change_log.hpp"
#include "jobkb/import/file_import.hpp"
#include "jobkb/import/role_fields.hpp"
#include "jobkb/import/role_lookups.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <optional>

namespace jobkb {
namespace {

using namespace jobkb::detail;

// The statements that read and write one role's links.
struct RoleStatements {
    RoleStatements(Database& db, std::string_view doing)
        : role{db, doing, "SELECT name, summary, batch_id FROM roles WHERE id = :role"},
          update_summary{db, doing, "UPDATE roles SET summary = :summary WHERE id = :role"},
          code{db, doing,
               "SELECT relation FROM role_codes WHERE scheme = :scheme AND code = :code AND "
               "role_id = :role"},
          insert_code{db, doing,
                      "INSERT INTO role_codes (role_id, scheme, code, relation, source_id, "
                      "batch_id) VALUES (:role, :scheme, :code, :relation, :source, :batch)"},
          insert_alias{db, doing,
                       "INSERT INTO role_aliases (alias, role_id, batch_id) VALUES (:alias, "
                       ":role, :batch)"},
          title{db, doing, "SELECT 1 FROM role_titles WHERE title = :title AND role_id = :role"},
          insert_title{db, doing,
                       "INSERT INTO role_titles (title, role_id, kind, source_id, batch_id) "
                       "VALUES (:title, :role, 'user', :source, :batch)"},
          skill_link{db, doing,
                     "SELECT relevance, batch_id FROM role_skills WHERE role_id = :role AND "
                     "skill_id = :skill AND relevance IN ('key', 'mentioned')"},
          remove_skill_link{db, doing,
                            "DELETE FROM role_skills WHERE role_id = :role AND skill_id = :skill "
                            "AND relevance = :relevance"},
          last_skill{db, doing,
                     "SELECT coalesce(max(position), 0) FROM role_skills WHERE role_id = :role "
                     "AND relevance = :relevance"},
          insert_skill_link{db, doing,
                            "INSERT INTO role_skills (role_id, skill_id, relevance, position, "
                            "source_id, batch_id) VALUES (:role, :skill, :relevance, :position, "
                            ":source, :batch)"},
          industry_link{db, doing,
                        "SELECT 1 FROM role_industries WHERE role_id = :role AND industry_id = "
                        ":industry"},
          last_industry{db, doing,
                        "SELECT coalesce(max(position), 0) FROM role_industries WHERE role_id = "
                        ":role"},
          insert_industry_link{db, doing,
                               "INSERT INTO role_industries (role_id, industry_id, position, "
                               "source_id, batch_id) VALUES (:role, :industry, :position, "
                               ":source, :batch)"},
          responsibility{db, doing,
                         "SELECT 1 FROM responsibilities WHERE role_id = :role AND task_id IS "
                         "NULL AND description = :description COLLATE NOCASE"},
          last_responsibility{db, doing,
                              "SELECT coalesce(max(position), 0) FROM responsibilities WHERE "
                              "role_id = :role"},
          insert_responsibility{db, doing,
                                "INSERT INTO responsibilities (role_id, position, description, "
                                "source_id, batch_id) VALUES (:role, :position, :description, "
                                ":source, :batch)"} {}

    Statement role;
    Statement update_summary;
    Statement code;
    Statement insert_code;
    Statement insert_alias;
    Statement title;
    Statement insert_title;
    Statement skill_link;
    Statement remove_skill_link;
    Statement last_skill;
    Statement insert_skill_link;
    Statement industry_link;
    Statement last_industry;
    Statement insert_industry_link;
    Statement responsibility;
    Statement last_responsibility;
    Statement insert_responsibility;
};

std::string in_quotes(std::string_view text) { return "'" + elided(text, 80) + "'"; }

class RoleRows : public RowImporter {
public:
    explicit RoleRows(RoleImportReport& report)
        : report_(report), seen_(kMaxKnownNames, kMaxRememberedNameBytes),
          claimed_(kMaxKnownNames, kMaxRememberedNameBytes) {}

    void begin(FileImport& run) override {
        run_ = &run;
        Database& database = run.database();
        roles_.emplace(database, run.doing());
        skills_.emplace(database, NameKind::kSkill, run.doing(), run.batch_id());
        industries_.emplace(database, NameKind::kIndustry, run.doing(), run.batch_id());
        log_.emplace(database, run.doing(), run.batch_id());
        sql_.emplace(database, run.doing());
    }

    bool accept(const Record& record, FieldTexts& texts, bool write,
                std::vector<Diagnostic>& problems) override {
        auto role = validate_role(texts, problems);
        if (!role) {
            return false;
        }
        const auto found = find(*role, record.line, problems);
        if (!found || !problems.empty()) {
            return false;
        }
        if (write) {
            RoleChange change = this->write(*role, *found);
            if (changed(change)) {
                ++changed_rows_;
                report_.roles_created += change.created ? 1 : 0;
                if (report_.changes.size() < kMaxReportedRoleChanges) {
                    report_.changes.push_back(std::move(change));
                }
                ++report_.change_count;
            }
        }
        return true;
    }

    std::int64_t finish_rows() override { return changed_rows_; }
    std::string_view content() const override { return kRoleContent; }

    void report() override {
        report_.created_skills = skills_->created();
        report_.created_skill_count = skills_->created_count();
        report_.created_industries = industries_->created();
        report_.created_industry_count = industries_->created_count();
    }

private:
    // The role a row names: found by a code it is, else by name; 0 for a new one.
    struct Found {
        std::int64_t id = 0;
        std::string name;           // the role's name in the base, or the row's for a new one
        bool name_is_alias = false; // found by code under a name the base does not know
    };

    void problem(std::vector<Diagnostic>& problems, RoleField field, std::string text,
                 std::string expected) {
        problems.push_back({{},
                            0,
                            std::string(kRoleImportFields[field]),
                            std::move(text),
                            std::move(expected),
                            {}});
    }

    std::string name_of(std::int64_t id) {
        auto row = sql_->role.use().bind(":role", id).single_row();
        return row.text(0);
    }

    std::optional<Found> find(const ValidRole& role, std::size_t line,
                              std::vector<Diagnostic>& problems) {
        Found found;
        std::optional<std::int64_t> by_code;
        for (const auto& item : role.codes) {
            if (item.relation != CodeRelation::kIs) {
                continue;
            }
            const auto id = roles_->by_code(item.code);
            if (id && by_code && *id != *by_code) {
                problem(problems, kCodes,
                        fmt::format("the codes are of two roles, {} and {}", name_of(*by_code),
                                    name_of(*id)),
                        "the codes of one role, with within: for broader occupations");
                return std::nullopt;
            }
            by_code = by_code ? by_code : id;
        }
        const auto by_name = roles_->by_name(role.name);
        if (by_code && by_name && by_name->id != *by_code) {
            problem(problems, kCodes,
                    fmt::format("the codes are {}'s, but {} names {}", name_of(*by_code),
                                in_quotes(role.name), by_name->name),
                    "one role's name and codes, or within:CODE for a specialisation");
            return std::nullopt;
        }
        if (by_code) {
            found = {*by_code, name_of(*by_code), !by_name};
        } else if (by_name) {
            found = {by_name->id, by_name->name, false};
        } else {
            found = {0, role.name, false};
        }
        // Each role once: a second row for it would be a second, conflicting account of it. A
        // role is its name (unique, letter case aside), whether the base has it yet or not.
        const std::string key = ascii_lowered(found.name);
        if (const std::size_t* first = seen_.find(key)) {
            problem(
                problems, kRoleName,
                fmt::format("{} is named again (first on line {})", in_quotes(found.name), *first),
                "each role once");
            return std::nullopt;
        }
        for (const auto& item : role.codes) {
            check_code(item, found, key, line, problems);
        }
        for (const auto& alias : role.aliases) {
            if (equals_ignoring_case(alias, found.name) || equals_ignoring_case(alias, role.name)) {
                continue;
            }
            const auto named = roles_->named(alias);
            const auto of = roles_->alias_of(alias);
            if (named && *named != found.id) {
                problem(problems, kAliases,
                        fmt::format("{} is the name of another role", in_quotes(alias)),
                        "a name no other role has");
            } else if (of && *of != found.id) {
                problem(problems, kAliases,
                        fmt::format("{} is already an alias of {}", in_quotes(alias), name_of(*of)),
                        "a name no other role has");
            }
        }
        if (!problems.empty()) {
            return std::nullopt;
        }
        seen_.remember(key, line);
        for (const auto& item : role.codes) {
            if (item.relation == CodeRelation::kIs) {
                claimed_.remember(item.code.scheme + ":" + item.code.code, {key, line});
            }
        }
        return found;
    }

    void check_code(const RoleCodeItem& item, const Found& found, const std::string& key,
                    std::size_t line, std::vector<Diagnostic>& problems) {
        const std::string& code = item.code.code;
        if (item.relation == CodeRelation::kIs) {
            if (const auto* claim = claimed_.find(item.code.scheme + ":" + code);
                claim && claim->first != key) {
                problem(problems, kCodes,
                        fmt::format("{} is claimed by the role on line {}", code, claim->second),
                        "each occupation code to be one role's, with within: for a "
                        "specialisation");
                return;
            }
            if (const auto owner = roles_->by_code(item.code); owner && *owner != found.id) {
                problem(problems, kCodes,
                        fmt::format("{} is already the occupation of {}", code, name_of(*owner)),
                        "within:" + code + " for a specialisation of it");
                return;
            }
        }
        if (found.id == 0) {
            return;
        }
        auto row = sql_->code.use()
                       .bind(":scheme", item.code.scheme)
                       .bind(":code", code)
                       .bind(":role", found.id);
        if (row.step() && row.text(0) != to_string(item.relation)) {
            problem(problems, kCodes,
                    fmt::format("{} is {} {} in the base, the file says {}", found.name,
                                row.text(0), code, to_string(item.relation)),
                    "the relation the base has (an import adds codes, it does not change them)");
        }
        (void)line;
    }

    static bool changed(const RoleChange& c) {
        return c.created || c.summary_changed ||
               c.codes + c.aliases + c.titles + c.key_skills + c.mentioned_skills + c.industries +
                       c.responsibilities >
                   0;
    }

    RoleChange write(const ValidRole& role, const Found& found) {
        const std::int64_t batch = run_->batch_id();
        const std::int64_t source = run_->batch_source();
        RoleChange change;
        change.role = found.name;
        std::int64_t id = found.id;
        if (id == 0) {
            id = roles_->create(role.name, role.summary, source, batch);
            change.created = true;
        } else if (role.summary) {
            std::optional<std::string> summary;
            std::optional<std::int64_t> role_batch;
            {
                auto row = sql_->role.use().bind(":role", id).single_row();
                summary = row.optional_text(1);
                role_batch = row.optional_int64(2);
            }
            if (summary != role.summary) {
                if (role_batch != batch) {
                    log_->before_update("roles", {{"id", id}});
                }
                sql_->update_summary.use().bind(":summary", *role.summary).bind(":role", id).exec();
                change.summary_changed = true;
            }
        }
        for (const auto& item : role.codes) {
            if (change.created || !sql_->code.use()
                                       .bind(":scheme", item.code.scheme)
                                       .bind(":code", item.code.code)
                                       .bind(":role", id)
                                       .step()) {
                sql_->insert_code.use()
                    .bind(":role", id)
                    .bind(":scheme", item.code.scheme)
                    .bind(":code", item.code.code)
                    .bind(":relation", to_string(item.relation))
                    .bind(":source", source)
                    .bind(":batch", batch)
                    .exec();
                ++change.codes;
            }
        }
        // A role found by code under a name the base does not know learns the name.
        std::vector<const std::string*> aliases;
        if (found.name_is_alias) {
            aliases.push_back(&role.name);
        }
        for (const auto& alias : role.aliases) {
            aliases.push_back(&alias);
        }
        for (const std::string* name : aliases) {
            const std::string& alias = *name;
            if (equals_ignoring_case(alias, change.created ? role.name : found.name) ||
                roles_->alias_of(alias)) {
                continue; // the role's own name, or already its alias (checked in find())
            }
            sql_->insert_alias.use()
                .bind(":alias", alias)
                .bind(":role", id)
                .bind(":batch", batch)
                .exec();
            ++change.aliases;
        }
        for (const auto& title : role.titles) {
            if (!sql_->title.use().bind(":title", title).bind(":role", id).step()) {
                sql_->insert_title.use()
                    .bind(":title", title)
                    .bind(":role", id)
                    .bind(":source", source)
                    .bind(":batch", batch)
                    .exec();
                ++change.titles;
            }
        }
        change.key_skills = link_skills(id, role.key_skills, "key");
        change.mentioned_skills = link_skills(id, role.mentioned_skills, "mentioned");
        change.industries = link_industries(id, role.industries);
        change.responsibilities = add_responsibilities(id, role.responsibilities);
        return change;
    }

    std::int64_t link_skills(std::int64_t role, const std::vector<std::string>& names,
                             const char* relevance) {
        std::int64_t added = 0;
        std::int64_t position = sql_->last_skill.use()
                                    .bind(":role", role)
                                    .bind(":relevance", relevance)
                                    .single_row()
                                    .int64(0);
        for (const auto& name : names) {
            const auto found = skills_->find(name);
            const std::int64_t skill = found ? *found : skills_->create(name);
            std::optional<std::string> had;
            std::optional<std::int64_t> had_batch;
            if (found) {
                auto link = sql_->skill_link.use().bind(":role", role).bind(":skill", skill);
                if (link.step()) {
                    had = link.text(0);
                    had_batch = link.optional_int64(1);
                }
            }
            if (had == relevance) {
                continue;
            }
            if (had) { // the file makes a mentioned skill key, or a key skill mentioned
                if (had_batch == run_->batch_id()) {
                    sql_->remove_skill_link.use()
                        .bind(":role", role)
                        .bind(":skill", skill)
                        .bind(":relevance", *had)
                        .exec();
                } else {
                    log_->remove("role_skills",
                                 {{"role_id", role}, {"skill_id", skill}, {"relevance", *had}});
                }
            }
            sql_->insert_skill_link.use()
                .bind(":role", role)
                .bind(":skill", skill)
                .bind(":relevance", relevance)
                .bind(":position", ++position)
                .bind(":source", run_->batch_source())
                .bind(":batch", run_->batch_id())
                .exec();
            ++added;
        }
        return added;
    }

    std::int64_t link_industries(std::int64_t role, const std::vector<std::string>& names) {
        std::int64_t added = 0;
        std::int64_t position = sql_->last_industry.use().bind(":role", role).single_row().int64(0);
        for (const auto& name : names) {
            const auto found = industries_->find(name);
            const std::int64_t industry = found ? *found : industries_->create(name);
            if (found &&
                sql_->industry_link.use().bind(":role", role).bind(":industry", industry).step()) {
                continue;
            }
            sql_->insert_industry_link.use()
                .bind(":role", role)
                .bind(":industry", industry)
                .bind(":position", ++position)
                .bind(":source", run_->batch_source())
                .bind(":batch", run_->batch_id())
                .exec();
            ++added;
        }
        return added;
    }

    std::int64_t add_responsibilities(std::int64_t role, const std::vector<std::string>& items) {
        std::int64_t added = 0;
        std::int64_t position =
            sql_->last_responsibility.use().bind(":role", role).single_row().int64(0);
        for (const auto& description : items) {
            if (sql_->responsibility.use()
                    .bind(":role", role)
                    .bind(":description", description)
                    .step()) {
                continue;
            }
            sql_->insert_responsibility.use()
                .bind(":role", role)
                .bind(":position", ++position)
                .bind(":description", description)
                .bind(":source", run_->batch_source())
                .bind(":batch", run_->batch_id())
                .exec();
            ++added;
        }
        return added;
    }

    RoleImportReport& report_;
    FileImport* run_ = nullptr;
    std::optional<RoleFinder> roles_;
    std::optional<EntityFinder> skills_;
    std::optional<EntityFinder> industries_;
    std::optional<ChangeLog> log_;
    std::optional<RoleStatements> sql_;
    BoundedCache<std::size_t> seen_;                            // role key -> its line
    BoundedCache<std::pair<std::string, std::size_t>> claimed_; // code -> role key, line
    std::int64_t changed_rows_ = 0;
};

} // namespace

RoleImportReport import_roles(Database& database, InputSource& input,
                              const FileImportOptions& options, const RejectSink& on_reject) {
    RoleImportReport report;
    FileImport run(database, input, options, role_fields(), on_reject);
    RoleRows rows(report);
    run.run(rows, report);
    if (!report.already_imported && (report.rows_rejected == 0 || options.skip_invalid)) {
        report.rows_unchanged = report.rows_read - report.rows_rejected - report.rows_inserted;
    }
    return report;
}

} // namespace jobkb
