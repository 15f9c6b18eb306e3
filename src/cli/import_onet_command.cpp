// jobkb import onet DIR: an O*NET text release (its folder, as O*NET publishes it) as one batch.
#include "cli/commands.hpp"
#include "cli/hints.hpp"

#include "jobkb/error.hpp"
#include "jobkb/onet_import.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {
namespace {

struct ImportOnetOptions {
    std::string folder;
    std::size_t max_errors = 20;
    bool dry_run = false;
};

std::string list_of(const std::vector<std::string>& items, std::size_t limit = 8) {
    std::string text;
    for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
        text += (text.empty() ? "" : ", ") + items[i];
    }
    if (items.size() > limit) {
        text += fmt::format(" and {} more", items.size() - limit);
    }
    return text;
}

Listing files_listing(const OnetImportReport& report) {
    Listing listing;
    listing.columns = {{"file", "File"},
                       {"rows", "Rows", Align::kRight},
                       {"added", "Added", Align::kRight},
                       {"replaced", "Replaced", Align::kRight}};
    for (const auto& file : report.files) {
        listing.rows.push_back({file.file, file.rows, file.added, file.removed});
    }
    return listing;
}

void report_outcome(Context& context, const ImportOnetOptions& options,
                    const OnetImportReport& report) {
    for (const auto& error : report.errors) {
        context.err << describe(error, cli_hint) << '\n';
    }
    if (report.error_count > 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: nothing imported: {} problem(s) in the release{}",
                                options.folder, report.error_count,
                                report.stopped_early ? fmt::format(", stopped at --max-errors {}",
                                                                   options.max_errors)
                                                     : std::string()));
    }
    if (!report.ignored_files.empty()) {
        context.note(fmt::format("{}: not read (jobkb imports nothing from them): {}",
                                 options.folder, list_of(report.ignored_files)));
    }
    if (!report.missing_files.empty()) {
        context.note(fmt::format("{}: the release has no {}: what they give stays as the base "
                                 "has it",
                                 options.folder, list_of(report.missing_files)));
    }
    if (report.already_imported) {
        context.note(fmt::format("{}: {} was already imported from these files as batch {}: "
                                 "nothing changed",
                                 options.folder, report.release, report.existing_batch));
        return;
    }
    if (report.unchanged) {
        context.note(fmt::format("{}: the base already holds everything {} says: nothing changed",
                                 options.folder, report.release));
        return;
    }
    const bool dry = options.dry_run;
    std::ostream& out = dry ? context.out : context.err;
    OutputOptions table;
    table.color = context.use_color() && dry;
    write_listing(out, files_listing(report), table);
    if (!report.enriched_roles.empty()) {
        context.note(fmt::format("{} O*NET's content to existing role(s): {}",
                                 dry ? "would add" : "added", list_of(report.enriched_roles, 20)));
    }
    if (report.relations_skipped > 0) {
        context.note(fmt::format("{} related occupation(s) left out: neither the release nor the "
                                 "base has them",
                                 report.relations_skipped));
    }
    context.note(fmt::format(
        "{}{}: {}{}: {} occupation(s), {} new role(s), {} new skill(s), {} row(s) added, {} "
        "replaced{}",
        dry ? "dry run, nothing written: " : "", options.folder, report.release,
        report.release_date.empty() ? "" : " (" + report.release_date + ")", report.occupations,
        report.roles_created, report.skills_created, report.rows_added, report.rows_removed,
        report.committed ? fmt::format(" (batch {})", report.batch_id) : ""));
}

void run_import_onet(Context& context, const ImportOnetOptions& options) {
    const OnetFolder folder(options.folder);
    context.create_default_if_missing();
    auto database = context.open(Access::kReadWrite);
    OnetImportOptions import_options;
    import_options.dry_run = options.dry_run;
    import_options.max_errors = options.max_errors;
    report_outcome(context, options, import_onet(*database, folder, import_options));
}

} // namespace

void register_import_onet(CLI::App& import, Context& context) {
    auto options = std::make_shared<ImportOnetOptions>();
    auto* onet = import.add_subcommand("onet", "Import an O*NET database release (text files)");
    onet->add_option("DIR", options->folder,
                     "The release's folder, as O*NET publishes it (db_29_2_text)")
        ->required()
        ->option_text("PATH");
    onet->add_option("--max-errors", options->max_errors,
                     "Report at most this many problems (default 20)")
        ->check(whole_number(1));
    onet->add_flag("--dry-run", options->dry_run,
                   "Check the release and show what would be added and replaced; write nothing");
    onet->footer(
        "Reads Read Me.txt (the release, its date and licence: it becomes the source) and "
        "Occupation Data.txt (required), then Job Zones, Alternate Titles, Sample of Reported "
        "Titles, Task Statements, Technology Skills and Related Occupations (each optional: "
        "without it, what it gives stays as the base has it); other files are not read. "
        "Occupations match roles by O*NET-SOC code (the role that is it), else by name; the "
        "others become roles. What an earlier release said of a role is replaced by this "
        "release's; what other sources say stays. One transaction: any malformed line "
        "(FILE:LINE: field: ...) means nothing is written. The same release again changes "
        "nothing; 'jobkb imports undo' puts back what was there. O*NET data is CC BY 4.0: "
        "'jobkb role' shows the attribution.\n\nExamples:\n"
        "  jobkb import onet db_29_2_text --dry-run\n"
        "  jobkb import onet ~/Downloads/db_29_2_text");
    onet->callback([&context, options] { run_import_onet(context, *options); });
}

} // namespace jobkb::cli
