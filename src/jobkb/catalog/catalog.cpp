// The Catalog itself: its statements, the lookups its commands share, and reading rows into
// currencies and salary figures. What each command lists is in the file named after it.
#include "jobkb/catalog.hpp"

#include "jobkb/catalog/rows.hpp"
#include "jobkb/catalog/statements.hpp"

#include <SQLiteCpp/Statement.h>

namespace jobkb {

namespace detail {

CatalogStatements::CatalogStatements(Database& database)
    : country_currency{database, "reading a country's currency",
                       std::string("SELECT ") + kCurrencyColumns +
                           " FROM countries k JOIN currencies c ON c.code = k.currency_code "
                           "WHERE k.code = :country"},
      role_skills{database, "reading a role's skills",
                  std::string("SELECT s.name, rs.relevance FROM role_skills rs JOIN skills s "
                              "ON s.id = rs.skill_id WHERE rs.role_id = :role AND ") +
                      strongest_link("rs") + " ORDER BY rs.relevance, rs.position"},
      database_(database) {}

Currency read_currency(const Statement::Use& row, int first) {
    return Currency{row.text(first), row.text(first + 1), row.integer(first + 2),
                    parse_digit_grouping(row.text(first + 3))};
}

SalaryFigure read_salary_figure(const Statement::Use& row, int first) {
    SalaryFigure figure;
    figure.role = row.text(first);
    figure.country_code = row.text(first + 1);
    figure.currency = read_currency(row, first + 2);
    figure.amount_minor = row.int64(first + 6);
    figure.period = row.text(first + 7);
    figure.statistic = row.text(first + 8);
    figure.as_of = row.text(first + 9);
    figure.source = row.text(first + 10);
    figure.note = row.text(first + 11);
    figure.observation_id = row.int64(first + 12);
    figure.batch_id = row.optional_int64(first + 13);
    figure.qualifier = row.text(first + 14);
    figure.level = row.text(first + 15);
    figure.employment = row.text(first + 16);
    figure.work_setting = row.text(first + 17);
    figure.company_size = row.text(first + 18);
    figure.area_code = row.text(first + 19);
    figure.area = row.text(first + 20);
    return figure;
}

} // namespace detail

Catalog::Catalog(Database& database) : database_(database), names_(database) {}

Catalog::~Catalog() = default;

detail::CatalogStatements& Catalog::statements() {
    if (!statements_) {
        statements_ = std::make_unique<detail::CatalogStatements>(database_);
    }
    return *statements_;
}

std::optional<Currency> Catalog::country_currency(const std::string& country_code) {
    auto row = statements().country_currency.use().bind(":country", country_code);
    if (!row.step()) {
        return std::nullopt;
    }
    return detail::read_currency(row);
}

std::vector<std::pair<std::string, std::string>> Catalog::role_skills(std::int64_t role_id) {
    auto row = statements().role_skills.use().bind(":role", role_id);
    std::vector<std::pair<std::string, std::string>> skills;
    while (row.step()) {
        skills.emplace_back(row.text(0), row.text(1));
    }
    return skills;
}

} // namespace jobkb
