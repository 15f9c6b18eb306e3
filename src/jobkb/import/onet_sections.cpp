// The files of an O*NET release, one function each: what each line must hold, and what it
// becomes (through OnetWriter). Occupation Data.txt makes the occupations every later file refers
// to; Job Zones.txt is read before it, into the run.
#include "jobkb/import/onet_table.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <unordered_set>

namespace jobkb::detail {
namespace {

constexpr std::string_view kCode = "O*NET-SOC Code";

std::string in_quotes(std::string_view text) { return "'" + elided(text, 80) + "'"; }

// Y or N, as O*NET writes flags.
std::optional<bool> flag(OnetTable& table, const Record& record, const FieldTexts& texts,
                         std::size_t column) {
    if (!texts[column]) {
        return false;
    }
    if (*texts[column] == "Y" || *texts[column] == "N") {
        return *texts[column] == "Y";
    }
    table.problem(record, column, in_quotes(*texts[column]) + " is not Y or N", "Y or N");
    return std::nullopt;
}

} // namespace

void read_job_zones(OnetRun& run, InputSource& input, OnetFileReport& file) {
    static constexpr std::array<OnetColumn, 2> kColumns = {{{kCode}, {"Job Zone"}}};
    OnetTable table(run, input, file, kColumns);
    table.read([&](const Record& record, FieldTexts& texts) {
        const auto code = table.code(record, texts);
        const auto zone = table.number(record, texts, 1, 5);
        if (!code || !zone) {
            return;
        }
        const auto [at, added] = run.job_zones.try_emplace(*code, *zone, record.line);
        if (!added) {
            table.problem(
                record, 0,
                fmt::format("{} has a job zone already (line {})", *code, at->second.second),
                "one job zone an occupation");
        }
    });
}

void read_occupations(OnetRun& run, InputSource& input, OnetFileReport& file) {
    static constexpr std::array<OnetColumn, 3> kColumns = {{{kCode}, {"Title"}, {"Description"}}};
    OnetTable table(run, input, file, kColumns);
    Statement onet_code(run.database, run.doing,
                        "SELECT code FROM role_codes WHERE role_id = :role AND scheme = "
                        "'onet-soc-2019' AND relation = 'is'");
    Statement made_by(run.database, run.doing,
                      "SELECT coalesce((SELECT content FROM import_batches WHERE id = "
                      "r.batch_id), ''), r.name FROM roles r WHERE r.id = :role");
    table.read([&](const Record& record, FieldTexts& texts) {
        const auto code = table.code(record, texts);
        if (!code) {
            return;
        }
        const std::string& title = *texts[1];
        const std::string& description = *texts[2];
        if (title.size() > kMaxRememberedNameBytes ||
            title.find_first_of("\t\r\n") != std::string::npos) {
            table.problem(record, 1, in_quotes(title) + " is not a title on one line",
                          "a title of at most 256 bytes");
            return;
        }
        if (const auto earlier = run.occupations.find(*code); earlier != run.occupations.end()) {
            table.problem(
                record, 0,
                fmt::format("{} appears again (first on line {})", *code, earlier->second.line),
                "each occupation once");
            return;
        }
        Occupation occupation{0, run.codes.size(), record.line};
        // The role that is the occupation, else the role of its name, else a new one.
        std::optional<std::int64_t> role = run.roles.by_code({"onet-soc-2019", *code});
        if (!role) {
            if (const auto named = run.roles.by_name(title)) {
                auto other = onet_code.use().bind(":role", named->id);
                if (other.step()) {
                    table.problem(record, 1,
                                  fmt::format("{} names {}, which is occupation {}",
                                              in_quotes(title), named->name, other.text(0)),
                                  "each occupation's own title");
                    return;
                }
                role = named->id;
            }
        }
        run.codes.push_back(*code);
        ++run.report.occupations;
        if (role) {
            auto made = made_by.use().bind(":role", *role).single_row();
            if (made.text(0) != "onet" && run.report.enriched_roles.size() < 1000) {
                run.report.enriched_roles.push_back(fmt::format("{} ({})", made.text(1), *code));
            }
        }
        if (run.writing()) {
            if (!role) {
                role = run.roles.create(title, std::nullopt, run.source_id, run.batch_id);
                ++run.report.roles_created;
                ++file.added;
            }
            occupation.role_id = *role;
            const auto zone = run.job_zones.find(*code);
            for (const Replaced& done :
                 {run.writer.code(*role, *code),
                  run.writer.description(*role, title, description,
                                         zone == run.job_zones.end()
                                             ? std::nullopt
                                             : std::optional(zone->second.first)),
                  run.writer.titles(*role, "('occupation')", {{title, "occupation"}},
                                    run.title_kinds.c_str())}) {
                file.added += done.added;
                file.removed += done.removed;
            }
        } else if (!role) {
            ++run.report.roles_created;
        }
        run.occupations.emplace(*code, occupation);
    });
}

void read_alternate_titles(OnetRun& run, InputSource& input, OnetFileReport& file) {
    static constexpr std::array<OnetColumn, 3> kColumns = {
        {{kCode}, {"Alternate Title"}, {"Short Title", false}}};
    OnetTable table(run, input, file, kColumns);
    OccupationGroups<TitleRow> groups(table, [&](std::int64_t role, std::vector<TitleRow>& rows) {
        return run.writer.titles(role, "('alternate', 'short')", rows);
    });
    table.read([&](const Record& record, FieldTexts& texts) {
        const auto code = table.code(record, texts);
        Occupation* occupation = code ? table.occupation(record, *code) : nullptr;
        if (occupation == nullptr) {
            return;
        }
        groups.add(record, *code, *occupation, {*texts[1], "alternate"});
        if (texts[2]) {
            groups.add(record, *code, *occupation, {*texts[2], "short"});
        }
    });
    groups.finish();
}

void read_reported_titles(OnetRun& run, InputSource& input, OnetFileReport& file) {
    static constexpr std::array<OnetColumn, 2> kColumns = {{{kCode}, {"Reported Job Title"}}};
    OnetTable table(run, input, file, kColumns);
    OccupationGroups<TitleRow> groups(table, [&](std::int64_t role, std::vector<TitleRow>& rows) {
        return run.writer.titles(role, "('reported')", rows);
    });
    table.read([&](const Record& record, FieldTexts& texts) {
        const auto code = table.code(record, texts);
        Occupation* occupation = code ? table.occupation(record, *code) : nullptr;
        if (occupation != nullptr) {
            groups.add(record, *code, *occupation, {*texts[1], "reported"});
        }
    });
    groups.finish();
}

void read_tasks(OnetRun& run, InputSource& input, OnetFileReport& file) {
    static constexpr std::array<OnetColumn, 4> kColumns = {
        {{kCode}, {"Task ID"}, {"Task"}, {"Task Type", false}}};
    OnetTable table(run, input, file, kColumns);
    OccupationGroups<TaskRow> groups(table, [&](std::int64_t role, std::vector<TaskRow>& rows) {
        return run.writer.tasks(role, rows);
    });
    table.read([&](const Record& record, FieldTexts& texts) {
        const auto code = table.code(record, texts);
        Occupation* occupation = code ? table.occupation(record, *code) : nullptr;
        const auto task = table.number(record, texts, 1, std::numeric_limits<std::int64_t>::max());
        std::optional<std::string> type;
        if (texts[3]) {
            if (equals_ignoring_case(*texts[3], "core")) {
                type = "core";
            } else if (equals_ignoring_case(*texts[3], "supplemental")) {
                type = "supplemental";
            } else {
                table.problem(record, 3, in_quotes(*texts[3]) + " is no task type",
                              "Core, Supplemental or n/a");
                return;
            }
        }
        if (occupation != nullptr && task) {
            groups.add(record, *code, *occupation, {*task, std::move(*texts[2]), std::move(type)});
        }
    });
    groups.finish();
}

void read_technology(OnetRun& run, InputSource& input, OnetFileReport& file) {
    static constexpr std::array<OnetColumn, 6> kColumns = {{{kCode},
                                                            {"Example"},
                                                            {"Commodity Code"},
                                                            {"Commodity Title"},
                                                            {"Hot Technology"},
                                                            {"In Demand", false}}};
    OnetTable table(run, input, file, kColumns);
    EntityFinder skills(run.database, NameKind::kSkill, run.doing, run.batch_id);
    Statement category_by_code(run.database, run.doing,
                               "SELECT id FROM skill_categories WHERE code = :code");
    Statement category_by_title(run.database, run.doing,
                                "SELECT id FROM skill_categories WHERE title = :title");
    Statement insert_category(run.database, run.doing,
                              "INSERT INTO skill_categories (code, title, batch_id) VALUES "
                              "(:code, :title, :batch) RETURNING id");
    Statement skill_category(run.database, run.doing,
                             "SELECT category_id FROM skills WHERE id = :skill");
    Statement set_category(run.database, run.doing,
                           "UPDATE skills SET category_id = :category WHERE id = :skill");
    std::unordered_map<std::string, std::int64_t> categories; // commodity code -> id
    std::unordered_set<std::int64_t> placed;                  // skills whose category was looked at
    const auto category_of = [&](const std::string& code, const std::string& title) {
        if (const auto found = categories.find(code); found != categories.end()) {
            return found->second;
        }
        std::int64_t id = 0;
        if (auto row = category_by_code.use().bind(":code", code); row.step()) {
            id = row.int64(0);
        } else if (auto named = category_by_title.use().bind(":title", title); named.step()) {
            id = named.int64(0); // O*NET renumbered it: the title says which it is
        } else {
            id = insert_category.use()
                     .bind(":code", code)
                     .bind(":title", title)
                     .bind(":batch", run.batch_id)
                     .single_row()
                     .int64(0);
            ++run.report.categories_created;
            ++file.added;
        }
        categories.emplace(code, id);
        return id;
    };
    OccupationGroups<TechnologyRow> groups(
        table, [&](std::int64_t role, std::vector<TechnologyRow>& rows) {
            return run.writer.technology(role, rows);
        });
    table.read([&](const Record& record, FieldTexts& texts) {
        const auto code = table.code(record, texts);
        Occupation* occupation = code ? table.occupation(record, *code) : nullptr;
        const auto hot = flag(table, record, texts, 4);
        const auto demand = flag(table, record, texts, 5);
        const std::string& name = *texts[1];
        if (name.size() > kMaxRememberedNameBytes ||
            name.find_first_of("\t\r\n") != std::string::npos) {
            table.problem(record, 1, in_quotes(name) + " is not a name on one line",
                          "a name of at most 256 bytes");
            return;
        }
        if (occupation == nullptr || !hot || !demand || !run.writing()) {
            return;
        }
        const std::int64_t category = category_of(*texts[2], *texts[3]);
        std::int64_t skill = 0;
        if (const auto found = skills.find(name)) {
            skill = *found;
            // A skill the base had without a category gets O*NET's, kept for undo.
            if (placed.insert(skill).second &&
                skill_category.use().bind(":skill", skill).single_row().is_null(0)) {
                run.log.before_update("skills", {{"id", skill}});
                set_category.use().bind(":category", category).bind(":skill", skill).exec();
            }
        } else {
            skill = skills.create(name, category);
            placed.insert(skill);
            ++file.added;
        }
        groups.add(record, *code, *occupation, {skill, *hot, *demand});
    });
    groups.finish();
    run.report.skills_created += skills.created_count();
}

void read_relations(OnetRun& run, InputSource& input, OnetFileReport& file) {
    static constexpr std::array<OnetColumn, 4> kColumns = {
        {{kCode}, {"Related O*NET-SOC Code"}, {"Relatedness Tier"}, {"Index"}}};
    OnetTable table(run, input, file, kColumns);
    OccupationGroups<RelationRow> groups(table,
                                         [&](std::int64_t role, std::vector<RelationRow>& rows) {
                                             return run.writer.relations(role, rows);
                                         });
    table.read([&](const Record& record, FieldTexts& texts) {
        const auto code = table.code(record, texts);
        Occupation* occupation = code ? table.occupation(record, *code) : nullptr;
        const auto related = table.code(record, texts, 1);
        const auto index = table.number(record, texts, 3, 1'000'000);
        if (occupation == nullptr || !related || !index) {
            return;
        }
        // A related occupation the release does not have (a subset of one) and no role is.
        std::int64_t related_role = 0;
        if (const auto found = run.occupations.find(*related); found != run.occupations.end()) {
            related_role = found->second.role_id;
        } else if (const auto role = run.roles.by_code({"onet-soc-2019", *related})) {
            related_role = *role;
        } else {
            ++run.report.relations_skipped;
            return;
        }
        groups.add(record, *code, *occupation, {related_role, *texts[2], *index});
    });
    groups.finish();
}

} // namespace jobkb::detail
