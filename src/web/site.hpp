#pragma once

// The web view as a function: a request (method, path, query parameters) in, a response out,
// answered from one read snapshot of the base. The HTTP server (http_server.hpp) only carries
// requests to it, so every page, limit and header is tested here without a socket, and
// `jobkb export site` renders the same pages to files.

#include "web/http_types.hpp"
#include "web/response_cache.hpp"

#include "jobkb/database.hpp"

#include <string>
#include <utility>
#include <vector>

namespace jobkb::web {

struct SiteOptions {
    bool allow_sql = false; // /api/sql answers (read-only, with jobkb sql's limits)
    std::string base_label; // how pages name the base (its file name)
};

// Limits on what a request may carry (httplib bounds the request line at 8 KiB and the body at
// what the server sets).
inline constexpr std::size_t kMaxParameters = 32;
inline constexpr std::size_t kMaxParameterName = 32;
inline constexpr std::size_t kMaxParameterValue = 4096;

// The security headers every response carries, whatever its status.
std::vector<std::pair<std::string, std::string>> security_headers();

// Answers a request. GET and HEAD only (others: 405); unknown paths: an HTML 404 page (JSON under
// /api/); too many or too long parameters, or ones the path does not take: 400. Never throws for
// anything a request holds; a failing base is a 500 page naming the problem. With a cache, an
// answer to a question already answered from the same content comes from memory.
Response answer(const Request& request, Database& database, const SiteOptions& options,
                ResponseCache* cache = nullptr);

} // namespace jobkb::web
