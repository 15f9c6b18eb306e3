// jobkb import rates: exchange rates and PPP factors from the ECB's and the World Bank's files.
#include "cli/commands.hpp"
#include "cli/hints.hpp"
#include "cli/import_input.hpp"

#include "jobkb/error.hpp"
#include "jobkb/rate_import.hpp"

#include <fmt/format.h>

#include <memory>

namespace jobkb::cli {
namespace {

struct ImportRatesOptions {
    std::string file;
    std::string layout; // empty: told from the header
    std::string source;
    std::size_t max_errors = 20;
    bool skip_invalid = false;
    bool dry_run = false;
    bool supersede = false;
    bool quiet = false;
};

// 187,114
std::string counted(std::int64_t count) {
    std::string digits = std::to_string(count);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
        digits.insert(static_cast<std::size_t>(i), ",");
    }
    return digits;
}

// "CYP 2,100 (unknown currency), EEK 2,800 (unknown currency); ..." for at most 12 of them.
std::string skipped_list(const std::vector<SkippedValues>& skipped) {
    std::string text;
    std::size_t shown = 0;
    for (const auto& entry : skipped) {
        if (++shown > 12) {
            text += fmt::format(", and {} more", skipped.size() - 12);
            break;
        }
        text += fmt::format("{}{} {} ({})", text.empty() ? "" : ", ", entry.what,
                            counted(entry.count), entry.why);
    }
    return text;
}

void report_rates(Context& context, const ImportRatesOptions& options,
                  const RateImportReport& report) {
    for (const auto& error : report.errors) {
        context.err << describe(error, cli_hint) << '\n';
    }
    if (report.error_count > report.errors.size()) {
        context.note(fmt::format("{}: {} more error(s) not shown (raise --max-errors)",
                                 options.file, report.error_count - report.errors.size()));
    }
    if (report.already_imported) {
        context.note(fmt::format("{} was already imported as batch {}: nothing changed",
                                 options.file, report.existing_batch));
        return;
    }
    if (report.rows_rejected > 0 && !options.skip_invalid) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: nothing imported: {} of {} row(s) are invalid ({})",
                                options.file, report.rows_rejected, report.rows_read,
                                cli_hint({HintKind::kSkipInvalid, {}, {}})));
    }
    const bool factors = report.content == "ppp-factors";
    const char* unit = factors ? "factor(s)" : "rate(s)";
    const bool dry = options.dry_run;
    for (const auto& remark : report.notes) {
        context.note(remark);
    }
    if (!report.skipped.empty()) {
        context.note("passed over: " + skipped_list(report.skipped));
    }
    const std::string span = report.first_date.empty()
                                 ? std::string()
                                 : fmt::format(", {} to {}", report.first_date, report.last_date);
    context.note(fmt::format(
        "{}{}: {} layout, {} row(s){}: {} {} read, {} {}, {} unchanged, {} N/A or empty, {} "
        "passed over, {} rejected{}",
        dry ? "dry run, nothing written: " : "", options.file, to_string(report.layout),
        counted(report.rows_read), span, counted(report.values_read), unit,
        counted(report.rows_inserted), dry ? "would be inserted" : "inserted",
        counted(report.values_unchanged), counted(report.not_available), counted([&] {
            std::int64_t total = 0;
            for (const auto& entry : report.skipped) {
                total += entry.count;
            }
            return total;
        }()),
        counted(report.rows_rejected),
        report.committed ? fmt::format(" (batch {})", report.batch_id) : ""));
    if (report.rows_inserted == 0 && report.rows_rejected == 0) {
        context.note(fmt::format("nothing new: every {} equals the current one; no batch "
                                 "recorded",
                                 factors ? "factor" : "rate"));
    }
}

void run_import_rates(Context& context, const ImportRatesOptions& arguments) {
    if (arguments.supersede) {
        throw CLI::ValidationError("--supersede", "rate batches are never superseded: a newer "
                                                  "value of a day or year counts as current by "
                                                  "itself");
    }
    RateImportOptions options;
    options.file_name = arguments.file;
    options.layout = parse_rate_layout(arguments.layout.empty() ? "auto" : arguments.layout)
                         .value_or(RateLayout::kAuto);
    options.max_errors = arguments.max_errors;
    options.skip_invalid = arguments.skip_invalid;
    options.dry_run = arguments.dry_run;
    if (!arguments.source.empty()) {
        options.source = arguments.source;
    }
    if (const auto today = context.environment.get("JOBKB_TODAY")) {
        options.today = *today;
    }
    ImportInput input(context, arguments.file, arguments.quiet);
    context.create_default_if_missing();
    auto database = context.open(Access::kReadWrite);
    RateImportReport report;
    try {
        report = import_rates(*database, input.source(), options);
    } catch (const InputError& refused) {
        throw Error(refused.code(), describe(refused.diagnostics(), cli_hint));
    }
    input.done();
    report_rates(context, arguments, report);
}

} // namespace

void register_import_rates(CLI::App& import, Context& context) {
    auto options = std::make_shared<ImportRatesOptions>();
    auto* rates = import.add_subcommand(
        "rates", "Import exchange rates (ECB) or PPP conversion factors (World Bank)");
    rates->add_option("FILE", options->file, "The rate file (CSV); - reads stdin")->required();
    rates
        ->add_option("--layout", options->layout,
                     "Read the file as this layout instead of telling it from the header")
        ->transform(one_of<std::string>("layout", {{"ecb", "ecb"},
                                                   {"ecb-daily", "ecb-daily"},
                                                   {"long", "long"},
                                                   {"ppp", "ppp"},
                                                   {"world-bank", "world-bank"}}))
        ->option_text("ecb|ecb-daily|long|ppp|world-bank");
    rates->add_option("--source", options->source,
                      "The source of the values (title or slug; created if new; default: the "
                      "ECB's reference rates or the World Bank's PPP factors)");
    rates
        ->add_option("--max-errors", options->max_errors,
                     "Report at most this many errors (default 20)")
        ->check(whole_number(1));
    rates->add_flag("--skip-invalid", options->skip_invalid,
                    "Import the valid rows and reject the others");
    rates->add_flag("--dry-run", options->dry_run, "Validate and count; write nothing");
    rates->add_flag("--supersede", options->supersede,
                    "Refused: rate batches are never superseded");
    rates->add_flag("-q,--quiet", options->quiet, "No progress bar");
    rates->footer(
        "Layouts, told from the header: the ECB's history (eurofxref-hist.csv: Date,USD,JPY,... "
        "with N/A cells and a trailing comma) and daily file (eurofxref.csv: 09 May 2025, ...), "
        "long rates (date,base,quote,rate), PPP factors (Country,Country ID,Year,PPP) and the "
        "World Bank's CSV download of PA.NUS.PPP (one column per year, alpha-3 codes). N/A and "
        "empty cells, currencies the base does not know (CYP, ...) and aggregates (World, Euro "
        "area) are passed over and counted. Values equal to the current ones are unchanged; a "
        "file with nothing new records no batch. Undo a batch with 'jobkb imports undo ID'.\n\n"
        "Examples:\n"
        "  jobkb import rates eurofxref-hist.csv --dry-run\n"
        "  jobkb import rates eurofxref-hist.csv\n"
        "  jobkb import rates API_PA.NUS.PPP_DS2_en_csv_v2.csv\n"
        "  jobkb import rates my-rates.csv --layout long --source \"Treasury rates 2025\"");
    rates->callback([&context, options] { run_import_rates(context, *options); });
}

} // namespace jobkb::cli
