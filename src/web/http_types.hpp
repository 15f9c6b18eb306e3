#pragma once

// A request and a response as the site (site.hpp) and the HTTP server module (http_server.hpp)
// pass them: standard types only, so the module needs nothing else of jobkb.

#include <string>
#include <utility>
#include <vector>

namespace jobkb::web {

using Parameters = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method = "GET";
    std::string path;      // decoded, as the server received it
    Parameters parameters; // decoded query parameters, in their order
};

struct Response {
    int status = 200;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // besides the security headers
};

} // namespace jobkb::web
