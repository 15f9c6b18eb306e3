// jobkb import roles FILE: roles with their codes, names, skills, industries and
// responsibilities, as one batch.
#include "cli/commands.hpp"
#include "cli/hints.hpp"
#include "cli/import_input.hpp"

#include "jobkb/error.hpp"
#include "jobkb/role_import.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {
namespace {

struct ImportRolesOptions {
    std::string file;
    std::string input_format;
    std::vector<std::string> mappings;
    std::vector<std::string> constants;
    std::string source;
    std::size_t max_errors = 20;
    bool ignore_unknown = false;
    bool skip_invalid = false;
    bool dry_run = false;
    bool quiet = false;
};

// "+2", or nothing for none.
CellValue added(std::int64_t count) {
    return count == 0 ? CellValue{} : CellValue{fmt::format("+{}", count)};
}

Listing changes_listing(const RoleImportReport& report) {
    Listing listing;
    listing.columns = {{"role", "Role", Align::kLeft, 30},
                       {"change", "Change"},
                       {"summary", "Summary"},
                       {"codes", "Codes", Align::kRight},
                       {"aliases", "Aliases", Align::kRight},
                       {"titles", "Titles", Align::kRight},
                       {"key_skills", "Key skills", Align::kRight},
                       {"mentioned_skills", "Mentioned", Align::kRight},
                       {"industries", "Industries", Align::kRight},
                       {"responsibilities", "Responsibilities", Align::kRight}};
    for (const RoleChange& change : report.changes) {
        listing.rows.push_back({change.role, std::string(change.created ? "new role" : "updated"),
                                std::string(change.created           ? ""
                                            : change.summary_changed ? "replaced"
                                                                     : ""),
                                added(change.codes), added(change.aliases), added(change.titles),
                                added(change.key_skills), added(change.mentioned_skills),
                                added(change.industries), added(change.responsibilities)});
    }
    return listing;
}

std::string names_of(const std::vector<std::string>& names, std::int64_t count) {
    std::string text;
    for (const auto& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    if (count > static_cast<std::int64_t>(names.size())) {
        text += fmt::format(" and {} more", count - static_cast<std::int64_t>(names.size()));
    }
    return text;
}

void report_outcome(Context& context, const ImportRolesOptions& options,
                    const RoleImportReport& report) {
    for (const auto& error : report.errors) {
        context.err << describe(error, cli_hint) << '\n';
    }
    if (report.error_count > report.errors.size()) {
        context.note(fmt::format("{}: {} more error(s) not shown (raise --max-errors)",
                                 options.file, report.error_count - report.errors.size()));
    }
    if (report.already_imported) {
        context.note(fmt::format("{} was already imported with these settings as batch {}: "
                                 "nothing changed",
                                 options.file, report.existing_batch));
        return;
    }
    if (report.rows_rejected > 0 && !options.skip_invalid) {
        const std::string hint = cli_hint({HintKind::kSkipInvalid, {}, {}});
        throw Error(ErrorCode::kInvalidArgument,
                    report.stopped_early
                        ? fmt::format("{}: nothing imported: {} invalid row(s) in the first {} "
                                      "read, stopped at --max-errors ({})",
                                      options.file, report.rows_rejected, report.rows_read, hint)
                        : fmt::format("{}: nothing imported: {} of {} row(s) are invalid ({})",
                                      options.file, report.rows_rejected, report.rows_read, hint));
    }
    const bool dry = options.dry_run;
    if (report.rows_inserted == 0) {
        context.note(fmt::format("{}: nothing to change: the base already has the {} role(s) as "
                                 "the file gives them{}",
                                 options.file, report.rows_unchanged,
                                 report.rows_rejected > 0
                                     ? fmt::format(" ({} row(s) rejected)", report.rows_rejected)
                                     : std::string()));
        return;
    }
    std::ostream& out = dry ? context.out : context.err;
    OutputOptions table;
    table.color = context.use_color() && dry;
    write_listing(out, changes_listing(report), table);
    if (report.change_count > report.changes.size()) {
        context.note(fmt::format("... and {} more changed role(s)",
                                 report.change_count - report.changes.size()));
    }
    if (report.created_skill_count > 0) {
        context.note(fmt::format("{} skill(s): {}", dry ? "would add" : "added",
                                 names_of(report.created_skills, report.created_skill_count)));
    }
    if (report.created_industry_count > 0) {
        context.note(
            fmt::format("{} industries: {}", dry ? "would add" : "added",
                        names_of(report.created_industries, report.created_industry_count)));
    }
    const auto updated = static_cast<std::int64_t>(report.change_count) - report.roles_created;
    context.note(
        fmt::format("{}{}: {} row(s) read, {} new role(s), {} updated, {} unchanged, {} rejected{}",
                    dry ? "dry run, nothing written: " : "", options.file, report.rows_read,
                    report.roles_created, updated, report.rows_unchanged, report.rows_rejected,
                    report.committed ? fmt::format(" (batch {})", report.batch_id) : ""));
}

void run_import_roles(Context& context, const ImportRolesOptions& arguments) {
    FileImportOptions options;
    options.file_name = arguments.file;
    options.mapping = field_pairs(arguments.mappings, "--map", kRoleImportFields);
    options.constants = field_pairs(arguments.constants, "--set", kRoleImportFields);
    options.ignore_unknown = arguments.ignore_unknown;
    options.max_errors = arguments.max_errors;
    options.skip_invalid = arguments.skip_invalid;
    options.dry_run = arguments.dry_run;
    if (!arguments.source.empty()) {
        options.source = arguments.source;
    }
    if (const auto today = context.environment.get("JOBKB_TODAY")) {
        options.today = *today;
    }
    const std::optional<InputFormat> format =
        input_format_of(arguments.file, arguments.input_format);
    ImportInput input(context, arguments.file, arguments.quiet);
    options.format = format ? *format : detect_input_format(input.source());
    context.create_default_if_missing();
    auto database = context.open(Access::kReadWrite);
    RoleImportReport report;
    try {
        report = import_roles(*database, input.source(), options);
    } catch (const InputError& refused) {
        throw Error(refused.code(), describe(refused.diagnostics(), cli_hint));
    }
    input.done();
    report_outcome(context, arguments, report);
}

} // namespace

void register_import_roles(CLI::App& import, Context& context) {
    auto options = std::make_shared<ImportRolesOptions>();
    auto* roles = import.add_subcommand("roles", "Import roles with their codes, names and skills");
    roles
        ->add_option("FILE", options->file,
                     "CSV, TSV, JSON (array of objects), NDJSON or an Excel workbook (.xlsx); "
                     "- reads stdin")
        ->required()
        ->option_text("FILE");
    roles->add_option("--input-format", options->input_format,
                      "csv, tsv, json, ndjson or xlsx (default: by the file's extension; for - "
                      "by its first bytes)");
    roles
        ->add_option("--map", options->mappings,
                     "Read FIELD from the file's COLUMN, e.g. --map role=job_title")
        ->option_text("FIELD=COLUMN");
    roles
        ->add_option("--set", options->constants,
                     "Give FIELD this value in every row, e.g. --set within=15-1221.00")
        ->option_text("FIELD=VALUE");
    roles->add_option("--source", options->source,
                      "The source of the roles and links (title or slug; created if new; "
                      "default: the file name)");
    roles->add_flag("--ignore-unknown", options->ignore_unknown,
                    "Skip columns that are no field instead of refusing the file");
    roles
        ->add_option("--max-errors", options->max_errors,
                     "Report at most this many errors (default 20)")
        ->check(whole_number(1));
    roles->add_flag("--skip-invalid", options->skip_invalid,
                    "Import the valid rows and reject the others");
    roles->add_flag("--dry-run", options->dry_run,
                    "Validate and show, per role, what would be added and changed; write nothing");
    roles->add_flag("-q,--quiet", options->quiet, "No progress bar");
    roles->footer(
        "Fields: role (required), summary, codes, within, aliases, titles, key_skills, "
        "mentioned_skills, industries, responsibilities. Lists are JSON arrays in JSON and "
        "NDJSON, and separated by ; in CSV and TSV (a JSON array in a cell works too). Codes: "
        "onet-soc-2019:15-2051.00 or by shape (15-2051.00 O*NET-SOC, 15-2051 SOC 2018, 2511 "
        "ISCO-08, an ESCO occupation URI); the role is that occupation, unless written "
        "within:CODE or given in within (a specialisation of a broader occupation). A row's role "
        "is found by a code it is, else by name, slug or alias; a new name makes a new role. An "
        "existing role gets the file's summary and its codes, names, skills, industries and "
        "responsibilities added after those it has. One transaction: with any invalid row "
        "nothing is written (unless --skip-invalid); importing the same file again, or a file "
        "the base already holds, changes nothing; 'jobkb imports undo' puts back exactly what "
        "was there.\n\nExamples:\n"
        "  jobkb import roles catalogue.csv --dry-run\n"
        "  jobkb import roles team-roles.json --source \"Team catalogue 2026\"\n"
        "  jobkb import roles specialisations.csv --set within=15-1221.00");
    roles->callback([&context, options] { run_import_roles(context, *options); });
}

} // namespace jobkb::cli
