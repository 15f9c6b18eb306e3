// No double counting (issue 12, item 8): the same bytes under another name or on standard input
// are one import; a figure the base holds already from the same source, and that counts, is
// unchanged; individual reports compare as a multiset per source (identical reports inside one
// survey all stay, the survey read again adds nothing); a later snapshot with --supersede keeps
// its copy of what it repeats; an export imported into a seeded base gives back exactly the
// exported figures.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

const test::Variables kToday{{"JOBKB_TODAY", "2026-11-23"}};
const std::string kHeader = "role,country,currency,amount,period,statistic,as_of,source\n";

class NoDoubleCounting : public ::testing::Test {
protected:
    void SetUp() override { db_ = test::make_seeded_database(dir_); }

    test::CommandResult jobkb(std::vector<std::string> arguments, const test::fs::path& db = {}) {
        arguments.insert(arguments.begin(), {"--db", (db.empty() ? db_ : db).string()});
        return test::run_cli(arguments, kToday);
    }

    test::CommandResult import(const test::fs::path& file, std::vector<std::string> more = {}) {
        std::vector<std::string> arguments = {"import", "salaries", file.string()};
        arguments.insert(arguments.end(), more.begin(), more.end());
        return jobkb(arguments);
    }

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }

    std::string scalar(const std::string& sql) { return test::query(db_, sql).at(0).at(0); }

    std::string observations() { return scalar("SELECT count(*) FROM salary_observations"); }
    std::string batches() { return scalar("SELECT count(*) FROM import_batches"); }

    test::TempDir dir_;
    test::fs::path db_;
};

TEST_F(NoDoubleCounting, TheSameBytesUnderAnotherNameOrOnStandardInputAreOneImport) {
    const std::string text = kHeader + "Data Scientist,US,USD,120000,year,median,2026-06,\n"
                                       "NLP Engineer,US,USD,110000,year,median,2026-06,\n";
    ASSERT_EQ(import(file("first.csv", text)).exit_code, 0);
    const std::string count = observations();
    const auto renamed = import(file("renamed.csv", text));
    EXPECT_EQ(renamed.exit_code, 0) << renamed.err;
    EXPECT_NE(renamed.err.find("already imported"), std::string::npos) << renamed.err;
    const auto piped = test::run_cli_with_input(
        {"--db", db_.string(), "import", "salaries", "-", "--input-format", "csv"}, text, kToday);
    EXPECT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_NE(piped.err.find("already imported"), std::string::npos) << piped.err;
    EXPECT_EQ(observations(), count);
    EXPECT_EQ(batches(), "1");
    // A source named on the command line is a setting: the same bytes as another source's
    // figures are another publication's.
    ASSERT_EQ(import(file("again.csv", text), {"--source", "Another survey"}).exit_code, 0);
    EXPECT_EQ(std::stoi(observations()), std::stoi(count) + 2);
}

TEST_F(NoDoubleCounting, AFigureTheSameSourceHoldsAlreadyIsUnchanged) {
    ASSERT_EQ(
        import(file("q2.csv", kHeader + "Data Scientist,US,USD,120000,year,median,2026-06,Pay "
                                        "survey\n"
                                        "NLP Engineer,US,USD,110000,year,median,2026-06,Pay "
                                        "survey\n"))
            .exit_code,
        0);
    const int before = std::stoi(observations());
    // The next file repeats both figures (other bytes: a new row and another line order) and
    // changes nothing about them: only the new figure is stored.
    const auto next =
        import(file("q3.csv", kHeader + "NLP Engineer,US,USD,110000,year,median,2026-06,Pay "
                                        "survey\n"
                                        "MLOps Engineer,US,USD,130000,year,median,2026-06,Pay "
                                        "survey\n"
                                        "Data Scientist,US,USD,120000,year,median,2026-06,Pay "
                                        "survey\n"));
    ASSERT_EQ(next.exit_code, 0) << next.err;
    EXPECT_NE(next.err.find("1 inserted, 2 unchanged"), std::string::npos) << next.err;
    EXPECT_EQ(std::stoi(observations()), before + 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE batch_id = 2"), "1");
    // Another amount, date or qualifier of the same key is a new figure, not a repeat.
    const auto changed = import(file("q4.csv", kHeader + "NLP Engineer,US,USD,110001,year,median,"
                                                         "2026-06,Pay survey\n"
                                                         "NLP Engineer,US,USD,110000,year,median,"
                                                         "2026-09,Pay survey\n"));
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_EQ(std::stoi(observations()), before + 3);
    // All of a file there already: no error, no batch, nothing changed.
    const std::string batch_count = batches();
    const auto same =
        import(file("q3-copy.csv", kHeader + "MLOps Engineer,US,USD,130000,year,median,"
                                             "2026-06,Pay survey\n"));
    EXPECT_EQ(same.exit_code, 0) << same.err;
    EXPECT_NE(same.err.find("nothing changed: all 1 figure(s) of its 1 row(s) are in the base "
                            "already, from the same source"),
              std::string::npos)
        << same.err;
    EXPECT_EQ(batches(), batch_count);
    EXPECT_EQ(std::stoi(observations()), before + 3);
    // The dry run says the same and writes nothing.
    const auto dry =
        import(file("q3-dry.csv", kHeader + "MLOps Engineer,US,USD,130000,year,median,"
                                            "2026-06,Pay survey\n"
                                            "AI Engineer,US,USD,100000,year,median,2026-06,Pay "
                                            "survey\n"),
               {"--dry-run", "--create-roles"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.err.find("1 would be inserted, 1 unchanged"), std::string::npos) << dry.err;
}

TEST_F(NoDoubleCounting, IndividualReportsAreAMultisetPerSource) {
    const std::string two_alike = "Data Scientist,US,USD,150000,year,point,2022,\n"
                                  "Data Scientist,US,USD,150000,year,point,2022,\n"
                                  "Data Scientist,US,USD,90000,year,point,2022,\n";
    const auto first =
        import(file("ds_salaries.csv", kHeader + two_alike), {"--source", "ai-jobs"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string reports = "SELECT count(*) FROM salary_observations WHERE statistic = "
                                "'point' AND amount_minor = 15000000";
    EXPECT_EQ(scalar(reports), "2") << "two people, the same title and pay: both stay";
    // The survey again under another name, with one more identical report: only that one is new.
    const auto again =
        import(file("salaries.csv",
                    kHeader + two_alike + "Data Scientist,US,USD,150000,year,point,2022,\n"),
               {"--source", "ai-jobs"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("1 inserted, 3 unchanged"), std::string::npos) << again.err;
    EXPECT_EQ(scalar(reports), "3");
    // The same reports from another source are that source's own.
    const auto other = import(file("other.csv", kHeader + two_alike), {"--source", "Other"});
    ASSERT_EQ(other.exit_code, 0) << other.err;
    EXPECT_EQ(scalar(reports), "5");
    // Undoing the second batch takes back only its one report.
    ASSERT_EQ(jobkb({"imports", "undo", "2"}).exit_code, 0);
    EXPECT_EQ(scalar(reports), "4");
}

TEST_F(NoDoubleCounting, ASupersedingSnapshotKeepsItsCopyOfWhatItRepeats) {
    ASSERT_EQ(
        import(file("may.csv", kHeader + "Data Scientist,US,USD,120000,year,median,2026-05,BLS\n"
                                         "NLP Engineer,US,USD,110000,year,median,2026-05,BLS\n"),
               {"--source", "BLS"})
            .exit_code,
        0);
    const auto june =
        import(file("june.csv", kHeader + "Data Scientist,US,USD,120000,year,median,2026-05,BLS\n"
                                          "NLP Engineer,US,USD,115000,year,median,2026-06,BLS\n"),
               {"--source", "BLS", "--supersede"});
    ASSERT_EQ(june.exit_code, 0) << june.err;
    // The first snapshot no longer counts, so the second holds both of its figures.
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE batch_id = 2"), "2");
    EXPECT_EQ(scalar("SELECT count(*) FROM latest_salaries WHERE source = 'BLS'"), "2");
    EXPECT_EQ(scalar("SELECT group_concat(amount_minor, ' ') FROM (SELECT o.amount_minor FROM "
                     "salary_latest l JOIN salary_observations o ON o.id = l.observation_id "
                     "WHERE o.source_id = (SELECT id FROM sources WHERE title = 'BLS') ORDER BY "
                     "o.amount_minor)"),
              "11500000 12000000");
}

TEST_F(NoDoubleCounting, AnExportImportedIntoASeededBaseGivesBackTheSameFigures) {
    ASSERT_EQ(import(file("extra.csv",
                          kHeader + "Data Scientist,US,USD,120000,year,median,2026-05,BLS\n"
                                    "Data Scientist,US,USD,150000,year,point,2022,ai-jobs\n"
                                    "Data Scientist,US,USD,150000,year,point,2022,ai-jobs\n"
                                    "Data Scientist,IN,INR,1500000.50,year,p90,2026-05,BLS\n"))
                  .exit_code,
              0);
    // A later snapshot supersedes one of the sources: its earlier figures stop counting.
    ASSERT_EQ(import(file("later.csv", kHeader + "NLP Engineer,US,USD,99000,year,median,2026-08,"
                                                 "Late\n"),
                     {"--source", "Late"})
                  .exit_code,
              0);
    ASSERT_EQ(import(file("later2.csv", kHeader + "NLP Engineer,US,USD,98000,year,median,2026-09,"
                                                  "Late\n"),
                     {"--source", "Late", "--supersede"})
                  .exit_code,
              0);
    const auto exported = dir_ / "export.csv";
    ASSERT_EQ(jobkb({"export", "salaries", "-o", exported.string()}).exit_code, 0);
    const std::string text = test::read_bytes(exported);
    EXPECT_EQ(text.find("99000"), std::string::npos) << "superseded figures are not exported";

    test::TempDir other;
    const auto fresh = test::make_seeded_database(other);
    const auto imported = jobkb({"import", "salaries", exported.string()}, fresh);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // The article's figures are the seed's own: unchanged, not doubled.
    EXPECT_NE(imported.err.find("5 inserted, 17 unchanged"), std::string::npos) << imported.err;
    const auto again = other.path() / "again.csv";
    ASSERT_EQ(jobkb({"export", "salaries", "-o", again.string()}, fresh).exit_code, 0);
    EXPECT_EQ(test::read_bytes(again), text);
    const std::string latest =
        "SELECT role, country, statistic, period, currency, amount, as_of, source, qualifier "
        "FROM latest_salaries ORDER BY 1, 2, 3, 4, 5, 6";
    EXPECT_EQ(test::query(fresh, latest), test::query(db_, latest));
    // --all writes the superseded figures too.
    const auto all = dir_ / "all.csv";
    ASSERT_EQ(jobkb({"export", "salaries", "--all", "-o", all.string()}).exit_code, 0);
    EXPECT_NE(test::read_bytes(all).find("99000"), std::string::npos);
}

} // namespace
} // namespace jobkb
