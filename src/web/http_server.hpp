#pragma once

// The HTTP transport of `jobkb serve`: cpp-httplib (Debian's libcpp-httplib, a shared library
// that brings libssl, libcrypto, zlib and brotli with it) lives in a module, jobkb-http.so, that
// only `jobkb serve` loads: linked into jobkb itself it would cost every other CLI call about 8 ms
// of start-up (measured with hyperfine: 9.8 ms against 1.9 ms for an empty program). The module
// only carries requests to a handler; the site itself (site.hpp) is in jobkb.

#include "web/http_types.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace jobkb::web {

struct HttpSettings {
    std::string host = "127.0.0.1";
    int port = 8080; // 0: any free port (port() says which)
    std::size_t threads = 32;
    std::size_t max_payload = 8192; // a longer request body is refused (413)
    std::size_t keep_alive_requests = 100;
    // On every response, whatever its status (the security headers).
    std::vector<std::pair<std::string, std::string>> headers;
};

using HttpHandler = std::function<Response(const Request&)>;
// The body of a response the transport makes itself (a malformed request: 400, 413, 414).
using HttpErrorPage = std::function<Response(int status)>;

class HttpServer {
public:
    virtual ~HttpServer() = default;
    virtual int port() const = 0; // the port it listens on
    // Serves until stop(); false when listening failed.
    virtual bool run() = 0;
    // From any thread (not from a signal handler).
    virtual void stop() = 0;
};

// The module's entry point, by this name.
using MakeHttpServer = HttpServer* (*)(const HttpSettings& settings, HttpHandler handler,
                                       HttpErrorPage error_page, std::string& error);
inline constexpr const char* kMakeHttpServer = "jobkb_make_http_server";

// Loads the module (beside the jobkb binary in a build tree, else in LIBDIR/jobkb/ of its install)
// and makes a server bound to the address. Throws Error(ErrorCode::kIo) when the module cannot be
// loaded or the address bound.
std::unique_ptr<HttpServer> make_http_server(const HttpSettings& settings, HttpHandler handler,
                                             HttpErrorPage error_page);

} // namespace jobkb::web
