#include "jobkb/catalog/role_details.hpp"

#include "jobkb/occupation_codes.hpp"

#include <algorithm>

namespace jobkb::detail {
namespace {

void add_source(std::vector<std::int64_t>& ids, std::optional<std::int64_t> id) {
    if (id && std::find(ids.begin(), ids.end(), *id) == ids.end()) {
        ids.push_back(*id);
    }
}

// The title a source gives the occupation `role` is, and that source.
std::string occupation_title(RoleProfileStatements& statements, std::int64_t role,
                             std::vector<std::int64_t>& source_ids) {
    auto row = statements.occupation_title.use().bind(":role", role);
    if (!row.step()) {
        return "";
    }
    add_source(source_ids, row.optional_int64(1));
    return row.text(0);
}

} // namespace

void read_role_details(RoleProfileStatements& statements, std::int64_t role_id,
                       RoleProfile& profile, std::vector<std::int64_t>& source_ids) {
    for (auto row = statements.source_ids.use().bind(":role", role_id); row.step();) {
        add_source(source_ids, row.optional_int64(0));
    }
    {
        auto row = statements.codes.use().bind(":role", role_id);
        while (row.step()) {
            RoleCode code;
            code.scheme = row.text(0);
            const OccupationScheme* scheme = find_occupation_scheme(code.scheme);
            code.scheme_name = scheme ? std::string(scheme->name) : code.scheme;
            code.code = row.text(1);
            code.relation = row.text(2);
            code.source = row.text(3);
            profile.codes.push_back(std::move(code));
        }
    }
    for (auto& code : profile.codes) {
        if (code.relation == "is") {
            code.occupation = occupation_title(statements, role_id, source_ids);
            auto within =
                statements.within_code.use().bind(":scheme", code.scheme).bind(":code", code.code);
            while (within.step()) {
                profile.specialisations.push_back(within.text(0));
            }
        } else {
            profile.broader.push_back(BroaderOccupation{code, {}, {}, {}});
        }
    }
    for (auto row = statements.descriptions.use().bind(":role", role_id); row.step();) {
        SourceDescription description{row.text(0), row.text(1), row.text(2), std::nullopt};
        if (!row.is_null(3)) {
            description.job_zone = row.integer(3);
        }
        profile.descriptions.push_back(std::move(description));
    }
    for (auto row = statements.tasks.use().bind(":role", role_id); row.step();) {
        profile.tasks.push_back({row.text(0), row.text(1), row.int64(2), row.text(3)});
    }
    for (auto row = statements.technology.use().bind(":role", role_id); row.step();) {
        profile.technology_skills.push_back(
            {row.text(0), row.text(1), row.integer(2) == 1, row.integer(3) == 1, row.text(4)});
    }
    for (auto row = statements.titles.use().bind(":role", role_id); row.step();) {
        profile.titles.push_back({row.text(0), profile.name, row.text(1), row.text(2)});
    }
    for (auto row = statements.relations.use().bind(":role", role_id); row.step();) {
        profile.stated_relations.push_back(
            {row.text(0), row.text(1), row.text(2), row.int64(3), row.text(4)});
    }
}

std::optional<std::int64_t> broader_role(RoleProfileStatements& statements,
                                         BroaderOccupation& broader,
                                         std::vector<std::int64_t>& source_ids) {
    std::int64_t id = 0;
    {
        auto row = statements.by_code.use()
                       .bind(":scheme", broader.code.scheme)
                       .bind(":code", broader.code.code);
        if (!row.step()) {
            return std::nullopt;
        }
        id = row.int64(0);
        broader.role = row.text(1);
        broader.slug = row.text(2);
    }
    broader.code.occupation = occupation_title(statements, id, source_ids);
    return id;
}

void read_sources(RoleProfileStatements& statements, const std::vector<std::int64_t>& source_ids,
                  RoleProfile& profile) {
    for (const std::int64_t id : source_ids) {
        auto row = statements.source.use().bind(":source", id);
        if (row.step()) {
            profile.sources.push_back({row.text(0), row.text(1), row.text(2), row.text(3),
                                       row.text(4), row.text(5), row.text(6), row.text(7)});
        }
    }
}

} // namespace jobkb::detail
