#pragma once

#include "jobkb/import.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Diagnostics of an import: how they read (describe() in import.hpp), and the reject log that
// counts them, keeps the first few and hands rejected records to the caller's sink.
namespace jobkb::detail {

// A message kept to one line: line breaks and other controls in the text it quotes are escaped,
// and a long message is shortened.
std::string one_line(std::string_view text);

class RejectLog {
public:
    // Counts into `report`; keeps at most options.max_errors diagnostics there.
    RejectLog(const FileImportOptions& options, const RejectSink& on_reject,
              FileImportReport& report);

    // Rejects the record for these problems (which get the file and the record's line): counts
    // the row and its problems, keeps the first ones, calls the sink, and without skip_invalid
    // stops the import once max_errors problems are found (report.stopped_early).
    void reject(const Record& record, std::vector<Diagnostic>& problems);

    // The same, where `groups` (empty, or one per problem) names what a problem is about: a
    // problem whose group is not empty and was met before is the same problem again (an unknown
    // name in another row), counted once and kept once, at its first line, with the rows that
    // have it in report.error_rows. Groups are remembered up to kMaxGroups (then forgotten, and
    // met anew); longer than kMaxGroupBytes, not at all.
    void reject(const Record& record, std::vector<Diagnostic>& problems,
                const std::vector<std::string>& groups);

    static constexpr std::size_t kMaxGroups = 10'000;
    static constexpr std::size_t kMaxGroupBytes = 300;

private:
    const FileImportOptions& options_;
    const RejectSink& on_reject_;
    FileImportReport& report_;
    // Group -> its problem's place in report.errors, or npos when it was not kept.
    std::unordered_map<std::string, std::size_t> groups_;
};

} // namespace jobkb::detail
