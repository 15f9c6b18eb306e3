#pragma once

#include "jobkb/database.hpp"
#include "jobkb/money.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jobkb {

struct SalaryFigure {
    std::string country_code; // ISO 3166-1 alpha-2
    Currency currency;
    std::int64_t amount_minor = 0;
    std::string period;    // year, month, hour
    std::string statistic; // average, median, p25, point, ...
    std::string as_of;     // YYYY-MM-DD, YYYY-MM or YYYY
};

// A role with what the roles listing shows of it.
struct RoleOverview {
    std::string slug;
    std::string name;
    std::string summary;
    std::vector<std::string> key_skills;         // in the source's order
    std::vector<std::string> industries;         // in the source's order
    std::vector<SalaryFigure> headline_salaries; // latest yearly average per country, by code
};

// Typed read access to the knowledge base. Statements are prepared once per connection.
class Catalog {
public:
    explicit Catalog(Database& database) : database_(database) {}

    // Every role, by name.
    std::vector<RoleOverview> role_overviews();

private:
    Database& database_;
};

} // namespace jobkb
