#include "cli/commands.hpp"
#include "cli/hints.hpp"
#include "cli/import_input.hpp"
#include "cli/import_recipe.hpp"
#include "cli/import_rejects.hpp"
#include "cli/import_report.hpp"
#include "cli/import_tables.hpp"
#include "cli/listings.hpp"
#include "cli/output_file.hpp"

#include "jobkb/error.hpp"
#include "jobkb/import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

namespace jobkb::cli {
namespace {

// What the command line gives; `settings` are the options a recipe can hold too.
struct ImportArguments {
    std::string file;
    RecipeSettings settings;
    std::string recipe;      // --recipe NAME|FILE
    std::string save_recipe; // --save-recipe FILE
    std::string rejects;
    std::string roles_from;
    std::size_t max_errors = 20;
    bool skip_invalid = false;
    bool dry_run = false;
    bool quiet = false;
    bool json = false; // --json: the report as one JSON object on stdout
};

void report_outcome(Context& context, const ImportArguments& arguments,
                    const ImportReport& report) {
    const bool dry = arguments.dry_run;
    if (arguments.json) {
        context.out << report_json(report, arguments.file, arguments.dry_run) << '\n';
    }
    for (std::size_t i = 0; i < report.errors.size(); ++i) {
        const std::size_t rows = i < report.error_rows.size() ? report.error_rows[i] : 1;
        context.err << describe(report.errors[i], rows, cli_hint) << '\n';
    }
    if (report.unknown_roles > 0) {
        context.note(fmt::format(
            "{}: {} distinct role name(s) in {} row(s) name no role or several (map them to "
            "roles with --roles-from FILE, a CSV of title,role{})",
            arguments.file, report.unknown_roles, report.unknown_role_rows,
            arguments.settings.create_roles ? "" : ", or add them with --create-roles"));
    }
    if (report.error_count > report.errors.size()) {
        context.note(fmt::format("{}: {} more error(s) not shown (raise --max-errors, or write "
                                 "the rejected rows with --rejects FILE)",
                                 arguments.file, report.error_count - report.errors.size()));
    }
    if (report.already_imported) {
        context.note(fmt::format(
            "{} was already imported with these settings as batch {}: nothing changed ({} row(s) "
            "unchanged){}",
            arguments.file, report.existing_batch, report.rows_unchanged,
            report.existing_rejected == 0
                ? ""
                : fmt::format("; that import rejected {} row(s): to import the file again, undo "
                              "it first (jobkb imports undo {})",
                              report.existing_rejected, report.existing_batch)));
        return;
    }
    if (report.rows_rejected > 0 && !arguments.skip_invalid) {
        const std::string hint = cli_hint({HintKind::kSkipInvalid, {}, {}});
        throw Error(ErrorCode::kInvalidArgument,
                    report.stopped_early
                        ? fmt::format("{}: nothing imported: {} invalid row(s) in the first {} "
                                      "read, stopped at --max-errors ({})",
                                      arguments.file, report.rows_rejected, report.rows_read, hint)
                        : fmt::format("{}: nothing imported: {} of {} row(s) are invalid ({})",
                                      arguments.file, report.rows_rejected, report.rows_read,
                                      hint));
    }
    if (report.rows_inserted == 0 && report.rows_unchanged > 0) {
        context.note(fmt::format(
            "{}{}: nothing changed: all {} figure(s) of its {} row(s) are in the base already, "
            "from the same source{}",
            arguments.dry_run ? "dry run: " : "", arguments.file, report.rows_unchanged,
            report.rows_read,
            report.rows_rejected > 0 ? fmt::format(" ({} rejected)", report.rows_rejected) : ""));
        return;
    }
    if (report.rows_inserted == 0 && !arguments.dry_run) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: nothing imported: all {} row(s) are invalid", arguments.file,
                                report.rows_read));
    }
    if (!report.changes.empty() && !arguments.json) {
        std::ostream& out = arguments.dry_run ? context.out : context.err;
        OutputOptions table;
        table.color = context.use_color() && arguments.dry_run;
        write_listing(out, changes_listing(report), table);
        std::size_t listed = 0;
        std::size_t superseded = 0;
        for (const auto& change : report.changes) {
            listed += change.kind == ChangeKind::kCurrent ? 1 : 0;
            superseded +=
                change.kind == ChangeKind::kReverts || change.kind == ChangeKind::kRetired ? 1 : 0;
        }
        if (report.change_count > listed) {
            context.note(
                fmt::format("... and {} more changed figure(s)", report.change_count - listed));
        }
        if (report.revert_count + report.retired_count > superseded) {
            context.note(fmt::format("... and {} more figure(s) that stop being current",
                                     report.revert_count + report.retired_count - superseded));
        }
    }
    if (report.revert_count + report.retired_count > 0) {
        context.note(fmt::format(
            "{} key(s) of the superseded batch(es) {} to an older figure, {} {} no current figure "
            "left (--supersede retires the whole earlier snapshot)",
            report.revert_count, dry ? "would revert" : "revert", report.retired_count,
            dry ? "would have" : "have"));
    }
    for (const auto& remark : report.currency_remarks) {
        context.note(fmt::format(
            "note: {} row(s) of {} are in {}, which is neither {} nor a common reporting "
            "currency (USD, EUR, GBP): check the currency column",
            remark.rows, remark.country_code, remark.currency,
            remark.country_currency.empty()
                ? remark.country_code + "'s own (it has none)"
                : remark.country_code + "'s own (" + remark.country_currency + ")"));
    }
    if (report.currencies_filled > 0) {
        context.note(fmt::format("{} {} the currency of their country (--currency-from-country)",
                                 report.currencies_filled,
                                 dry ? "row(s) would be given" : "row(s) given"));
    }
    for (const auto& role : report.created_roles) {
        context.note((dry ? "would create role " : "created role ") + role);
    }
    for (const auto& area : report.created_areas) {
        context.note((dry ? "would create area " : "created area ") + area);
    }
    for (const auto& [title, role] : report.titles_added) {
        context.note(fmt::format("{} '{}' as a title of {}", dry ? "would record" : "recorded",
                                 title, role));
    }
    for (const std::string& note : table_notes(report, dry)) {
        context.note(note);
    }
    for (const auto batch : report.superseded_batches) {
        context.note(fmt::format("batch {} {} superseded: its figures stay as history", batch,
                                 dry ? "would be" : "is"));
    }
    context.note(fmt::format(
        "{}{}: {} row(s) read, {}{} {}, {} unchanged, {} rejected{}",
        dry ? "dry run, nothing written: " : "", arguments.file, report.rows_read,
        report.rows_inserted,
        arguments.settings.tables.columns.empty() && report.ranges == 0 ? "" : " figure(s)",
        dry ? "would be inserted" : "inserted", report.rows_unchanged, report.rows_rejected,
        report.committed ? fmt::format(" (batch {})", report.batch_id) : ""));
}

// --delimiter is for delimited text and --sheet for workbooks: elsewhere they are usage errors.
void check_reading_options(const ImportArguments& arguments, InputFormat format) {
    const bool delimited = format == InputFormat::kCsv || format == InputFormat::kTsv;
    if (!arguments.settings.delimiter.empty() && !delimited) {
        throw CLI::ValidationError("--delimiter", fmt::format("applies to CSV and TSV input, "
                                                              "not {} (FILE is {})",
                                                              to_string(format), arguments.file));
    }
    if (!arguments.settings.sheet.empty() && format != InputFormat::kXlsx) {
        throw CLI::ValidationError("--sheet", fmt::format("applies to workbooks (xlsx), not {} "
                                                          "(FILE is {})",
                                                          to_string(format), arguments.file));
    }
}

void register_import(CLI::App& app, Context& context) {
    auto arguments = std::make_shared<ImportArguments>();
    auto* import = app.add_subcommand("import", "Import data into the knowledge base");
    import->require_subcommand(1);
    import->footer("Examples:\n  jobkb import salaries q3.csv --dry-run\n  jobkb import roles "
                   "catalogue.csv --dry-run\n  jobkb import onet db_29_2_text");
    auto* salaries = import->add_subcommand("salaries", "Import salary figures from a file");
    salaries
        ->add_option("FILE", arguments->file,
                     "CSV, TSV, JSON (array of objects), NDJSON or an Excel workbook (.xlsx); "
                     "- reads stdin")
        ->required();
    salaries->add_option("--input-format", arguments->settings.input_format,
                         "csv, tsv, json, ndjson or xlsx (default: by the file's extension; for "
                         "- by its first bytes)");
    salaries
        ->add_option("--delimiter", arguments->settings.delimiter,
                     "CSV: split fields on this: , ; | or tab, or their names (default: "
                     "sniffed from the first lines)")
        ->option_text("comma|semicolon|tab|pipe")
        ->check(CLI::Validator(
            [](std::string& value) {
                return parse_delimiter(value)
                           ? std::string()
                           : "expected one of , ; | tab (or comma, semicolon, pipe), not '" +
                                 value + "'";
            },
            "", "delimiter"));
    salaries
        ->add_option("--sheet", arguments->settings.sheet,
                     "A workbook's sheet to read, by name (default: the first)")
        ->option_text("NAME");
    salaries
        ->add_option("--map", arguments->settings.mappings,
                     "Read FIELD from the file's COLUMN, e.g. --map role=job_title")
        ->option_text("FIELD=COLUMN");
    salaries
        ->add_option("--set", arguments->settings.constants,
                     "Give FIELD this value in every row, e.g. --set statistic=point")
        ->option_text("FIELD=VALUE");
    salaries->add_option("--source", arguments->settings.source,
                         "The source of the figures (title or slug; created if new; default: the "
                         "file name); rows may name their own in a source column");
    salaries->add_flag("--ignore-unknown", arguments->settings.ignore_unknown,
                       "Skip columns that are no field instead of refusing the file");
    salaries
        ->add_option("--max-errors", arguments->max_errors,
                     "Report at most this many errors (default 20)")
        ->check(whole_number(1));
    salaries->add_flag("--skip-invalid", arguments->skip_invalid,
                       "Import the valid rows and reject the others (see --rejects)");
    salaries->add_option("--rejects", arguments->rejects,
                         "Write rejected rows with their reasons to this CSV file (a dry run only "
                         "says how many it would write)");
    salaries->add_flag("--create-roles", arguments->settings.create_roles,
                       "Add roles the base does not know instead of rejecting their rows");
    salaries->add_flag("--create-areas", arguments->settings.create_areas,
                       "Add areas (metro areas, cities) the base does not know under the row's "
                       "country instead of rejecting their rows: named by the area field, with "
                       "the area_code field's code and the area_kind field's kind (default "
                       "metro); undoing the import removes them");
    salaries->add_flag("--currency-from-country", arguments->settings.currency_from_country,
                       "A row without a currency (no currency column, or an empty cell) takes "
                       "its country's currency");
    salaries
        ->add_option("--roles-from", arguments->roles_from,
                     "A CSV of title,role mapping the file's role names to known roles for this "
                     "import (checked first; titles the base did not know are recorded)")
        ->option_text("FILE");
    salaries->add_flag("--dry-run", arguments->dry_run,
                       "Validate and show what would change; write nothing (no database change, "
                       "no --rejects or --save-recipe file)");
    salaries->add_flag("--supersede", arguments->settings.supersede,
                       "Earlier imports of the same source stop counting as current (they stay "
                       "as history)");
    salaries->add_flag("--allow-outliers", arguments->settings.allow_outliers,
                       "Import figures outside the plausible yearly range (1,000 to 10^12 of "
                       "the currency) or more than 10 times away from the current figure of "
                       "their key, which are errors otherwise");
    salaries
        ->add_option("--scale", arguments->settings.scale,
                     "Multiply every amount of the file (and of --column cells) by N, a power "
                     "of ten: --scale 1000 reads a column in thousands (128.5 is 128,500)")
        ->option_text("N")
        ->check(CLI::Validator(
            [](std::string& value) {
                return is_scale(value)
                           ? std::string()
                           : "expected a power of ten (10, 100, 1000, ...), not '" + value + "'";
            },
            "", "scale"));
    add_table_options(*salaries, arguments->settings.tables);
    salaries
        ->add_option("--recipe", arguments->recipe,
                     "Read the file as RECIPE says: a built-in by name (see 'jobkb import "
                     "recipes') or a JSON file; options given too add to it or replace its own")
        ->option_text("RECIPE");
    salaries
        ->add_option("--save-recipe", arguments->save_recipe,
                     "Write the recipe this command line amounts to (with --recipe: merged) to "
                     "FILE once the run succeeds (not with --dry-run: a dry run writes no file)")
        ->option_text("FILE");
    salaries->add_flag("-q,--quiet", arguments->quiet, "No progress bar");
    salaries->add_flag("--json", arguments->json,
                       "Print the report as one JSON object on stdout (counts, the changed "
                       "figures with their qualifiers, the errors) instead of the change table");
    salaries->footer(
        "Fields: role, country, currency, amount (required), period (default year), statistic "
        "(default average), as_of (date, year-month or year; required), source, note, qualifier "
        "(exact, at_least, at_most or approximate; default exact), the survey dimensions level "
        "(entry, mid, senior, executive or EN, MI, SE, EX), employment (full-time, part-time, "
        "contract, freelance or FT, PT, CT, FL), work_setting (on-site, hybrid, remote or the "
        "remote ratio 0, 50, 100) and company_size (small, medium, large or S, M, L), area (a "
        "state, province, metro area or city of the row's country, by name or code: Alabama, "
        "US-AL, AL; empty: the whole country), code (an occupation code: 15-2051 or 15-2051.00 "
        "finds the role that has it), area_code (finds the area by its code when the file "
        "gives both: BLS's AREA) and area_kind (of an area --create-areas adds: metro, city, "
        "...). Headers "
        "match in any case. Amounts: 1088060, 10,88,060, 1,088,060, ₹10,88,060, 12 LPA, 10.5 "
        "lakh, 1.2 crore, 150k; a range ($53K-$91K, 10-12 LPA) is a minimum and a maximum. One "
        "transaction: with any invalid row nothing is written (unless "
        "--skip-invalid). A figure must be plausible: 1,000 to 10^12 of its currency a year (an "
        "hour is 2,080 of them, a month 12), and a published one within 10 times of the current "
        "figure of its key in the same currency (--allow-outliers). Importing the same file "
        "again changes nothing. Roles are found by "
        "name, slug, alias, occupation code or a title of one role; an unknown or ambiguous "
        "name is reported once, with the rows that carry it.\n\nInput: UTF-8 or "
        "UTF-16 (with its byte-order mark); CSV split on , ; tab or | as the first lines show "
        "(or --delimiter); a workbook's first sheet (or --sheet), its numbers as the exact "
        "decimals it stores; for - the format is told by the first bytes.\n\nExamples:\n"
        "  jobkb import salaries 2026-q3.csv --dry-run\n"
        "  jobkb import salaries ds_salaries.csv --map role=job_title --map "
        "country=employee_residence --map currency=salary_currency --map amount=salary --map "
        "as_of=work_year --set statistic=point --map level=experience_level --map "
        "work_setting=remote_ratio --ignore-unknown --roles-from titles.csv\n"
        "  jobkb import salaries survey.ndjson --source \"Survey 2026\" --supersede\n"
        "  jobkb import salaries 2026-q3.xlsx --sheet Salaries\n"
        "  jobkb import salaries excel-export.csv --delimiter \";\"\n"
        "  jobkb import salaries in-thousands.csv --scale 1000\n"
        "  jobkb import salaries national_M2023_dl.xlsx --recipe bls-oews-national --set "
        "as_of=2023-05\n"
        "  jobkb import salaries state_M2023_dl.csv --recipe bls-oews-state --set as_of=2023-05\n"
        "  jobkb import salaries MSA_M2023_dl.csv --recipe bls-oews-metro --set as_of=2023-05\n\n"
        "Wide tables (one figure per cell, all in one batch), placeholders, bounds, filters:\n"
        "  jobkb import salaries national_M2023_dl.csv --map role=OCC_TITLE --map code=OCC_CODE "
        "--set country=US --set currency=USD --set area= --set as_of=2023-05 --source \"BLS OEWS "
        "May 2023\" "
        "--column A_MEAN=average/year --column A_MEDIAN=median/year --column H_MEDIAN=median/hour "
        "--top-code '#'=239200/year --top-code '#'=115/hour --where O_GROUP=detailed "
        "--ignore-unknown --create-roles");
    register_import_rates(*import, context);
    salaries->callback([&context, arguments] {
        // The recipe first: an unknown name is a usage error, before anything is opened.
        ImportArguments run = *arguments;
        if (!arguments->recipe.empty()) {
            run.settings = merge_recipe(load_recipe(arguments->recipe), arguments->settings);
        }
        if (run.dry_run && !run.save_recipe.empty()) {
            throw CLI::ValidationError("--save-recipe",
                                       "a dry run writes no file: save the recipe with a real "
                                       "run, or drop --dry-run");
        }
        ImportOptions options;
        options.file_name = run.file;
        options.mapping = field_pairs(run.settings.mappings, "--map", kMappableFields);
        options.constants = field_pairs(run.settings.constants, "--set", kMappableFields);
        apply_table_options(run.settings.tables, options);
        options.ignore_unknown = run.settings.ignore_unknown;
        options.max_errors = run.max_errors;
        options.skip_invalid = run.skip_invalid;
        options.create_roles = run.settings.create_roles;
        options.create_areas = run.settings.create_areas;
        options.currency_from_country = run.settings.currency_from_country;
        options.dry_run = run.dry_run;
        options.supersede = run.settings.supersede;
        options.allow_outliers = run.settings.allow_outliers;
        if (!run.settings.scale.empty()) {
            options.scale = std::stoll(run.settings.scale);
        }
        if (!run.settings.source.empty()) {
            options.source = run.settings.source;
        }
        if (const auto today = context.environment.get("JOBKB_TODAY")) {
            options.today = *today; // fixes "today" for reproducible runs and tests
        }
        const std::optional<InputFormat> format =
            input_format_of(run.file, run.settings.input_format);
        options.reading.delimiter = parse_delimiter(run.settings.delimiter);
        options.reading.sheet = run.settings.sheet;
        ImportInput input(context, run.file, run.quiet);
        options.format = format ? *format : detect_input_format(input.source());
        check_reading_options(run, options.format);
        const auto location = context.create_default_if_missing();
        ImportRejects rejects(
            run.rejects, std::vector<std::filesystem::path>{location.path, run.file}, run.dry_run);
        std::unique_ptr<OutputFile> recipe_file; // written once the run has succeeded
        if (!run.save_recipe.empty()) {
            recipe_file = std::make_unique<OutputFile>(
                run.save_recipe, std::vector<std::filesystem::path>{location.path, run.file});
        }
        const RejectSink sink = rejects.sink(options.format);
        auto database = context.open(Access::kReadWrite);
        check_table_options(*database, options);
        if (!run.roles_from.empty()) {
            options.role_titles =
                read_roles_from(context, *database, run.roles_from, run.max_errors);
        }
        const ImportReport report =
            in_cli_words([&] { return import_salaries(*database, input.source(), options, sink); });
        input.done();
        rejects.commit();
        if (run.dry_run && rejects.wanted()) {
            context.note(fmt::format("dry run: {} rejected row(s) would be written to {} (a dry "
                                     "run writes no file)",
                                     rejects.rows(), rejects.path()));
        }
        report_outcome(context, run, report);
        if (recipe_file) {
            recipe_file->stream() << recipe_json(run.settings);
            recipe_file->commit();
            context.note("recipe written to " + run.save_recipe);
        }
    });
    register_import_roles(*import, context);
    register_import_onet(*import, context);
    register_import_recipes(*import, context);
}

void register_imports(CLI::App& app, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto batch_id = std::make_shared<std::int64_t>(0);
    auto* imports = app.add_subcommand("imports", "List import batches, or undo one");
    add_output_options(*imports, *output);
    auto* undo = imports->add_subcommand("undo", "Take one import batch back out");
    undo->add_option("ID", *batch_id, "The batch, as `jobkb imports` lists it")->required();
    undo->footer("A batch of salaries, exchange rates or PPP factors: its rows are removed, the "
                 "latest figures and rates fall back to what is left, and batches the undone one "
                 "superseded count as current again; the titles a salary batch recorded go too, "
                 "and the roles it created unless something else refers to them (another batch's "
                 "figures, an alias, title or link added since, a merge). A batch of roles or of "
                 "an O*NET release: what it added is removed and what it changed or replaced is "
                 "put back exactly as it was; only the latest such batch can be undone, and not "
                 "while something else refers to a role it added (salary figures, say). The batch "
                 "stays listed as undone.\n\n"
                 "Example:\n  jobkb imports undo 3");
    imports->footer("Examples:\n  jobkb imports\n  jobkb imports undo 3");
    undo->callback([&context, batch_id] {
        auto database = context.open(Access::kReadWrite);
        // The batch's own figures first ("12 observation(s) removed"), then what came with them.
        std::string figures;
        std::string more;
        std::int64_t restored = 0; // of a batch of roles or of a release
        for (const auto& content : undo_import_batch_by_content(*database, *batch_id)) {
            if (content.what == "roles, their links and what they replaced") {
                restored = content.rows;
                continue;
            }
            const char* unit = content.what == "salary observations" ? "observation(s)"
                               : content.what == "exchange rates"    ? "exchange rate(s)"
                               : content.what == "PPP factors"       ? "PPP factor(s)"
                                                                     : nullptr;
            if (unit != nullptr) {
                if (content.rows > 0 || figures.empty()) {
                    figures = fmt::format("{} {} removed", content.rows, unit);
                }
            } else if (content.rows > 0) {
                more += fmt::format(", {} of its {} removed", content.rows, content.what);
            }
        }
        if (restored > 0) {
            context.note(
                fmt::format("batch {} undone: {} row(s) removed or put back as they were{}",
                            *batch_id, restored, more));
            return;
        }
        context.note(fmt::format("batch {} undone: {}{}", *batch_id, figures, more));
    });
    imports->callback([&context, output, undo] {
        if (undo->parsed()) {
            return;
        }
        auto database = context.open(Access::kReadOnly);
        const Listing listing = imports_listing(list_import_batches(*database));
        OutputOptions options = *output;
        options.color = context.use_color();
        write_listing(context.out, listing, options);
    });
}

} // namespace

Listing imports_listing(const std::vector<ImportBatch>& batches) {
    Listing listing;
    listing.columns = {{"id", "Batch", Align::kRight},
                       {"file", "File", Align::kLeft, 30},
                       {"source", "Source", Align::kLeft, 30},
                       {"format", "Format"},
                       {"content", "Content"},
                       {"read", "Read", Align::kRight},
                       {"inserted", "Inserted", Align::kRight},
                       {"rejected", "Rejected", Align::kRight},
                       {"imported_at", "Imported at"},
                       {"state", "State"}};
    for (const auto& batch : batches) {
        const std::string state = batch.undone_at ? "undone " + *batch.undone_at
                                  : batch.superseded_by
                                      ? fmt::format("superseded by {}", *batch.superseded_by)
                                      : "current";
        listing.rows.push_back({batch.id, batch.file_name, batch.source, batch.input_format,
                                batch.content, batch.rows_read, batch.rows_inserted,
                                batch.rows_rejected, batch.imported_at, state});
    }
    return listing;
}

void register_import_commands(CLI::App& app, Context& context) {
    register_import(app, context);
    register_imports(app, context);
}

} // namespace jobkb::cli
