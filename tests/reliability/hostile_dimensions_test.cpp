// Hostile survey dimensions (migration 0010): a survey file read with the built-in ds-salaries
// recipe whose one bad row has a level, employment type, remote ratio or company size no
// vocabulary has (an unknown code, a ratio of 37, SQL text, control characters, a huge cell):
// each is refused with a FILE:LINE: FIELD: line naming the accepted values, exit code 1, in
// bounded time and memory, and the database stays as it was.
#include "reliability/support.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

using namespace std::chrono_literals;

constexpr auto kTimeBound = test::kSanitizedBuild ? 120s : 30s;
const long kMemoryBoundKb = test::kSanitizedBuild ? 1'500'000 : 128'000;

struct HostileDimension {
    std::string name;
    std::string level, employment, ratio, size; // the bad row's cells
    std::string expected;                       // after "FILE:3: "
};

const std::vector<HostileDimension>& hostile_dimensions() {
    static const std::vector<HostileDimension> cases = {
        {"UnknownLevel", "XX", "FT", "0", "L",
         "level: unknown experience level 'XX' (expected entry, mid, senior or executive (EN, "
         "MI, SE or EX))"},
        {"RatioOf37", "SE", "FT", "37", "L",
         "work_setting: unknown work setting '37' (expected on-site, hybrid or remote (or the "
         "remote ratio 0, 50 or 100))"},
        {"NegativeRatio", "SE", "FT", "-50", "L", "work_setting: unknown work setting '-50'"},
        {"RatioAsPercent", "SE", "FT", "100%", "L", "work_setting: unknown work setting '100%'"},
        {"UnknownEmployment", "SE", "XT", "0", "L",
         "employment: unknown employment type 'XT' (expected full-time, part-time, contract or "
         "freelance (FT, PT, CT or FL))"},
        {"UnknownSize", "SE", "FT", "0", "XL",
         "company_size: unknown company size 'XL' (expected small, medium or large (S, M or L))"},
        {"SqlText", "SE'; DROP TABLE salary_observations; --", "FT", "0", "L",
         "level: unknown experience level 'SE'; DROP TABLE salary_observations; --'"},
        {"ControlCharacters",
         "S\x01"
         "E",
         "FT", "0", "L", "level: holds a NUL or another control character"},
        {"HugeCell", std::string(100'000, 'S'), "FT", "0", "L",
         "level: unknown experience level 'SSSS"},
    };
    return cases;
}

void PrintTo(const HostileDimension& hostile, std::ostream* out) { *out << hostile.name; }

class HostileDimensions : public ::testing::TestWithParam<HostileDimension> {};

TEST_P(HostileDimensions, AreRefusedInOneLineNamingTheFieldAndChangeNothing) {
    const HostileDimension& hostile = GetParam();
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const auto survey = dir / "salaries.csv";
    test::write_bytes(survey, "work_year,experience_level,employment_type,job_title,salary,"
                              "salary_currency,salary_in_usd,employee_residence,remote_ratio,"
                              "company_location,company_size\n"
                              "2022,MI,FT,Data Scientist,130000,USD,130000,US,100,US,M\n"
                              "2022," +
                                  hostile.level + "," + hostile.employment +
                                  ",Data Scientist,150000,USD," + "150000,US," + hostile.ratio +
                                  ",US," + hostile.size + "\n");
    const auto outcome =
        test::expect_refused(database,
                             {"--db", database.string(), "import", "salaries", survey.string(),
                              "--recipe", "ds-salaries", "--quiet"},
                             {survey.string() + ":"}, kTimeBound, kMemoryBoundKb);
    const std::string wanted = survey.string() + ":3: " + hostile.expected;
    EXPECT_NE(outcome.err.find(wanted), std::string::npos)
        << "expected: " << wanted << "\nin: " << outcome.err.substr(0, 4000);
}

INSTANTIATE_TEST_SUITE_P(Rows, HostileDimensions, ::testing::ValuesIn(hostile_dimensions()),
                         [](const auto& test_case) { return test_case.param.name; });

} // namespace
} // namespace jobkb
