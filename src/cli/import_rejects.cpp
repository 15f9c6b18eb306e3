#include "cli/import_rejects.hpp"

#include "cli/hints.hpp"
#include "cli/output.hpp"

#include <nlohmann/json.hpp>

namespace jobkb::cli {
namespace {

// A record's problems as the rejects file gives them: "field: problem (expected ...; hint); ...".
std::string reasons(const std::vector<Diagnostic>& problems) {
    std::string text;
    for (const auto& problem : problems) {
        text += (text.empty() ? "" : "; ") + describe_reason(problem, cli_hint);
    }
    return text;
}

} // namespace

ImportRejects::ImportRejects(const std::string& path,
                             const std::vector<std::filesystem::path>& protected_paths,
                             bool dry_run)
    : path_(path) {
    if (path_.empty()) {
        return;
    }
    if (dry_run) {
        check_output_path(path_, protected_paths);
    } else {
        file_ = std::make_unique<OutputFile>(path_, protected_paths);
    }
}

ImportRejects::~ImportRejects() = default;

RejectSink ImportRejects::sink(InputFormat format) {
    return [this, format](const Record& record, const std::vector<Diagnostic>& problems) {
        ++rows_;
        if (file_) {
            write(record, reasons(problems), format);
        }
    };
}

void ImportRejects::commit() {
    if (file_) {
        file_->commit();
    }
}

void ImportRejects::write(const Record& record, const std::string& reason, InputFormat format) {
    std::ostream& out = file_->stream();
    const bool tabular =
        format == InputFormat::kCsv || format == InputFormat::kTsv || format == InputFormat::kXlsx;
    if (!header_written_) {
        out << "line,reason";
        if (tabular && record.names) {
            for (const auto& name : *record.names) {
                out << ',' << delimited_field(name, ',');
            }
        } else if (!tabular) {
            out << ",record";
        }
        out << "\r\n";
        header_written_ = true;
    }
    out << record.line << ',' << delimited_field(reason, ',');
    if (tabular) {
        for (const auto& value : record.values) {
            out << ',' << delimited_field(value.value_or(""), ',');
        }
    } else {
        nlohmann::ordered_json object = nlohmann::ordered_json::object();
        for (std::size_t i = 0;
             record.names && i < record.names->size() && i < record.values.size(); ++i) {
            object[(*record.names)[i]] =
                record.values[i] ? nlohmann::ordered_json(*record.values[i]) : nullptr;
        }
        out << ','
            << delimited_field(
                   object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                   ',');
    }
    out << "\r\n";
}

} // namespace jobkb::cli
