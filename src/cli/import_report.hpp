#pragma once

#include "cli/output.hpp"

#include "jobkb/import.hpp"

#include <string>

// How `jobkb import salaries` shows its report: the preview of what changes (a table, on stdout
// for a dry run and on stderr otherwise) and, with --json, the whole report as one JSON object.
namespace jobkb::cli {

// The change report as a listing: per key (and currency) the figure current before, the new one
// with their qualifiers (≥ $239,200), the change, and the key's dimensions when any row has some;
// then what a supersede retires or reverts.
Listing changes_listing(const ImportReport& report);

// "senior, full-time": the values of a dimensions key text ("level=senior;employment=full-time;").
std::string dimensions_shown(const std::string& key);

// The report as one JSON object: the file, whether it was a dry run and was committed, the
// counts, the changes (each figure with amount_minor, currency and qualifier) and the errors as
// their one-line messages (hints in the CLI's words).
std::string report_json(const ImportReport& report, const std::string& file, bool dry_run);

} // namespace jobkb::cli
