#pragma once

#include "cli/output.hpp"

#include "jobkb/catalog.hpp"

#include <ostream>

// `jobkb role`'s formats (role_output.cpp). With conversions (--in, --ppp), every salary figure,
// the role's and a broader occupation's, is shown also in their unit.
namespace jobkb::cli {

class FigureConversions;

// Text: sections with headings; titles as a sample unless all_titles; then the sources and the
// attribution their licences ask for.
void write_role_text(std::ostream& out, const RoleProfile& profile, bool all_titles, bool color,
                     FigureConversions* conversions = nullptr);

// A small markdown document with the same sections.
void write_role_markdown(std::ostream& out, const RoleProfile& profile, bool all_titles,
                         FigureConversions* conversions = nullptr);

// One JSON object with every field (every title, whatever all_titles says).
void write_role_json(std::ostream& out, const RoleProfile& profile, bool one_line,
                     FigureConversions* conversions = nullptr);

// The pieces of text the formats share, for the web view's role page too.
// "O*NET-SOC 2019 15-2051.00 Data Scientists"
std::string code_text(const RoleCode& code);
// "within O*NET-SOC 2019 15-2051.00 Data Scientists (role Data Scientist)"
std::string broader_line(const BroaderOccupation& broader);
// The heading of a broader occupation's salaries (its figures, not the role's).
std::string broader_salaries_title(const BroaderOccupation& broader);
// A source with its publisher, date, version and licence.
std::string source_line(const ProfileSource& source);

// CSV and TSV: one record, lists joined; salaries are `jobkb salaries --role`'s listing.
Listing role_listing(const RoleProfile& profile);

} // namespace jobkb::cli
