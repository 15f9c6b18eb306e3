#pragma once

#include "jobkb/import/fields.hpp"
#include "jobkb/import/validation.hpp"
#include "jobkb/money.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

// The salary import's fields and its rules for a figure, pure: checked against a vocabulary
// loaded once (load_salary_vocabulary(), or built in memory by a test). Roles, countries and
// sources are looked up in the database (lookups.hpp), not here.
namespace jobkb {
class Database;
}

namespace jobkb::detail {

// The salary fields by index, in the order of kImportFields.
enum SalaryField : std::size_t {
    kRole,
    kCountry,
    kCurrency,
    kAmount,
    kPeriod,
    kStatistic,
    kAsOf,
    kSource,
    kNote,
    kQualifier,
    kLevel, // the four survey dimensions (dimensions.hpp), in their order
    kEmployment,
    kWorkSetting,
    kCompanySize,
    kArea,     // the area, by name or code (areas.hpp)
    kCode,     // kImportLookupFields: finds the role, never stored as such
    kAreaCode, // finds (or names, when created) the area
    kAreaKind, // the kind of an area the import creates
};

// With currency_required false, a file may lack the currency (the import fills it from the
// country's); with amount_required false the amount (a wide table's figures come from its
// columns).
const FieldList& salary_fields(bool currency_required = true, bool amount_required = true);

// The qualifier code a text names ("exact", "at_least", "at least", ">=", "≥", "~", ...), or
// nullopt.
std::optional<std::string> qualifier_code(std::string_view text);

// What jobkb knows of salary figures: the currencies, and the spellings of periods and
// statistics ("yearly", "per annum" -> year; "mean" -> average).
struct SalaryVocabulary {
    std::unordered_map<std::string, Currency> currencies;    // code -> currency
    std::unordered_map<std::string, std::string> periods;    // lower-case spelling -> code
    std::unordered_map<std::string, std::string> statistics; // lower-case spelling -> code
};

// The vocabulary of these currencies, period codes and statistic codes, with the spellings people
// use for the codes among them.
SalaryVocabulary make_salary_vocabulary(std::vector<Currency> currencies,
                                        const std::vector<std::string>& periods,
                                        const std::vector<std::string>& statistics);

// The vocabulary of the base's currencies, periods and statistics: read once per import (and once
// per process by the fuzz targets), the one function here that reads the base. Throws Error when
// SQLite fails.
SalaryVocabulary load_salary_vocabulary(Database& database, std::string_view doing);

// A figure's checked values (the role, country and source are ids the lookups give).
struct ValidFigure {
    const Currency* currency = nullptr; // in the vocabulary
    std::int64_t amount_minor = 0;
    std::string period;    // a code
    std::string statistic; // a code
    std::string as_of;
    std::optional<std::string> note;
    std::string qualifier = "exact";
};

// Checks the currency, amount (parse_amount), period, statistic and as_of of a row whose texts
// read_field_texts() accepted: known codes or spellings (period default year, statistic default
// average), an amount in the currency, an LPA amount only per year, a date up to `today`, a
// known qualifier (default exact). Takes the as_of and note texts (copies them with `keep`, for a
// wide row's next column). The amount is multiplied by 10^scale_power (ImportOptions::scale).
// Returns nullopt when it added problems.
std::optional<ValidFigure> validate_figure(FieldTexts& texts, const SalaryVocabulary& vocabulary,
                                           const std::string& today,
                                           std::vector<Diagnostic>& problems, bool keep = false,
                                           int scale_power = 0);

} // namespace jobkb::detail
