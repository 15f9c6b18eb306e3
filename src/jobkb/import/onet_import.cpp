// import_onet(): an O*NET text release as one batch: its files found and hashed, Read Me.txt's
// release made the source, then each file read in the order its content needs (onet_sections.cpp).
#include "jobkb/import/batches.hpp"
#include "jobkb/import/diagnostics.hpp"
#include "jobkb/import/onet_run.hpp"
#include "jobkb/import/validation.hpp"
#include "jobkb/sha256.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

namespace jobkb {

namespace detail {

OnetRun::OnetRun(Database& db, const OnetImportOptions& options_, OnetImportReport& report_,
                 std::string doing_, std::int64_t batch, std::int64_t source,
                 std::string onet_sources)
    : database(db), options(options_), report(report_), doing(std::move(doing_)), batch_id(batch),
      source_id(source), log(db, doing, batch), roles(db, doing),
      writer(db, doing, batch, source, std::move(onet_sources), log) {}

void OnetRun::problem(Diagnostic diagnostic) {
    ++report.error_count;
    if (report.errors.size() < options.max_errors) {
        report.errors.push_back(std::move(diagnostic));
    }
    if (report.error_count >= options.max_errors) {
        report.stopped_early = true;
    }
}

} // namespace detail

namespace {

using namespace jobkb::detail;

struct ReleaseFile {
    std::string_view name;
    void (*read)(OnetRun& run, InputSource& input, OnetFileReport& file);
};

// In the order their content needs: job zones before the occupations they describe, the
// occupations before everything that refers to them.
const std::array<ReleaseFile, 7> kReleaseFiles = {{
    {kOnetFiles[0], read_job_zones},
    {kOnetFiles[1], read_occupations},
    {kOnetFiles[2], read_alternate_titles},
    {kOnetFiles[3], read_reported_titles},
    {kOnetFiles[4], read_tasks},
    {kOnetFiles[5], read_technology},
    {kOnetFiles[6], read_relations},
}};

constexpr std::size_t kMaxReadMeBytes = 64 * 1024;
constexpr const char* kPublisher =
    "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)";
constexpr const char* kDatabaseUrl = "https://www.onetcenter.org/database.html";

struct ReadMe {
    std::string release; // "O*NET 29.2 Database"
    std::string version; // "29.2"
    std::string date;    // "February 2025"
    std::optional<std::string> licence;
};

// Read Me.txt names the release on its first line ("O*NET 29.2 Database") and its date on the
// second ("February 2025 Release"), and says under which licence it is published.
ReadMe read_me(const OnetFiles& files) {
    const std::string path = files.path_of(std::string(kOnetReadMe));
    const auto in = files.open(std::string(kOnetReadMe));
    std::string text(kMaxReadMeBytes, '\0');
    in->read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in->gcount()));
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.erase(0, 3);
    }
    const auto refuse = [&](std::size_t line, const std::string& problem) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}:{}: release: {} (expected the Read Me.txt of an O*NET text "
                                "release, whose first line names it: O*NET 29.2 Database)",
                                path, line, problem));
    };
    if (!valid_utf8(text) || text.find('\0') != std::string::npos) {
        refuse(1, "the file is not UTF-8 text");
    }
    std::vector<std::pair<std::size_t, std::string>> lines; // the first two non-blank ones
    std::size_t number = 0;
    for (std::size_t start = 0; start < text.size() && lines.size() < 2;) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        ++number;
        if (std::string line = trimmed(std::string_view(text).substr(start, end - start));
            !line.empty()) {
            lines.emplace_back(number, std::move(line));
        }
        start = end + 1;
    }
    if (lines.empty()) {
        refuse(1, "the file is empty");
    }
    const auto& [line, first] = lines.front();
    const bool shaped =
        first.starts_with("O*NET ") && first.ends_with(" Database") && first.size() > 15;
    const std::string version = shaped ? first.substr(6, first.size() - 15) : "";
    const bool numbered =
        !version.empty() && std::all_of(version.begin(), version.end(),
                                        [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    if (!shaped || !numbered || has_control_characters(first)) {
        refuse(line, "'" + one_line(elided(first, 80)) + "' does not name an O*NET release");
    }
    ReadMe readme{first, version, "", std::nullopt};
    if (lines.size() > 1 && lines[1].second.ends_with(" Release") &&
        !has_control_characters(lines[1].second)) {
        readme.date = lines[1].second.substr(0, lines[1].second.size() - 8);
    }
    if (text.find("Creative Commons Attribution 4.0") != std::string::npos) {
        readme.licence = "CC BY 4.0";
    }
    return readme;
}

// The SHA-256 of one file's bytes.
std::string file_sha(const OnetFiles& files, const std::string& name) {
    const auto in = files.open(name);
    InputSource input(*in, files.path_of(name));
    std::array<char, 1 << 16> buffer; // read into, so not zeroed first
    while (input.read(buffer.data(), buffer.size()) > 0) {
    }
    return input.sha256();
}

// The release's source: found by title or slug, else made; its version, licence and attribution
// brought up to date (kept for undo).
std::int64_t release_source(Database& database, const std::string& doing, const ReadMe& readme,
                            std::optional<std::int64_t>& outdated) {
    Statement find(database, doing,
                   "SELECT id, version IS :version AND licence IS :licence AND attribution IS "
                   ":attribution FROM sources WHERE title = :title COLLATE NOCASE ORDER BY id "
                   "LIMIT 1");
    const std::string attribution = onet_attribution(readme.release);
    {
        auto row = find.use()
                       .bind(":title", readme.release)
                       .bind(":version", readme.version)
                       .bind(":licence", readme.licence)
                       .bind(":attribution", attribution);
        if (row.step()) {
            if (row.integer(1) == 0) {
                outdated = row.int64(0);
            }
            return row.int64(0);
        }
    }
    Statement taken(database, doing, "SELECT 1 FROM sources WHERE slug = :slug");
    Statement insert(database, doing,
                     "INSERT INTO sources (slug, title, publisher, url, note, version, licence, "
                     "attribution) VALUES (:slug, :title, :publisher, :url, :note, :version, "
                     ":licence, :attribution) RETURNING id");
    const std::string slug = unique_slug(taken, readme.release);
    return insert.use()
        .bind(":slug", slug)
        .bind(":title", readme.release)
        .bind(":publisher", kPublisher)
        .bind(":url", kDatabaseUrl)
        .bind(":note", readme.date.empty() ? std::string("O*NET text release")
                                           : readme.date + " release (O*NET text files)")
        .bind(":version", readme.version)
        .bind(":licence", readme.licence)
        .bind(":attribution", attribution)
        .single_row()
        .int64(0);
}

} // namespace

OnetImportReport import_onet(Database& database, const OnetFiles& files,
                             const OnetImportOptions& options) {
    OnetImportReport report;
    const std::string doing = "importing " + files.name();
    const std::vector<std::string> names = files.file_names();
    const std::set<std::string> present(names.begin(), names.end());
    for (const std::string_view required : {kOnetReadMe, kOnetOccupations}) {
        if (!present.count(std::string(required))) {
            throw Error(ErrorCode::kNotFound,
                        ErrorDetails{files.path_of(std::string(required)),
                                     {},
                                     "missing (expected an O*NET text release folder, which "
                                     "always has Read Me.txt and Occupation Data.txt)",
                                     {}});
        }
    }
    const ReadMe readme = read_me(files);
    report.release = readme.release;
    report.version = readme.version;
    report.release_date = readme.date;

    // What the batch is: the bytes of every file it reads and which files those are.
    std::string hashes =
        std::string(kOnetReadMe) + "\n" + file_sha(files, std::string(kOnetReadMe));
    std::string settings = "format=onet-text;files=" + std::string(kOnetReadMe);
    std::vector<std::string> shas;
    for (const ReleaseFile& file : kReleaseFiles) {
        const std::string name(file.name);
        shas.push_back(present.count(name) ? file_sha(files, name) : "");
        if (present.count(name)) {
            hashes += "\n" + name + "\n" + shas.back();
            settings += "," + name;
        } else {
            report.missing_files.push_back(name);
        }
    }
    for (const std::string& name : names) {
        const bool read = name == kOnetReadMe ||
                          std::any_of(kReleaseFiles.begin(), kReleaseFiles.end(),
                                      [&](const ReleaseFile& f) { return f.name == name; });
        if (!read) {
            report.ignored_files.push_back(name);
        }
    }
    const std::string sha = sha256_hex(hashes);

    database.execute("tuning for the import",
                     "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY");
    WriteTransaction transaction(database);
    std::optional<std::int64_t> outdated_source;
    const std::int64_t source = release_source(database, doing, readme, outdated_source);
    Batches batches(database, doing);
    const std::int64_t batch =
        batches.start(files.name(), settings, InputFormat::kTsv, source, kOnetContent);
    if (const auto earlier = batches.earlier_import(sha, settings, batch, kOnetContent)) {
        report.already_imported = true;
        report.existing_batch = earlier->batch_id;
        return report; // rolled back: nothing changes
    }
    // The sources of the releases in the base (this one's too, its batch being one of them):
    // what they say of a role is what this release replaces.
    Statement releases(database, doing,
                       "SELECT json_group_array(DISTINCT source_id) FROM import_batches WHERE "
                       "content = 'onet' AND undone_at IS NULL");
    OnetRun run(database, options, report, doing, batch, source,
                releases.use().single_row().text(0));
    if (outdated_source) {
        run.log.before_update("sources", {{"id", *outdated_source}});
        Statement update(database, doing,
                         "UPDATE sources SET version = :version, licence = :licence, "
                         "attribution = :attribution WHERE id = :source");
        update.use()
            .bind(":version", readme.version)
            .bind(":licence", readme.licence)
            .bind(":attribution", onet_attribution(readme.release))
            .bind(":source", source)
            .exec();
    }
    run.title_kinds = std::string("('occupation'") +
                      (present.count(std::string(kOnetFiles[2])) ? ", 'alternate', 'short'" : "") +
                      (present.count(std::string(kOnetFiles[3])) ? ", 'reported'" : "") + ")";

    std::int64_t rows_read = 0;
    for (std::size_t i = 0; i < kReleaseFiles.size() && !run.stopped(); ++i) {
        const std::string name(kReleaseFiles[i].name);
        if (!present.count(name)) {
            continue;
        }
        const auto in = files.open(name);
        InputSource input(*in, files.path_of(name));
        OnetFileReport& file = report.files.emplace_back(OnetFileReport{name, 0, 0, 0});
        kReleaseFiles[i].read(run, input, file);
        if (input.sha256() != shas[i]) {
            throw Error(
                ErrorCode::kIo,
                ErrorDetails{input.name(), doing, "the file changed while it was being read", {}});
        }
        rows_read += file.rows;
        report.rows_added += file.added;
        report.rows_removed += file.removed;
        if (name == kOnetOccupations && report.occupations == 0 && report.error_count == 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        input.name() + ":1: the file has no occupations (expected a header and "
                                       "a line for each occupation)");
        }
        if (name == kOnetOccupations) {
            for (const auto& [code, zone] : run.job_zones) {
                if (!run.occupations.count(code)) {
                    run.problem({files.path_of(std::string(kOnetFiles[0])),
                                 zone.second,
                                 "O*NET-SOC Code",
                                 code + " is not an occupation of " + std::string(kOnetOccupations),
                                 "the code of one of the release's occupations",
                                 {}});
                }
            }
        }
    }
    if (report.error_count > 0) {
        return report;
    }
    if (report.rows_added == 0 && report.rows_removed == 0 && run.log.entries() == 0) {
        report.unchanged = true;
        return report;
    }
    batches.finish(batch, sha, {rows_read, report.rows_added, 0});
    if (options.dry_run) {
        return report;
    }
    transaction.commit();
    report.batch_id = batch;
    report.committed = true;
    return report;
}

} // namespace jobkb
