#pragma once

// What the listing commands print, as functions of the library's answers: each is defined in its
// command's file and called both by that command and by the web view (src/web/), so that
// `jobkb roles --skill python --json` and /api/roles?skill=python give the same bytes, and a
// field the CLI shows appears on the pages too.

#include "cli/converted_figures.hpp"
#include "cli/output.hpp"

#include "jobkb/adhoc_sql.hpp"
#include "jobkb/catalog.hpp"
#include "jobkb/comparison.hpp"
#include "jobkb/import.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace jobkb::cli {

// `jobkb roles`: the roles the filter finds (Catalog::roles), as a listing for people (one
// salary column per country with a figure) or, for a machine format, with stable columns. The
// filter's country, if any, shows only that country's salary. With `conversions` (--in, --ppp)
// each figure also in their unit.
Listing roles_listing(Catalog& catalog, const RoleFilter& filter, Format format,
                      FigureConversions* conversions = nullptr);
// The same for roles found already; `country_code` is the filter's country, resolved.
Listing roles_listing(const std::vector<RoleOverview>& roles,
                      const std::optional<std::string>& country_code, Format format,
                      FigureConversions* conversions = nullptr);

// `jobkb role`: the profile in any format (role_output.hpp: table: a text page, titles a sample
// unless all_titles; markdown: a small document; JSON: one object; CSV/TSV: one record). With
// `conversions`, every salary figure also in their unit.
void write_profile(std::ostream& out, const RoleProfile& profile, const OutputOptions& options,
                   FigureConversions* conversions = nullptr, bool all_titles = false);

// `jobkb salaries` (salaries_listing is in commands.hpp) and `jobkb salaries --reports`: machine
// formats always have the four dimension columns (last), tables a Dimensions column when any
// group has one.
Listing reports_listing(const std::vector<ReportSummary>& summaries, Format format);

// `jobkb skills [--role R]` and `jobkb industries [--role R]`.
Listing skills_listing(const std::vector<Usage>& skills, bool for_role);
Listing industries_listing(const std::vector<Usage>& industries);

// `jobkb compare`, `jobkb gap`, `jobkb related`.
// With `conversions`: each salary row's figures also in their unit (tables: a row under each;
// machine formats: columns per role), in `format`.
Listing comparison_listing(const Comparison& comparison, FigureConversions* conversions = nullptr,
                           Format format = Format::kTable);
Listing gap_listing(const SkillGap& gap);
Listing related_listing(const std::vector<RelatedRole>& related);

// `jobkb imports`.
Listing imports_listing(const std::vector<ImportBatch>& batches);

// `jobkb sql`: the query's own columns.
Listing sql_result_listing(const SqlResult& result);

} // namespace jobkb::cli
