#pragma once

// /api/...: exactly what the CLI prints to stdout for the same question, from the same listing
// builders and writers: /api/roles?skill=python is `jobkb roles --skill python --json`, and
// /api/roles.csv?skill=python (or ?format=csv) is its --csv, byte for byte.

#include "web/site.hpp"

#include "jobkb/catalog.hpp"

#include <string_view>

namespace jobkb::web {

// Answers the endpoint (the path after /api/, with a format suffix such as .csv). A question the
// library refuses (an unknown name, a bad amount) is a JSON error, {"error": "..."}, with 404 or
// 400; an unknown endpoint is 404.
Response api_answer(std::string_view endpoint, const Parameters& parameters, Catalog& catalog,
                    const SiteOptions& options);

// {"error": message}
Response api_error(int status, std::string_view message);

} // namespace jobkb::web
