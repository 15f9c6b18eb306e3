// The survey dimensions (experience level, employment type, work setting, company size) and the
// current rule for dates of different precision (migration 0010): the survey recipe imports
// ds_salaries_2022.csv with its dimensions and `salaries --reports --by level` agrees with an
// independent computation from the CSV (python3, the type-7 percentiles report_statistics.hpp
// documents); the filters; a figure of each precision against each other; bad dimension values
// are one FILE:LINE error and leave the base as it was.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

namespace jobkb {
namespace {

const test::Variables kToday{{"JOBKB_TODAY", "2026-11-23"}};

class SurveyDimensions : public ::testing::Test {
protected:
    void SetUp() override { db_ = test::make_seeded_database(dir_); }

    test::CommandResult jobkb(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", db_.string()});
        return test::run_cli(arguments, kToday);
    }

    test::fs::path survey() const {
        return test::source_dir() / "tests" / "data" / "ds_salaries_2022.csv";
    }

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }

    std::string scalar(const std::string& sql) { return test::query(db_, sql).at(0).at(0); }

    test::TempDir dir_;
    test::fs::path db_;
};

// Reads the CSV itself: the Data Scientist reports of US residents, grouped by year, currency,
// employment type and level, with count, p25, median, p75 (type 7, half away from zero) and the
// mean (half up), in cents, as JSON lines sorted by year, employment and level.
constexpr const char* kReference = R"py(
import csv, json, sys
from fractions import Fraction
def rounded(x):
    return int(x + Fraction(1, 2)) if x >= 0 else -int(-x + Fraction(1, 2))
def pct(v, p):
    h = Fraction((len(v) - 1) * p, 100)
    lo = int(h)
    hi = min(lo + 1, len(v) - 1)
    return rounded(v[lo] + (v[hi] - v[lo]) * (h - lo))
order = {'EN': 1, 'MI': 2, 'SE': 3, 'EX': 4}
groups = {}
for row in csv.DictReader(open(sys.argv[1], newline='')):
    if row['job_title'] == 'Data Scientist' and row['employee_residence'] == 'US':
        key = (row['work_year'], row['salary_currency'], row['employment_type'], row['experience_level'])
        groups.setdefault(key, []).append(int(row['salary']) * 100)
for key in sorted(groups, key=lambda k: (k[0], k[1], k[2], order[k[3]])):
    v = sorted(groups[key])
    print(json.dumps([key[0], key[2], key[3], len(v), pct(v, 25), pct(v, 50), pct(v, 75),
                      rounded(Fraction(sum(v), len(v)))]))
)py";

TEST_F(SurveyDimensions, ReportsByLevelAgreeWithTheFile) {
    ASSERT_EQ(jobkb({"import", "salaries", survey().string(), "--recipe", "ds-salaries", "--quiet"})
                  .exit_code,
              0);
    const auto script = file("reference.py", kReference);
    const auto expected_path = dir_ / "expected.txt";
    ASSERT_EQ(std::system(("python3 " + script.string() + " " + survey().string() + " > " +
                           expected_path.string())
                              .c_str()),
              0);
    std::ifstream in(expected_path);
    std::vector<nlohmann::json> expected;
    for (std::string line; std::getline(in, line);) {
        expected.push_back(nlohmann::json::parse(line));
    }
    const auto result = jobkb({"salaries", "--reports", "--role", "Data Scientist", "--country",
                               "US", "--by", "level", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    ASSERT_GE(expected.size(), 5u);
    ASSERT_EQ(json.size(), expected.size()) << result.out;
    const std::map<std::string, std::string> levels = {
        {"EN", "entry"}, {"MI", "mid"}, {"SE", "senior"}, {"EX", "executive"}};
    const std::map<std::string, std::string> types = {
        {"FT", "full-time"}, {"PT", "part-time"}, {"CT", "contract"}, {"FL", "freelance"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& want = expected[i];
        const auto& got = json[i];
        EXPECT_EQ(got.at("year"), want[0]) << i;
        EXPECT_EQ(got.at("employment"), types.at(want[1])) << i;
        EXPECT_EQ(got.at("level"), levels.at(want[2])) << i;
        EXPECT_EQ(got.at("reports"), want[3]) << i;
        EXPECT_EQ(got.at("p25").at("amount_minor"), want[4]) << i;
        EXPECT_EQ(got.at("median").at("amount_minor"), want[5]) << i;
        EXPECT_EQ(got.at("p75").at("amount_minor"), want[6]) << i;
        EXPECT_EQ(got.at("mean").at("amount_minor"), want[7]) << i;
        EXPECT_TRUE(got.at("work_setting").is_null()) << i;
    }
    EXPECT_EQ(jobkb({"check"}).exit_code, 0);
}

TEST_F(SurveyDimensions, EmploymentTypesAreNeverSummarisedTogether) {
    ASSERT_EQ(jobkb({"import", "salaries", survey().string(), "--recipe", "ds-salaries", "--quiet"})
                  .exit_code,
              0);
    const auto part_time = std::stoi(
        scalar("SELECT count(*) FROM salary_observations WHERE employment = 'part-time'"));
    ASSERT_GT(part_time, 0);
    const auto result = jobkb({"salaries", "--reports", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::int64_t in_part_time_groups = 0;
    for (const auto& group : nlohmann::json::parse(result.out)) {
        ASSERT_TRUE(group.at("employment").is_string()) << group;
        if (group.at("employment") == "part-time") {
            in_part_time_groups += group.at("reports").get<std::int64_t>();
        }
    }
    EXPECT_EQ(in_part_time_groups, part_time);
}

// Converted summaries (--in, --ppp) filter by the dimensions as the others do, and refuse a
// grouping they cannot make rather than ignore it.
TEST_F(SurveyDimensions, ConvertedSummariesKeepTheDimensionFilters) {
    ASSERT_EQ(jobkb({"import", "salaries", survey().string(), "--recipe", "ds-salaries", "--quiet"})
                  .exit_code,
              0);
    const auto reports = [&](std::vector<std::string> more) {
        std::vector<std::string> arguments = {"salaries",  "--reports", "--role", "Data Scientist",
                                              "--country", "US",        "--json"};
        arguments.insert(arguments.end(), more.begin(), more.end());
        const auto result = jobkb(arguments);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        std::int64_t count = 0;
        for (const auto& group : nlohmann::json::parse(result.out)) {
            count += group.at("reports").get<std::int64_t>();
        }
        return count;
    };
    const std::int64_t senior = reports({"--level", "senior"});
    ASSERT_GT(senior, 0);
    EXPECT_LT(senior, reports({}));
    EXPECT_EQ(reports({"--level", "senior", "--in", "USD"}), senior);
    EXPECT_EQ(reports({"--level", "SE", "--work-setting", "remote", "--in", "USD"}),
              reports({"--level", "SE", "--work-setting", "remote"}));
    const auto grouped = jobkb({"salaries", "--reports", "--by", "level", "--in", "USD"});
    EXPECT_EQ(grouped.exit_code, 2);
    EXPECT_NE(grouped.err.find("does not combine with --reports and --in or --ppp"),
              std::string::npos)
        << grouped.err;
}

TEST_F(SurveyDimensions, FiltersAndColumnsShowTheDimensions) {
    ASSERT_EQ(jobkb({"import", "salaries", survey().string(), "--recipe", "ds-salaries", "--quiet"})
                  .exit_code,
              0);
    const auto senior = jobkb({"salaries", "--history", "--level", "SE", "--work-setting", "remote",
                               "--company-size", "L", "--csv"});
    ASSERT_EQ(senior.exit_code, 0) << senior.err;
    const std::string header = senior.out.substr(0, senior.out.find('\n'));
    EXPECT_NE(header.find(",qualifier,level,employment,work_setting,company_size"),
              std::string::npos)
        << header;
    const auto rows = std::count(senior.out.begin(), senior.out.end(), '\n') - 1;
    EXPECT_EQ(std::to_string(rows),
              scalar("SELECT count(*) FROM salary_observations WHERE level = 'senior' AND "
                     "work_setting = 'remote' AND company_size = 'large'"));
    EXPECT_NE(senior.out.find(",senior,full-time,remote,large"), std::string::npos);
    const auto table = jobkb({"salaries", "--history", "--role", "Data Scientist", "--country",
                              "US", "--level", "entry"});
    EXPECT_NE(table.out.find("Dimensions"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("entry, full-time"), std::string::npos) << table.out;
    const auto bad = jobkb({"salaries", "--level", "junior"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("unknown experience level 'junior'"), std::string::npos) << bad.err;
    const auto by = jobkb({"salaries", "--by", "level"});
    EXPECT_EQ(by.exit_code, 2);
    EXPECT_NE(by.err.find("--reports"), std::string::npos) << by.err;
}

TEST_F(SurveyDimensions, FiguresOfOtherDimensionsAreNotTheSameCurrentFigure) {
    const auto csv = file("levels.csv", "role,country,currency,amount,as_of,level\n"
                                        "Data Scientist,US,USD,90000,2026-01,entry\n"
                                        "Data Scientist,US,USD,190000,2026-02,senior\n");
    ASSERT_EQ(jobkb({"import", "salaries", csv.string(), "--quiet"}).exit_code, 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_latest l JOIN roles r ON r.id = l.role_id "
                     "WHERE r.name = 'Data Scientist' AND l.country_code = 'US'"),
              "3"); // the seeded one, entry, senior
    EXPECT_EQ(jobkb({"check"}).exit_code, 0);
}

// A survey group's figure is current for its own key, but `compare` sets the roles side by side by
// their figures without dimensions: a later senior average does not take the seeded one's place.
TEST_F(SurveyDimensions, CompareShowsTheFiguresWithoutDimensions) {
    const auto csv = file("senior.csv", "role,country,currency,amount,as_of,level\n"
                                        "Data Scientist,US,USD,190000,2026-06,senior\n");
    ASSERT_EQ(jobkb({"import", "salaries", csv.string(), "--quiet"}).exit_code, 0);
    const std::string seeded =
        scalar("SELECT o.amount_minor FROM salary_latest l JOIN salary_observations o ON o.id = "
               "l.observation_id JOIN roles r ON r.id = l.role_id WHERE r.name = 'Data Scientist' "
               "AND l.country_code = 'US' AND o.level IS NULL AND o.statistic = 'average' AND "
               "o.period = 'year'");
    const auto result = jobkb({"compare", "Data Scientist", "MLOps Engineer", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    int us_rows = 0;
    for (const auto& row : nlohmann::json::parse(result.out)) {
        if (row.at("aspect") == "salary" && row.at("item") == "US average/year") {
            ++us_rows;
            EXPECT_EQ(
                std::to_string(row.at("Data Scientist").at("amount_minor").get<std::int64_t>()),
                seeded);
        }
    }
    EXPECT_EQ(us_rows, 1);
}

// Which of two figures of one key is current, whatever order they come in: by the end of the
// period each date covers, then the more precise date.
TEST_F(SurveyDimensions, TheCurrentFigureByTheEndOfThePeriodEveryPair) {
    struct Pair {
        std::string earlier, later; // `later` is current
    };
    const std::vector<Pair> pairs = {
        {"2025-04-06", "2025"},    {"2025-11", "2025"},         {"2025", "2025-12"},
        {"2025", "2025-12-31"},    {"2025-12", "2025-12-31"},   {"2025-04-06", "2025-04"},
        {"2025-04", "2025-04-30"}, {"2025-04", "2025-05-01"},   {"2025-03-31", "2025-04-01"},
        {"2024", "2025-01"},       {"2024-12-31", "2025-01-01"}};
    int role = 0;
    for (const auto& pair : pairs) {
        for (const bool reversed : {false, true}) {
            const std::string name = "Precision Role " + std::to_string(++role);
            const std::string first = reversed ? pair.later : pair.earlier;
            const std::string second = reversed ? pair.earlier : pair.later;
            const auto csv =
                file("pair.csv", "role,country,currency,amount,as_of\n" + name + ",US,USD,100000," +
                                     first + "\n" + name + ",US,USD,200000," + second + "\n");
            ASSERT_EQ(
                jobkb({"import", "salaries", csv.string(), "--create-roles", "--quiet"}).exit_code,
                0);
            EXPECT_EQ(scalar("SELECT o.as_of FROM salary_latest l JOIN salary_observations o ON "
                             "o.id = l.observation_id JOIN roles r ON r.id = l.role_id WHERE "
                             "r.name = '" +
                             name + "'"),
                      pair.later)
                << pair.earlier << " then " << pair.later << (reversed ? " (reversed)" : "");
        }
    }
    EXPECT_EQ(jobkb({"check"}).exit_code, 0);
}

TEST_F(SurveyDimensions, AnUnknownDimensionIsOneLineAndLeavesTheBase) {
    const std::string before = test::content_dump(db_);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"level\nXX",
         "bad.csv:2: level: unknown experience level 'XX' (expected entry, mid, senior or "
         "executive (EN, MI, SE or EX))"},
        {"work_setting\n37",
         "bad.csv:2: work_setting: unknown work setting '37' (expected on-site, hybrid or "
         "remote (or the remote ratio 0, 50 or 100))"},
        {"employment\nFX", "bad.csv:2: employment: unknown employment type 'FX'"},
        {"company_size\nXL", "bad.csv:2: company_size: unknown company size 'XL'"}};
    for (const auto& [column, message] : cases) {
        const auto header = column.substr(0, column.find('\n'));
        const auto value = column.substr(column.find('\n') + 1);
        const auto csv = file("bad.csv", "role,country,currency,amount,as_of," + header +
                                             "\nData Scientist,US,USD,100000,2025," + value + "\n");
        const auto result = jobkb({"import", "salaries", csv.string()});
        EXPECT_EQ(result.exit_code, 1) << column;
        EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
        EXPECT_EQ(test::content_dump(db_), before) << column;
    }
}

} // namespace
} // namespace jobkb
