#include "web/site.hpp"

#include "web/api.hpp"
#include "web/assets.hpp"
#include "web/conversions.hpp"
#include "web/pages/pages.hpp"
#include "web/query.hpp"

#include "jobkb/error.hpp"

#include <fmt/format.h>

namespace jobkb::web {
namespace {

constexpr const char* kPageCache = "no-cache"; // the base changes with every import
constexpr const char* kAssetCache = "public, max-age=31536000, immutable";

bool is_api(std::string_view path) { return path.starts_with("/api/"); }

Response page_response(const Page& page, const SiteOptions& options) {
    PageFrame frame = page.frame;
    frame.base_label = options.base_label;
    Response response;
    response.status = page.status;
    response.content_type = "text/html; charset=utf-8";
    response.body = render_page(Links::served(), frame, page.content);
    return response;
}

Response refusal(const Request& request, int status, std::string_view title,
                 std::string_view message, const SiteOptions& options) {
    return is_api(request.path) ? api_error(status, message)
                                : page_response(message_page(status, title, message), options);
}

// 400 for a request that carries more than any page takes.
std::optional<std::string> over_limits(const Request& request) {
    if (request.parameters.size() > kMaxParameters) {
        return fmt::format("too many query parameters: {} (at most {})", request.parameters.size(),
                           kMaxParameters);
    }
    for (const auto& [name, value] : request.parameters) {
        if (name.size() > kMaxParameterName) {
            return fmt::format("a query parameter's name is {} bytes long (at most {})",
                               name.size(), kMaxParameterName);
        }
        if (value.size() > kMaxParameterValue) {
            return fmt::format("query parameter '{}' is {} bytes long (at most {})", name,
                               value.size(), kMaxParameterValue);
        }
    }
    return std::nullopt;
}

Response static_file(const Request& request, const SiteOptions& options) {
    const Asset* found = find_hashed_asset(std::string_view(request.path).substr(8));
    if (found == nullptr || !request.parameters.empty()) {
        return refusal(request, 404, "Not found", "No such file: " + request.path, options);
    }
    Response response;
    response.content_type = found->content_type;
    response.body = std::string(found->content);
    response.headers.emplace_back("Cache-Control", kAssetCache);
    return response;
}

Page route_page(const Request& request, PageContext& context) {
    const std::string& path = request.path;
    if (path == "/" || path == "/roles") {
        return roles_page(context,
                          Query(request.parameters, with_conversion_names(role_filter_names())));
    }
    if (path.starts_with("/role/") && path.size() > 6) {
        return role_page(context, std::string_view(path).substr(6),
                         Query(request.parameters, with_conversion_names({})));
    }
    if (path == "/compare") {
        const Query query(request.parameters, with_conversion_names({"roles"}));
        return compare_page(context, query.all("roles"), query);
    }
    if (path == "/gap") {
        const Query query(request.parameters, {"from", "to"});
        return gap_page(context, query.one("from").value_or(""), query.one("to").value_or(""));
    }
    if (path == "/imports") {
        const Query none(request.parameters, {});
        return imports_page(context);
    }
    if (path == "/search") {
        return search_page(context, Query(request.parameters, search_names()));
    }
    return message_page(404, "Not found", "There is no page " + path + " here.");
}

} // namespace

std::vector<std::pair<std::string, std::string>> security_headers() {
    return {{"Content-Security-Policy", std::string(kContentSecurityPolicy)},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},
            {"X-Frame-Options", "DENY"}};
}

Response answer(const Request& request, Database& database, const SiteOptions& options,
                ResponseCache* cache) {
    if (request.method != "GET" && request.method != "HEAD") {
        Response response = refusal(request, 405, "Method not allowed",
                                    "This server only reads: " + request.method +
                                        " is not allowed (GET and HEAD are)",
                                    options);
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    if (const auto problem = over_limits(request)) {
        return refusal(request, 400, "Bad request", *problem, options);
    }
    if (request.path.starts_with("/static/")) {
        return static_file(request, options);
    }
    try {
        // /api/sql is left out: what a hand-written query costs is its writer's business.
        std::optional<ResponseCache::Ticket> ticket;
        if (cache != nullptr && request.path != "/api/sql") {
            ticket = cache->start(request);
        }
        // One snapshot per request: an import committing meanwhile is wholly in or wholly out.
        ReadSnapshot snapshot(database);
        if (ticket) {
            if (auto kept = cache->lookup(*ticket, database, snapshot)) {
                return std::move(*kept);
            }
        }
        Catalog catalog(database);
        Response response;
        if (is_api(request.path)) {
            response = api_answer(std::string_view(request.path).substr(5), request.parameters,
                                  catalog, options);
        } else {
            const Links links = Links::served();
            PageContext context{catalog, links, options.base_label};
            try {
                response = page_response(route_page(request, context), options);
            } catch (const Error& error) {
                if (status_of(error) >= 500) {
                    throw;
                }
                // A role that is not there, or a question the library refuses.
                response = page_response(
                    message_page(status_of(error),
                                 status_of(error) == 404 ? "Not found" : "Bad request",
                                 web_message(error)),
                    options);
            }
        }
        response.headers.emplace_back("Cache-Control", kPageCache);
        if (ticket) {
            cache->keep(*ticket, response);
        }
        return response;
    } catch (const BadRequest& bad) {
        return refusal(request, 400, "Bad request", bad.what(), options);
    } catch (const Error& error) {
        return refusal(request, status_of(error) == 503 ? 503 : 500, "The base could not be read",
                       web_message(error), options);
    } catch (const std::exception& error) {
        return refusal(request, 500, "Internal error", error.what(), options);
    }
}

} // namespace jobkb::web
