#pragma once

// ?in=CUR, ?ppp=1 and ?rate_on=DATE: the CLI's --in, --ppp and --rate-on on the pages that show
// salary figures and on their /api/ twins. The choice goes through the CLI's own conversions
// (cli/converted_figures.hpp), so /api/role?name=X&in=EUR gives the bytes `jobkb role X --in
// EUR --json` prints, and a choice the CLI refuses is a 400 with the CLI's one-line message.

#include "web/html.hpp"
#include "web/query.hpp"

#include "cli/converted_figures.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace jobkb::web {

// `names` and the conversion parameters: in, ppp, rate_on.
std::vector<std::string_view> with_conversion_names(std::vector<std::string_view> names);

// The conversions the query asks for, or nullptr when it asks for none. Throws BadRequest with
// the CLI's message for a choice the CLI refuses (an unknown currency, in with ppp, a rate_on
// that is not a date or without in or ppp), Error for a database failure.
std::unique_ptr<cli::FigureConversions> conversions_of(Database& database, const Query& query);

// The currency selector's fields, for a GET form: in (a select of common codes, and the one
// asked for), ppp (a checkbox), rate_on (a date or "latest"), as the query has them.
void conversion_fields(Html& html, const Query& query);

// Under a converted table: each rate or factor used (with its date and source) and each note on
// a figure left unconverted, numbered as the table's cells refer to them.
Html conversion_notes(const cli::FigureConversions* conversions);

} // namespace jobkb::web
