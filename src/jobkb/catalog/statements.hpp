#pragma once

// The catalog's statements, by the command whose work they do. Each group's SQL is in the file
// that runs it (its constructor is defined there); a Catalog makes a group when a call first
// needs it, and each statement is prepared on its own first use, so a call prepares only what it
// runs.

#include "jobkb/statement.hpp"

#include <array>
#include <optional>
#include <string>

namespace jobkb::detail {

// Statements that filters choose between: the same query for everything, for one role, for one
// country, or for both (and each also for one area), each with its own SQL so that each uses its
// index. Each is made when it is first asked for.
class ByFilters {
public:
    using MakeSql = std::string (*)(bool by_role, bool by_country, bool by_area);

    ByFilters(Database& database, const char* doing, MakeSql sql)
        : database_(database), doing_(doing), sql_(sql) {}

    Statement& operator()(bool by_role, bool by_country, bool by_area = false) {
        auto& made = made_[(by_role ? 1U : 0U) | (by_country ? 2U : 0U) | (by_area ? 4U : 0U)];
        if (!made) {
            made.emplace(database_, doing_, sql_(by_role, by_country, by_area));
        }
        return *made;
    }

private:
    Database& database_;
    const char* doing_;
    MakeSql sql_;
    std::array<std::optional<Statement>, 8> made_;
};

// `jobkb roles` (roles.cpp). The lists come for every role, or ("_of_ids") for the ids in :ids,
// a JSON array.
struct RoleListingStatements {
    explicit RoleListingStatements(Database& database);
    Statement with_skill;       // roles that have :skill
    Statement with_key_skill;   // roles that have :skill as a key skill
    Statement skill_role_count; // how many roles have :skill
    Statement role_has_skill;   // how :role has :skill (its relevance), if it has it
    Statement in_industry;      // roles in :industry
    Statement roles;            // id, slug, name, summary
    Statement roles_of_ids;
    Statement key_skills; // role id, skill name, in each role's order
    Statement key_skills_of_ids;
    Statement industries; // role id, industry name, in each role's order
    Statement industries_of_ids;
    Statement headlines; // role id, then the latest yearly average per country
    Statement headlines_of_ids;
};

// `jobkb role` (role_profile.cpp, role_details.cpp).
struct RoleProfileStatements {
    explicit RoleProfileStatements(Database& database);
    Statement role;             // slug, name, summary of :role
    Statement aliases;          // its aliases
    Statement responsibilities; // in order, without a source's tasks
    Statement industries;       // in order
    Statement by_code;          // the role that is :scheme :code
    Statement within_code;      // the roles within :scheme :code
    Statement codes;            // :role's codes
    Statement occupation_title; // a source's title for :role
    Statement descriptions;     // what sources say of :role
    Statement tasks;            // its tasks, core first
    Statement technology;       // its technology skills with their categories
    Statement titles;           // its titles
    Statement relations;        // related roles as sources state them
    Statement source_ids;       // every source of :role's rows
    Statement source;           // the source :source
};

// `jobkb salaries` and `jobkb export` (salaries.cpp).
struct SalaryStatements {
    explicit SalaryStatements(Database& database);
    ByFilters latest;                // the latest figure per role, country, statistic and period
    ByFilters history;               // every observation
    ByFilters reports;               // current individual reports, by role, country, year, currency
    Statement published;             // the latest yearly average of :role in :country, :dimensions
    Statement areas_named;           // the areas :text names (by code or name; AL with :country)
    Statement area_spellings;        // every area's name and code, of :country or all
    Statement currency;              // the currency :code
    Statement all_observations;      // every observation in import order
    Statement counting_observations; // every one that counts (not superseded), in import order
};

// `jobkb skills` and `jobkb industries` (usage.cpp).
struct UsageStatements {
    explicit UsageStatements(Database& database);
    Statement skills;             // every skill with its role counts
    Statement skills_of_role;     // :role's skills with their role counts
    Statement industries;         // every industry with its role count
    Statement industries_of_role; // :role's industries with their role counts
};

// Everything a Catalog runs (catalog.cpp). Each command's group is made on its first use: a
// Catalog made for one CLI call builds only the SQL that call runs.
class CatalogStatements {
public:
    explicit CatalogStatements(Database& database);

    Statement country_currency; // the main currency of :country
    Statement role_skills;      // :role's skills by relevance, key first

    RoleListingStatements& listing() { return group(listing_); }
    RoleProfileStatements& profile() { return group(profile_); }
    SalaryStatements& salaries() { return group(salaries_); }
    UsageStatements& usage() { return group(usage_); }

private:
    template <typename Group> Group& group(std::optional<Group>& made) {
        if (!made) {
            made.emplace(database_);
        }
        return *made;
    }

    Database& database_;
    std::optional<RoleListingStatements> listing_;
    std::optional<RoleProfileStatements> profile_;
    std::optional<SalaryStatements> salaries_;
    std::optional<UsageStatements> usage_;
};

} // namespace jobkb::detail
