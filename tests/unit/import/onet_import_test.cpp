// import_onet() through the library, on the O*NET 29.2 files in tests/data/onet/: the release as
// the source, occupations matched to the article's roles by code, a newer release replacing an
// older one's rows (and undo bringing them back), repeats, and malformed releases.
#include "jobkb/check.hpp"
#include "jobkb/onet_import.hpp"

#include "support.hpp"

#include <map>

namespace jobkb {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Files = std::map<std::string, std::string>;

const test::fs::path kData = test::source_dir() / "tests" / "data" / "onet";

Files files_of(const test::fs::path& folder) {
    Files files;
    for (const auto& entry : test::fs::directory_iterator(folder)) {
        files[entry.path().filename().string()] = test::read_bytes(entry.path());
    }
    return files;
}

// The file without the lines that contain `text`.
std::string without(const std::string& file, const std::string& text) {
    std::string kept;
    for (std::size_t start = 0; start < file.size();) {
        const std::size_t end = file.find('\n', start);
        const std::string line = file.substr(start, end - start + 1);
        if (line.find(text) == std::string::npos) {
            kept += line;
        }
        start = end == std::string::npos ? file.size() : end + 1;
    }
    return kept;
}

// The mini release as a newer one: version 29.3, a task gone, an alternate title changed, a
// technology skill more.
Files newer(Files files) {
    auto& readme = files["Read Me.txt"];
    readme.replace(readme.find("29.2"), 4, "29.3");
    files["Task Statements.txt"] = without(files["Task Statements.txt"], "\t21824\t");
    auto& titles = files["Alternate Titles.txt"];
    titles.replace(titles.find("Data Analytics Scientist"), 24, "Data Analysis Scientist");
    files["Technology Skills.txt"] +=
        "15-2051.00\tDuckDB\t43232306\tData base user interface and query software\tN\tN\r\n";
    return files;
}

class OnetImport : public test::SeededBase {
protected:
    OnetImportReport import(const Files& files, const std::string& name = "db_29_2_text",
                            OnetImportOptions options = {}) {
        return import_onet(*database_, OnetMemoryFiles(name, files), options);
    }

    Files mini_ = files_of(kData / "29.2-mini");
};

TEST_F(OnetImport, TheReleaseIsTheSourceAndEnrichesTheArticlesRole) {
    const auto report = import_onet(*database_, OnetFolder(kData / "29.2-subset"));
    ASSERT_TRUE(report.committed) << (report.errors.empty() ? "" : describe(report.errors[0]));
    EXPECT_EQ(report.release, "O*NET 29.2 Database");
    EXPECT_EQ(report.version, "29.2");
    EXPECT_EQ(report.release_date, "February 2025");
    EXPECT_EQ(report.occupations, 97);
    EXPECT_EQ(report.roles_created, 96) << "Data Scientist is 15-2051.00 already";
    EXPECT_EQ(report.enriched_roles, (std::vector<std::string>{"Data Scientist (15-2051.00)"}));
    EXPECT_EQ(report.ignored_files,
              (std::vector<std::string>{"Emerging Tasks.txt", "Job Zone Reference.txt",
                                        "Tools Used.txt"}));
    EXPECT_EQ(
        rows("SELECT title, version, licence, attribution, published_on, note FROM sources "
             "WHERE slug = 'o-net-29-2-database'"),
        (Rows{{"O*NET 29.2 Database", "29.2", "CC BY 4.0", onet_attribution("O*NET 29.2 Database"),
               "NULL", "February 2025 release (O*NET text files)"}}));
    EXPECT_EQ(scalar("SELECT content FROM import_batches"), "onet");
    EXPECT_EQ(count("SELECT count(*) FROM roles WHERE name = 'Data Scientists'"), 0)
        << "no second role beside the article's";
    EXPECT_EQ(rows("SELECT rs.title, rs.job_zone FROM role_sources rs JOIN roles r ON r.id = "
                   "rs.role_id WHERE r.slug = 'data-scientist'"),
              (Rows{{"Data Scientists", "4"}}));
    // Every row of the file for 15-2051.00 became a row of the article's Data Scientist.
    EXPECT_EQ(count("SELECT count(*) FROM responsibilities p JOIN roles r ON r.id = p.role_id "
                    "WHERE r.slug = 'data-scientist' AND p.task_id IS NOT NULL"),
              16);
    EXPECT_EQ(count("SELECT count(*) FROM responsibilities p JOIN roles r ON r.id = p.role_id "
                    "WHERE r.slug = 'data-scientist' AND p.task_id IS NULL"),
              5)
        << "the article's responsibilities stay";
    EXPECT_EQ(rows("SELECT rs.relevance, rs.hot_technology, rs.in_demand FROM role_skills rs JOIN "
                   "skills s ON s.id = rs.skill_id JOIN roles r ON r.id = rs.role_id WHERE "
                   "r.slug = 'data-scientist' AND s.name = 'Python' ORDER BY rs.relevance"),
              (Rows{{"key", "0", "0"}, {"technology", "1", "1"}}))
        << "the article's key skill and O*NET's technology skill, side by side";
    EXPECT_EQ(scalar("SELECT c.title FROM skills s JOIN skill_categories c ON c.id = "
                     "s.category_id WHERE s.name = 'Python'"),
              "Object or component oriented development software");
    // Tasks: core before supplemental.
    EXPECT_EQ(rows("SELECT min(p.position) < (SELECT min(position) FROM responsibilities q "
                   "WHERE q.role_id = p.role_id AND q.task_type = 'supplemental') FROM "
                   "responsibilities p JOIN roles r ON r.id = p.role_id WHERE r.name = "
                   "'Computer and Information Research Scientists' AND p.task_type = 'core'"),
              (Rows{{"1"}}));
    EXPECT_EQ(count("SELECT count(*) FROM role_titles WHERE title = 'Data Analyst'"), 5)
        << "one title, five occupations of the subset (nine of the whole release)";
}

TEST_F(OnetImport, TheSameReleaseAgainChangesNothing) {
    const auto first = import(mini_);
    ASSERT_TRUE(first.committed);
    const std::string after = test::content_dump(path_);
    const auto again = import(mini_, "elsewhere/db_29_2_text");
    EXPECT_TRUE(again.already_imported) << "the same bytes, wherever they are";
    EXPECT_EQ(again.existing_batch, first.batch_id);
    // The same content in other bytes (LF line ends): compared row by row, nothing to write.
    Files lf = mini_;
    for (auto& [name, bytes] : lf) {
        std::erase(bytes, '\r');
    }
    const auto same = import(lf, "lf");
    EXPECT_FALSE(same.committed);
    EXPECT_TRUE(same.unchanged);
    EXPECT_EQ(test::content_dump(path_), after);
}

TEST_F(OnetImport, ANewerReleaseReplacesTheOlderOnesRowsAndUndoBringsThemBack) {
    ASSERT_TRUE(import(mini_).committed);
    // A title a user taught stays whatever a release says.
    database_->execute("teaching a title",
                       "INSERT INTO role_titles (title, role_id, kind) SELECT 'Data Analysis "
                       "Scientist', id, 'user' FROM roles WHERE slug = 'data-scientist'");
    const std::string before = content_but_batches();
    const auto report = import(newer(mini_), "db_29_3_text");
    ASSERT_TRUE(report.committed) << (report.errors.empty() ? "" : describe(report.errors[0]));
    EXPECT_EQ(report.roles_created, 0) << "the occupations match by code";
    EXPECT_GT(report.rows_removed, 0);
    const std::string ds = "(SELECT id FROM roles WHERE slug = 'data-scientist')";
    for (const char* table :
         {"role_titles", "responsibilities", "role_skills", "role_sources", "role_relations"}) {
        EXPECT_EQ(count(std::string("SELECT count(*) FROM ") + table +
                        " WHERE source_id = (SELECT id FROM sources WHERE title = 'O*NET 29.2 "
                        "Database')"),
                  0)
            << table << ": the older release's rows are gone";
    }
    EXPECT_EQ(count("SELECT count(*) FROM responsibilities WHERE task_id = 21824"), 0);
    EXPECT_EQ(rows("SELECT kind, source_id IS NULL FROM role_titles WHERE title = 'Data "
                   "Analysis Scientist' AND role_id = " +
                   ds),
              (Rows{{"user", "1"}}))
        << "the user's title, not O*NET's";
    EXPECT_EQ(count("SELECT count(*) FROM role_skills rs JOIN skills s ON s.id = rs.skill_id "
                    "WHERE s.name = 'DuckDB' AND rs.role_id = " +
                    ds),
              1);
    EXPECT_EQ(
        count("SELECT count(*) FROM responsibilities WHERE task_id IS NULL AND role_id = " + ds), 5)
        << "the article's responsibilities are not O*NET's";

    // The older batch cannot go while the newer one builds on it.
    try {
        undo_import_batch(*database_, 1);
        FAIL() << "undid the older release under the newer";
    } catch (const Error& error) {
        EXPECT_EQ(error.hint().kind, HintKind::kUndoFirst);
    }
    undo_import_batch(*database_, report.batch_id);
    EXPECT_EQ(content_but_batches(), before);
    // The dump compares the search documents by their texts; check compares the FTS5 index too.
    for (const auto& problem : check_knowledge_base(*database_)) {
        ADD_FAILURE() << problem.check << ": " << problem.detail;
    }
    // Undoing the first release too leaves the seeded base (and the user's title).
    undo_import_batch(*database_, 1);
    EXPECT_EQ(count("SELECT count(*) FROM roles"), 7);
    EXPECT_EQ(count("SELECT count(*) FROM role_titles"), 1);
}

TEST_F(OnetImport, AnOccupationMatchesARoleByNameWhenNoRoleIsItsCode) {
    database_->execute("adding a role", "INSERT INTO roles (slug, name) VALUES "
                                        "('software-developers', 'Software Developers')");
    const auto report = import(mini_);
    ASSERT_TRUE(report.committed);
    EXPECT_EQ(report.roles_created, 1); // 15-1221.00
    EXPECT_EQ(scalar("SELECT r.slug FROM role_codes c JOIN roles r ON r.id = c.role_id WHERE "
                     "c.code = '15-1252.00' AND c.relation = 'is'"),
              "software-developers");
}

TEST_F(OnetImport, RequiredFilesMalformedLinesAndStrayFiles) {
    const std::string before = test::content_dump(path_);
    for (const char* required : {"Read Me.txt", "Occupation Data.txt"}) {
        Files files = mini_;
        files.erase(required);
        try {
            import(files);
            FAIL() << "imported without " << required;
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), ErrorCode::kNotFound);
            EXPECT_EQ(error.path(), std::string("db_29_2_text/") + required);
        }
    }
    Files files = mini_;
    files["Notes.txt"] = "mine";
    files.erase("Job Zones.txt");
    files["Task Statements.txt"] += "15-2051.00\tabc\tA task.\tCore\t1\t08/2023\tAnalyst\r\n"
                                    "15-9999.00\t1\tA task.\tOptional\t1\t08/2023\tAnalyst\r\n"
                                    "15-2051.00\t2\r\n";
    files["Technology Skills.txt"] += "15-2051.00\tX\t1\tY\tmaybe\tN\r\n";
    const auto report = import(files);
    EXPECT_FALSE(report.committed);
    std::vector<std::string> problems;
    for (const auto& error : report.errors) {
        problems.push_back(describe(error));
    }
    EXPECT_EQ(problems,
              (std::vector<std::string>{
                  "db_29_2_text/Task Statements.txt:52: Task ID: 'abc' is not a positive whole "
                  "number (expected 1, 2, 3, ...)",
                  "db_29_2_text/Task Statements.txt:53: O*NET-SOC Code: 15-9999.00 is not an "
                  "occupation of Occupation Data.txt (expected the code of one of the release's "
                  "occupations)",
                  "db_29_2_text/Task Statements.txt:53: Task Type: 'Optional' is no task type "
                  "(expected Core, Supplemental or n/a)",
                  "db_29_2_text/Task Statements.txt:54: row: has 2 fields, the header has 7 "
                  "(expected one value per column)",
                  "db_29_2_text/Technology Skills.txt:657: Hot Technology: 'maybe' is not Y or N "
                  "(expected Y or N)"}));
    EXPECT_EQ(report.ignored_files, (std::vector<std::string>{"Notes.txt"}));
    EXPECT_EQ(report.missing_files, (std::vector<std::string>{"Job Zones.txt"}));
    EXPECT_EQ(test::content_dump(path_), before);
    // A Read Me that names no release.
    files = mini_;
    files["Read Me.txt"] = "\nHello\n";
    try {
        import(files);
        FAIL();
    } catch (const Error& error) {
        EXPECT_STREQ(error.what(),
                     "db_29_2_text/Read Me.txt:2: release: 'Hello' does not name an O*NET release "
                     "(expected the Read Me.txt of an O*NET text release, whose first line names "
                     "it: O*NET 29.2 Database)");
    }
}

TEST_F(OnetImport, ADryRunReportsAndWritesNothing) {
    const std::string before = test::content_dump(path_);
    OnetImportOptions options;
    options.dry_run = true;
    const auto report = import(mini_, "db_29_2_text", options);
    EXPECT_FALSE(report.committed);
    EXPECT_EQ(report.roles_created, 2);
    EXPECT_GT(report.rows_added, 0);
    EXPECT_EQ(test::content_dump(path_), before);
}

} // namespace
} // namespace jobkb
