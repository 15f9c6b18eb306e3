#include "jobkb/import/diagnostics.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>

namespace jobkb {
namespace {

// "problem (expected ...; HINT)", or as much of it as there is.
std::string problem_text(const Diagnostic& diagnostic, const HintWording& word_hint) {
    std::string aside;
    if (!diagnostic.expected.empty()) {
        aside = "expected " + diagnostic.expected;
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
    ++report_.rows_rejected;
    for (Diagnostic& problem : problems) {
        problem.file = options_.file_name;
        problem.line = record.line;
        ++report_.error_count;
        if (report_.errors.size() < options_.max_errors) {
            report_.errors.push_back(problem);
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
    return detail::one_line(fmt::format("{}:{}: {}", diagnostic.file, diagnostic.line,
                                        describe_reason(diagnostic, word_hint)));
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
