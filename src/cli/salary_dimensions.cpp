// The survey dimensions' options and columns of `jobkb salaries` (salary_dimensions.hpp).
#include "cli/salary_dimensions.hpp"

#include "cli/usage_errors.hpp"

#include <algorithm>
#include <optional>

namespace jobkb::cli {
namespace {

// A dimension's codes and the survey's abbreviations, lower-case, as dimension_word() reads them.
using Words = std::vector<std::pair<std::string, std::string>>;
const Words kLevels = {{"entry", "entry"},         {"mid", "mid"},     {"senior", "senior"},
                       {"executive", "executive"}, {"en", "entry"},    {"mi", "mid"},
                       {"se", "senior"},           {"ex", "executive"}};
const Words kEmployments = {{"full-time", "full-time"}, {"part-time", "part-time"},
                            {"contract", "contract"},   {"freelance", "freelance"},
                            {"ft", "full-time"},        {"pt", "part-time"},
                            {"ct", "contract"},         {"fl", "freelance"}};
const Words kWorkSettings = {{"on-site", "on-site"}, {"hybrid", "hybrid"}, {"remote", "remote"}};
const Words kCompanySizes = {{"small", "small"}, {"medium", "medium"}, {"large", "large"},
                             {"s", "small"},     {"m", "medium"},      {"l", "large"}};
const Words kGroupings = {{"level", "level"},
                          {"employment", "employment"},
                          {"work_setting", "work_setting"},
                          {"work-setting", "work_setting"},
                          {"company_size", "company_size"},
                          {"company-size", "company_size"},
                          {"area", "area"}};

// The code a dimension option's word names, in any letter case; nullopt when not given. Throws
// CLI::ValidationError naming the words it takes. (A check, not a CLI11 transform: GCC 12 sees a
// null dereference in one_of's std::function for a string choice.)
std::optional<std::string> dimension_word(const char* option, const std::string& noun,
                                          const Words& words, const std::string& value) {
    if (value.empty()) {
        return std::nullopt;
    }
    std::string lowered = value;
    for (char& c : lowered) {
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    std::vector<std::string> accepted;
    for (const auto& [word, code] : words) {
        if (word == lowered) {
            return code;
        }
        accepted.push_back(word);
    }
    throw CLI::ValidationError(option, "unknown " + noun + " '" + value + "' (expected " +
                                           word_list(accepted) + ")");
}

} // namespace

// --level, --employment, --work-setting, --company-size and --by (with --reports).
void add_dimension_options(CLI::App& salaries, DimensionArguments& options) {
    salaries
        .add_option("--level", options.level,
                    "Only figures of this experience level: entry, mid, senior, executive (or "
                    "the survey's EN, MI, SE, EX)")
        ->option_text("LEVEL");
    salaries
        .add_option("--employment", options.employment,
                    "Only this employment type: full-time, part-time, contract, freelance (or "
                    "FT, PT, CT, FL)")
        ->option_text("TYPE");
    salaries
        .add_option("--work-setting", options.work_setting,
                    "Only this work setting: on-site, hybrid, remote")
        ->option_text("SETTING");
    salaries
        .add_option("--company-size", options.company_size,
                    "Only this company size: small, medium, large (or S, M, L)")
        ->option_text("SIZE");
    salaries
        .add_option("--by", options.by,
                    "With --reports, a group per value of these dimensions (comma-separated): "
                    "level, work_setting, company_size, area; employment types are always apart")
        ->delimiter(',')
        ->option_text("DIMENSION[,...]");
}

void apply_dimension_arguments(const DimensionArguments& options, bool reports,
                               SalaryQuery& query) {
    query.level = dimension_word("--level", "experience level", kLevels, options.level);
    query.employment =
        dimension_word("--employment", "employment type", kEmployments, options.employment);
    query.work_setting =
        dimension_word("--work-setting", "work setting", kWorkSettings, options.work_setting);
    query.company_size =
        dimension_word("--company-size", "company size", kCompanySizes, options.company_size);
    if (!options.by.empty() && !reports) {
        throw CLI::ValidationError("--by", "needs --reports: it groups individual reports");
    }
    for (const std::string& given : options.by) {
        const auto known = std::find_if(kGroupings.begin(), kGroupings.end(),
                                        [&](const auto& word) { return word.first == given; });
        if (known == kGroupings.end()) {
            throw CLI::ValidationError(
                "--by", "unknown dimension '" + given +
                            "' (expected level, employment, work_setting, company_size or area)");
        }
        const std::string& dimension = known->second;
        query.by_level = query.by_level || dimension == "level";
        query.by_work_setting = query.by_work_setting || dimension == "work_setting";
        query.by_company_size = query.by_company_size || dimension == "company_size";
        query.by_area = query.by_area || dimension == "area";
    }
}

// The machine formats' columns of the survey dimensions, after the qualifier.
const std::array<ListingColumn, 4> kDimensionColumns = {{{"level", "Level"},
                                                         {"employment", "Employment"},
                                                         {"work_setting", "Work setting"},
                                                         {"company_size", "Company size"}}};

// "senior, full-time, remote, large": the dimensions a figure has, for tables.
std::string dimension_text(const std::string& level, const std::string& employment,
                           const std::string& work_setting, const std::string& company_size) {
    std::string text;
    for (const std::string* value : {&level, &employment, &work_setting, &company_size}) {
        if (!value->empty()) {
            text += (text.empty() ? "" : ", ") + *value;
        }
    }
    return text;
}

// The machine formats' columns of the area, after the dimensions'.
const std::array<ListingColumn, 2> kAreaColumns = {{{"area_code", "Area code"}, {"area", "Area"}}};

// Empty text as no value (null in JSON, an empty cell in CSV).
CellValue optional_text(const std::string& text) {
    return text.empty() ? CellValue{} : CellValue{text};
}

} // namespace jobkb::cli
