#include "jobkb/import/diagnostics.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>

namespace jobkb {
namespace {

// "problem (in N rows, the first at line L; expected ...; HINT)", or as much of it as there is.
std::string problem_text(const Diagnostic& diagnostic, const HintWording& word_hint,
                         std::size_t rows = 1) {
    std::string aside;
    if (rows > 1) {
        aside = fmt::format("in {} rows, the first at line {}", rows, diagnostic.line);
    }
    if (!diagnostic.expected.empty()) {
        aside += (aside.empty() ? "" : "; ") + ("expected " + diagnostic.expected);
    }
    if (diagnostic.hint.kind != HintKind::kNone) {
        if (const std::string hint = word_hint(diagnostic.hint); !hint.empty()) {
            aside += (aside.empty() ? "" : "; ") + hint;
        }
    }
    return aside.empty() ? diagnostic.problem : diagnostic.problem + " (" + aside + ")";
}

} // namespace

namespace detail {

std::string one_line(std::string_view text) {
    std::string line;
    for (char c : elided(text, 1000)) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            line += "\\n";
        } else if (c == '\r') {
            line += "\\r";
        } else if (byte < 0x20 || byte == 0x7f) {
            line += fmt::format("\\x{:02x}", byte);
        } else {
            line += c;
        }
    }
    return line;
}

RejectLog::RejectLog(const FileImportOptions& options, const RejectSink& on_reject,
                     FileImportReport& report)
    : options_(options), on_reject_(on_reject), report_(report) {}

void RejectLog::reject(const Record& record, std::vector<Diagnostic>& problems) {
    reject(record, problems, {});
}

void RejectLog::reject(const Record& record, std::vector<Diagnostic>& problems,
                       const std::vector<std::string>& groups) {
    ++report_.rows_rejected;
    for (std::size_t i = 0; i < problems.size(); ++i) {
        Diagnostic& problem = problems[i];
        problem.file = options_.file_name;
        problem.line = record.line;
        const std::string* group =
            i < groups.size() && !groups[i].empty() && groups[i].size() <= kMaxGroupBytes
                ? &groups[i]
                : nullptr;
        if (group) {
            if (const auto met = groups_.find(*group); met != groups_.end()) {
                if (met->second != std::string::npos) {
                    ++report_.error_rows[met->second];
                }
                continue; // the same problem again: counted once
            }
        }
        ++report_.error_count;
        std::size_t kept = std::string::npos;
        if (report_.errors.size() < options_.max_errors) {
            kept = report_.errors.size();
            report_.errors.push_back(problem);
            report_.error_rows.push_back(1);
        }
        if (group) {
            if (groups_.size() >= kMaxGroups) {
                groups_.clear();
            }
            groups_.emplace(*group, kept);
        }
    }
    if (on_reject_) {
        on_reject_(record, problems);
    }
    if (!options_.skip_invalid && report_.error_count >= options_.max_errors) {
        report_.stopped_early = true;
    }
}

} // namespace detail

std::string describe(const Diagnostic& diagnostic, const HintWording& word_hint) {
    return describe(diagnostic, 1, word_hint);
}

std::string describe(const Diagnostic& diagnostic, std::size_t rows, const HintWording& word_hint) {
    return detail::one_line(fmt::format("{}:{}: {}: {}", diagnostic.file, diagnostic.line,
                                        diagnostic.field,
                                        problem_text(diagnostic, word_hint, rows)));
}

std::string describe(std::span<const Diagnostic> diagnostics, const HintWording& word_hint) {
    if (diagnostics.empty()) {
        return "";
    }
    const Diagnostic& first = diagnostics.front();
    std::string text = fmt::format("{}:{}: {}: ", first.file, first.line, first.field);
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        text += (i == 0 ? "" : "; ") + problem_text(diagnostics[i], word_hint);
    }
    return detail::one_line(text);
}

std::string describe_reason(const Diagnostic& diagnostic, const HintWording& word_hint) {
    return diagnostic.field + ": " + problem_text(diagnostic, word_hint);
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(ErrorCode::kInvalidArgument, describe(std::span<const Diagnostic>(diagnostics))),
      diagnostics_(std::move(diagnostics)) {}

} // namespace jobkb
