// Areas below the country (migration 0011): the BLS OEWS state and metro recipes import the
// synthetic tables in BLS's layout (tests/data/oews/*_synthetic_dl.csv) and `salaries --area`
// reads each area's figures back, by name, ISO 3166-2 code or the publisher's code; the figures
// of two areas are two current figures, apart from the country's own; reports group by area;
// the export carries the area; undoing a batch removes the areas it created unless another
// batch's figures are in them; unknown, foreign and malformed areas are one FILE:LINE error each
// and leave the base as it was.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace jobkb {
namespace {

const test::Variables kToday{{"JOBKB_TODAY", "2026-11-23"}};

class Areas : public ::testing::Test {
protected:
    void SetUp() override { db_ = test::make_seeded_database(dir_); }

    test::CommandResult jobkb(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", db_.string()});
        return test::run_cli(arguments, kToday);
    }

    static test::fs::path oews(const std::string& name) {
        return test::source_dir() / "tests" / "data" / "oews" / name;
    }

    test::CommandResult import_table(const std::string& name, const std::string& recipe) {
        return jobkb({"import", "salaries", oews(name).string(), "--recipe", recipe, "--set",
                      "as_of=2023-05", "--quiet"});
    }

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }

    std::string scalar(const std::string& sql) { return test::query(db_, sql).at(0).at(0); }

    // The figures `salaries ARGS --json` lists of one statistic per year, role by role.
    std::vector<nlohmann::json> figures(std::vector<std::string> arguments,
                                        const std::string& statistic) {
        arguments.insert(arguments.begin(), "salaries");
        arguments.push_back("--json");
        const auto result = jobkb(arguments);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        std::vector<nlohmann::json> found;
        for (const auto& figure : nlohmann::json::parse(result.out)) {
            if (figure.at("statistic") == statistic && figure.at("period") == "year") {
                found.push_back(figure);
            }
        }
        return found;
    }

    test::TempDir dir_;
    test::fs::path db_;
};

TEST_F(Areas, TheStateRecipeKeepsEachStatesFiguresApart) {
    const auto imported = import_table("state_synthetic_dl.csv", "bls-oews-state");
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // Every state's figures are current side by side (the summary rows are filtered out).
    EXPECT_EQ(scalar("SELECT count(DISTINCT o.area_id) FROM salary_latest l JOIN "
                     "salary_observations o ON o.id = l.observation_id WHERE o.batch_id = 1"),
              "3");
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE batch_id = 1 AND "
                     "area_id IS NULL"),
              "0");
    // The medians of the file's A_MEDIAN column, by name, by ISO code and by the state's code.
    const std::vector<std::pair<std::vector<std::string>, std::int64_t>> cases = {
        {{"--area", "Alabama"}, 10816000},
        {{"--area", "alabama"}, 10816000},
        {{"--area", "US-AK"}, 12688000},
        {{"--area", "us-ak"}, 12688000},
        {{"--area", "AK", "--country", "US"}, 12688000},
        {{"--area", "District of Columbia"}, 14560000}};
    for (const auto& [arguments, median] : cases) {
        std::vector<std::string> query = arguments;
        query.insert(query.end(), {"--role", "Software Developers"});
        const auto medians = figures(query, "median");
        ASSERT_EQ(medians.size(), 1u) << arguments.at(1);
        EXPECT_EQ(medians[0].at("amount").at("amount_minor"), median) << arguments.at(1);
        EXPECT_EQ(medians[0].at("area_code").get<std::string>().substr(0, 3), "US-");
    }
    // Alaska's A_PCT90 is BLS's '#': at least the top code.
    const auto top = figures({"--area", "Alaska", "--role", "Software Developers"}, "p90");
    ASSERT_EQ(top.size(), 1u);
    EXPECT_EQ(top[0].at("qualifier"), "at_least");
    EXPECT_EQ(top[0].at("amount").at("amount_minor"), 23920000);
    // The table shows the area next to the country; CSV ends with its code and name.
    const auto table = jobkb({"salaries", "--area", "Alabama"});
    EXPECT_NE(table.out.find("Area"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("Alabama"), std::string::npos) << table.out;
    const auto csv = jobkb({"salaries", "--area", "US-AL", "--csv"});
    EXPECT_NE(csv.out.substr(0, csv.out.find('\n')).find(",company_size,area_code,area"),
              std::string::npos)
        << csv.out;
    EXPECT_NE(csv.out.find(",US-AL,Alabama\r\n"), std::string::npos) << csv.out;
    // The country's own figures stay the country's: an area's are not its headline.
    const auto role = jobkb({"roles", "--json"});
    EXPECT_EQ(role.out.find("US-AL"), std::string::npos);
    EXPECT_EQ(jobkb({"check"}).exit_code, 0);
}

TEST_F(Areas, TheMetroRecipeCreatesItsAreasAndUndoRemovesThem) {
    const auto imported = import_table("msa_synthetic_dl.csv", "bls-oews-metro");
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.err.find("created area US: Abilene, TX (10180)"), std::string::npos)
        << imported.err;
    EXPECT_EQ(scalar("SELECT group_concat(code || ' ' || kind, ', ') FROM (SELECT code, kind FROM "
                     "areas WHERE batch_id = 1 ORDER BY code)"),
              "0200001 metro, 10180 metro, 11260 metro");
    for (const std::string& area : {std::string("Abilene, TX"), std::string("10180")}) {
        const auto medians = figures({"--area", area, "--role", "Software Developers"}, "median");
        ASSERT_EQ(medians.size(), 1u) << area;
        EXPECT_EQ(medians[0].at("amount").at("amount_minor"), 9360000) << area;
        EXPECT_EQ(medians[0].at("area"), "Abilene, TX");
    }
    const auto anchorage = figures({"--area", "anchorage, ak"}, "median");
    EXPECT_EQ(anchorage.size(), 2u); // software developers and data scientists
    // The same file again is the same import: no area twice.
    const auto again = import_table("msa_synthetic_dl.csv", "bls-oews-metro");
    EXPECT_NE(again.err.find("already imported"), std::string::npos) << again.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM areas WHERE batch_id IS NOT NULL"), "3");
    const auto undone = jobkb({"imports", "undo", "1"});
    ASSERT_EQ(undone.exit_code, 0) << undone.err;
    EXPECT_NE((undone.out + undone.err).find("3 of its areas removed"), std::string::npos)
        << undone.out << undone.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM areas WHERE batch_id IS NOT NULL"), "0");
    const auto gone = jobkb({"salaries", "--area", "10180"});
    EXPECT_EQ(gone.exit_code, 1);
    EXPECT_NE(gone.err.find("unknown area '10180'"), std::string::npos) << gone.err;
    EXPECT_EQ(jobkb({"check"}).exit_code, 0);
}

TEST_F(Areas, AnAreaInUseByAnotherBatchOutlivesTheUndoOfItsCreator) {
    const auto first =
        file("first.csv", "role,country,currency,amount,as_of,area,area_code\n"
                          "Data Scientist,US,USD,100000,2025,\"Abilene, TX\",10180\n");
    ASSERT_EQ(jobkb({"import", "salaries", first.string(), "--create-areas", "--quiet"}).exit_code,
              0);
    const auto second = file("second.csv", "role,country,currency,amount,as_of,area\n"
                                           "Data Scientist,US,USD,110000,2026,10180\n");
    ASSERT_EQ(jobkb({"import", "salaries", second.string(), "--quiet"}).exit_code, 0);
    ASSERT_EQ(jobkb({"imports", "undo", "1"}).exit_code, 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM areas WHERE code = '10180'"), "1");
    ASSERT_EQ(jobkb({"imports", "undo", "2"}).exit_code, 0);
    // Its creator is undone already: the area goes with the last figures in it.
    EXPECT_EQ(scalar("SELECT count(*) FROM areas WHERE code = '10180'"), "0");
    EXPECT_EQ(jobkb({"check"}).exit_code, 0);
}

TEST_F(Areas, ReportsGroupByAreaAndLevel) {
    const auto csv = file("reports.csv", "role,country,currency,amount,as_of,statistic,area,level\n"
                                         "Data Scientist,US,USD,100000,2025,point,Alabama,senior\n"
                                         "Data Scientist,US,USD,120000,2025,point,Alabama,senior\n"
                                         "Data Scientist,US,USD,90000,2025,point,Alabama,entry\n"
                                         "Data Scientist,US,USD,150000,2025,point,US-AK,senior\n"
                                         "Data Scientist,US,USD,80000,2025,point,,senior\n");
    ASSERT_EQ(jobkb({"import", "salaries", csv.string(), "--quiet"}).exit_code, 0);
    const auto result = jobkb({"salaries", "--reports", "--role", "Data Scientist", "--country",
                               "US", "--by", "area,level", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> groups;
    for (const auto& group : nlohmann::json::parse(result.out)) {
        groups.push_back(
            (group.at("area").is_null() ? std::string("-") : group.at("area").get<std::string>()) +
            " " + group.at("level").get<std::string>() + " " +
            std::to_string(group.at("reports").get<int>()));
    }
    EXPECT_EQ(groups, (std::vector<std::string>{"- senior 1", "Alabama entry 1", "Alabama senior 2",
                                                "Alaska senior 1"}));
    const auto alabama = jobkb({"salaries", "--reports", "--area", "Alabama", "--json"});
    ASSERT_EQ(alabama.exit_code, 0) << alabama.err;
    const auto summary = nlohmann::json::parse(alabama.out);
    ASSERT_EQ(summary.size(), 1u);
    EXPECT_EQ(summary[0].at("reports"), 3);
    const auto table = jobkb({"salaries", "--reports", "--country", "US", "--by", "area"});
    EXPECT_NE(table.out.find("Alaska"), std::string::npos) << table.out;
    const auto combined =
        jobkb({"salaries", "--reports", "--by", "area", "--in", "USD", "--country", "US"});
    EXPECT_EQ(combined.exit_code, 2) << combined.err;
}

TEST_F(Areas, TheExportCarriesTheAreaAndImportsAgain) {
    ASSERT_EQ(import_table("state_synthetic_dl.csv", "bls-oews-state").exit_code, 0);
    const auto path = dir_ / "export.csv";
    const auto exported = jobkb({"export", "salaries", "--output", path.string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    const std::string text = test::read_bytes(path);
    EXPECT_NE(text.substr(0, text.find('\r')).find(",company_size,area"), std::string::npos);
    EXPECT_NE(text.find(",US-AL\r\n"), std::string::npos);
    const test::fs::path other = test::make_seeded_database(dir_, "other.db");
    const auto imported = test::run_cli(
        {"--db", other.string(), "import", "salaries", path.string(), "--create-roles", "--quiet"},
        kToday);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const std::string per_area =
        "SELECT coalesce(a.code, '-'), o.statistic, o.period, o.amount_minor, o.qualifier FROM "
        "salary_observations o LEFT JOIN areas a ON a.id = o.area_id WHERE o.area_id IS NOT NULL "
        "ORDER BY 1, 2, 3, 4";
    EXPECT_EQ(test::query(other, per_area), test::query(db_, per_area));
}

TEST_F(Areas, BadAreasAreOneLineEachAndLeaveTheBase) {
    const std::string before = test::content_dump(db_);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"area\nAlabma", "bad.csv:2: area: unknown area 'Alabma' in US: did you mean Alabama "
                         "(US-AL)"},
        {"area\nCA-ON", "bad.csv:2: area: area 'CA-ON' is in CA, not in the row's country US"},
        {"area\nOntario", "bad.csv:2: area: area 'Ontario' is in CA, not in the row's country US"},
        {"area_code\nUS-", "bad.csv:2: area_code: malformed area code 'US-' (expected 1 to 20 "
                           "letters, digits and inner hyphens"},
        {"area_code\nA L", "bad.csv:2: area_code: malformed area code 'A L'"},
        {"area_code\n99999", "bad.csv:2: area_code: unknown area '99999' in US"},
    };
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
    // Creating areas does not make another country's code this country's.
    const auto foreign = file("foreign.csv", "role,country,currency,amount,as_of,area_code,area\n"
                                             "Data Scientist,US,USD,100000,2025,CA-ON,Ontario\n");
    const auto created = jobkb({"import", "salaries", foreign.string(), "--create-areas"});
    EXPECT_EQ(created.exit_code, 1);
    EXPECT_NE(created.err.find("area 'CA-ON' is in CA"), std::string::npos) << created.err;
    // A bad kind for an area to create.
    const auto kind = file("kind.csv", "role,country,currency,amount,as_of,area,area_kind\n"
                                       "Data Scientist,US,USD,100000,2025,Springfield,Metro!\n");
    const auto bad_kind = jobkb({"import", "salaries", kind.string(), "--create-areas"});
    EXPECT_EQ(bad_kind.exit_code, 1);
    EXPECT_NE(bad_kind.err.find("area_kind: malformed area kind 'metro!'"), std::string::npos)
        << bad_kind.err;
    EXPECT_EQ(test::content_dump(db_), before);
    // An unknown area named by many rows is one problem for all of them.
    const auto many = file("many.csv", "role,country,currency,amount,as_of,area\n"
                                       "Data Scientist,US,USD,100000,2025,Atlantis\n"
                                       "Data Scientist,US,USD,110000,2025,Atlantis\n");
    const auto grouped = jobkb({"import", "salaries", many.string()});
    EXPECT_NE(grouped.err.find("in 2 rows"), std::string::npos) << grouped.err;
    // The query side: unknown, ambiguous by name, another country's.
    const auto unknown = jobkb({"salaries", "--area", "Alabma"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("did you mean Alabama (US-AL)"), std::string::npos) << unknown.err;
    const auto elsewhere = jobkb({"salaries", "--area", "Ontario", "--country", "US"});
    EXPECT_EQ(elsewhere.exit_code, 1);
    EXPECT_NE(elsewhere.err.find("area 'Ontario' is in CA, not in US"), std::string::npos)
        << elsewhere.err;
}

TEST_F(Areas, AnEmptyAreaCellIsTheWholeCountry) {
    const auto csv = file("some.csv", "role,country,currency,amount,as_of,area\n"
                                      "Data Scientist,US,USD,100000,2025,Alabama\n"
                                      "Data Scientist,US,USD,110000,2025,\n"
                                      "Data Scientist,IN,INR,1500000,2025,   \n");
    const auto result = jobkb({"import", "salaries", csv.string(), "--quiet"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT group_concat(coalesce(a.code, o.country_code), ' ') FROM (SELECT * "
                     "FROM salary_observations WHERE batch_id = 1 ORDER BY id) o LEFT JOIN areas "
                     "a ON a.id = o.area_id"),
              "US-AL US IN");
    // The whole country's figure is the US headline again; Alabama's is beside it.
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_latest l JOIN roles r ON r.id = l.role_id "
                     "WHERE r.name = 'Data Scientist' AND l.country_code = 'US' AND "
                     "l.statistic = 'average' AND l.period = 'year'"),
              "2");
    EXPECT_EQ(jobkb({"check"}).exit_code, 0);
}

} // namespace
} // namespace jobkb
