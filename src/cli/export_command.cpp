#include "cli/commands.hpp"
#include "cli/output_file.hpp"

#include "web/site_export.hpp"

#include "jobkb/error.hpp"
#include "jobkb/import.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <memory>

namespace jobkb::cli {
namespace {

// Writes observations one at a time in the import format, so memory stays flat.
class ObservationWriter {
public:
    // The area as an import finds it again: an ISO 3166-2 subdivision by its code (unique, where
    // names repeat: Dhaka the division and the district), an area an import created by its name
    // (so --create-areas creates it again, without the publisher's code).
    static std::string exported_area(const SalaryFigure& figure) {
        const bool iso = figure.area_code.size() > 3 &&
                         figure.area_code.compare(0, 3, figure.country_code + "-") == 0;
        return iso ? figure.area_code : figure.area;
    }

    ObservationWriter(std::ostream& out, Format format) : out_(out), format_(format) {}

    void begin() {
        if (format_ == Format::kJson) {
            out_ << "[";
        } else if (delimiter() != 0) {
            line(std::vector<std::string>(kImportFields.begin(), kImportFields.end()));
        }
    }

    void write(const SalaryFigure& figure) {
        const std::vector<std::string> fields = {
            figure.role,          figure.country_code,
            figure.currency.code, plain_amount(figure.amount_minor, figure.currency),
            figure.period,        figure.statistic,
            figure.as_of,         figure.source,
            figure.note,          figure.qualifier,
            figure.level,         figure.employment,
            figure.work_setting,  figure.company_size,
            exported_area(figure)};
        if (delimiter() != 0) {
            line(fields);
            return;
        }
        nlohmann::ordered_json object;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            object[std::string(kImportFields[i])] = fields[i];
        }
        const std::string text =
            object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        if (format_ == Format::kJson) {
            out_ << (first_ ? "\n  " : ",\n  ") << text;
        } else {
            out_ << text << '\n';
        }
        first_ = false;
    }

    void end() {
        if (format_ == Format::kJson) {
            out_ << (first_ ? "]\n" : "\n]\n");
        }
    }

private:
    char delimiter() const {
        return format_ == Format::kCsv ? ',' : format_ == Format::kTsv ? '\t' : '\0';
    }

    void line(const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out_ << (i == 0 ? "" : std::string(1, delimiter()))
                 << delimited_field(fields[i], delimiter());
        }
        out_ << (format_ == Format::kCsv ? "\r\n" : "\n");
    }

    std::ostream& out_;
    Format format_;
    bool first_ = true;
};

void register_export_site(CLI::App& export_group, Context& context) {
    auto folder = std::make_shared<std::string>();
    auto* site = export_group.add_subcommand(
        "site", "The web view's pages as files: a static site that opens from disk");
    site->add_option("DIR", *folder, "The folder to write (new, empty, or an earlier export)")
        ->required()
        ->option_text("DIR");
    site->footer("Writes index.html (every role), role/SLUG.html for each role (profile, salary "
                 "charts, history, individual reports, provenance), compare/ and gap/ pages for "
                 "each role and its five most related roles, imports.html and assets/, with "
                 "relative links: open DIR/index.html in a browser, or publish the folder as it "
                 "is (no script; charts are SVG). An earlier export in DIR is replaced whole, "
                 "once the new one is written.\n\nExamples:\n"
                 "  jobkb export site public/\n"
                 "  jobkb --db team.db export site /var/www/salary-guide");
    site->callback([&context, folder] {
        auto database = context.open(Access::kReadOnly);
        const auto report =
            web::export_site(*database, *folder, database->path().filename().string());
        context.note(std::to_string(report.pages) + " page(s) for " + std::to_string(report.roles) +
                     " role(s) written to " + *folder);
    });
}

} // namespace

void register_export_command(CLI::App& app, Context& context) {
    struct Options {
        Format format = Format::kCsv;
        std::string output;
        bool all = false;
    };
    auto options = std::make_shared<Options>();
    auto* export_group = app.add_subcommand("export", "Export data in an import format");
    export_group->require_subcommand(1);
    export_group->footer("Examples:\n  jobkb export salaries -o salaries.csv\n  jobkb export site "
                         "public/");
    auto* salaries = export_group->add_subcommand(
        "salaries", "Every salary observation that counts, in the import format");
    static const std::map<std::string, Format> kFormats = {{"csv", Format::kCsv},
                                                           {"tsv", Format::kTsv},
                                                           {"json", Format::kJson},
                                                           {"nl", Format::kNdjson},
                                                           {"ndjson", Format::kNdjson}};
    salaries->add_option("--format", options->format, "csv (default), tsv, json or nl")
        ->transform(one_of<Format>("format", {kFormats.begin(), kFormats.end()}))
        ->option_text("csv|tsv|json|nl");
    salaries->add_option("-o,--output", options->output, "Write to this file, not stdout")
        ->option_text("FILE");
    salaries->add_flag("--all", options->all,
                       "Also the figures of superseded snapshots (imported elsewhere, they count "
                       "again: the export does not say which were superseded)");
    salaries->footer("Writes exactly what `jobkb import salaries` reads (role, country, currency, "
                     "amount, period, statistic, as_of, source, note, qualifier and the survey "
                     "dimensions), oldest first: every figure that counts, so an export imports "
                     "into another base as the same figures. Imported into a base that holds some "
                     "of them already (a seeded one holds the article's), those stay unchanged: "
                     "nothing is counted twice.\n\nExamples:\n"
                     "  jobkb export salaries -o salaries.csv\n"
                     "  jobkb export salaries --all -o everything.csv\n"
                     "  jobkb export salaries --format nl | jobkb --db copy.db import salaries - "
                     "--input-format ndjson --create-roles");
    register_export_site(*export_group, context);
    salaries->callback([&context, options] {
        auto database = context.open(Access::kReadOnly);
        std::unique_ptr<OutputFile> file;
        std::ostream* out = &context.out;
        if (!options->output.empty()) {
            file = std::make_unique<OutputFile>(
                options->output, std::vector<std::filesystem::path>{database->path()});
            out = &file->stream();
        }
        ObservationWriter writer(*out, options->format);
        writer.begin();
        std::int64_t count = 0;
        Catalog(*database).each_observation(
            [&](const SalaryFigure& figure) {
                writer.write(figure);
                ++count;
            },
            options->all ? Catalog::Observations::kAll : Catalog::Observations::kCounting);
        writer.end();
        if (file) {
            file->commit();
        } else if (!out->good()) {
            throw Error(ErrorCode::kIo, "writing the export failed (disk full or closed pipe?)");
        }
        if (!options->output.empty()) {
            context.note(std::to_string(count) + " observation(s) written to " + options->output);
        }
    });
}

} // namespace jobkb::cli
