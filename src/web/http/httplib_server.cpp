// jobkb-http.so: the HTTP transport of `jobkb serve` on cpp-httplib (see web/http_server.hpp).
#include "web/http_server.hpp"

#include <httplib.h>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace jobkb::web {
namespace {

constexpr int kListenBacklog = 256;

// httplib::Server with access to its listening socket: Debian's build fixes the listen backlog
// at 5, which drops connections when a client opens dozens at once (wrk -c 32), and listen()
// on a listening socket changes it.
class Server : public httplib::Server {
public:
    void widen_backlog() { ::listen(svr_sock_, kListenBacklog); }
};

void fill(httplib::Response& out, const Response& response) {
    out.status = response.status;
    for (const auto& [name, value] : response.headers) {
        out.set_header(name, value);
    }
    out.set_content(response.body, response.content_type);
}

class HttplibServer final : public HttpServer {
public:
    HttplibServer(const HttpSettings& settings, HttpHandler handler, HttpErrorPage error_page)
        : handler_(std::move(handler)), error_page_(std::move(error_page)) {
        const std::size_t threads = settings.threads;
        server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
        server_.set_payload_max_length(settings.max_payload);
        // httplib writes the headers and the body in separate sends: with Nagle's algorithm the
        // body then waits for the client's delayed ACK, 40 ms a response (measured: 23 requests/s
        // on one connection, for the stylesheet as for a page).
        server_.set_tcp_nodelay(true);
        // httplib's default also sets SO_REUSEPORT, which lets a second server bind a port that
        // one already listens on (and share its connections) instead of failing: keep only
        // SO_REUSEADDR, so a restart can rebind at once but a busy port is an error.
        server_.set_socket_options([](socket_t sock) {
            int yes = 1;
            ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        });
        server_.set_keep_alive_max_count(settings.keep_alive_requests);
        server_.set_keep_alive_timeout(5);
        server_.set_read_timeout(5, 0);
        server_.set_write_timeout(5, 0);
        httplib::Headers headers;
        for (const auto& [name, value] : settings.headers) {
            headers.emplace(name, value);
        }
        server_.set_default_headers(headers);
        const auto dispatch = [this](const httplib::Request& request, httplib::Response& out) {
            Request asked;
            asked.method = request.method;
            asked.path = request.path;
            for (const auto& [name, value] : request.params) {
                asked.parameters.emplace_back(name, value);
            }
            fill(out, handler_(asked));
        };
        // Other methods than GET and HEAD reach the handler (which answers 405) before any body
        // is read: httplib would refuse a POST without a length with its own 400.
        server_.set_pre_routing_handler(
            [dispatch](const httplib::Request& request, httplib::Response& out) {
                if (request.method == "GET" || request.method == "HEAD") {
                    return httplib::Server::HandlerResponse::Unhandled;
                }
                dispatch(request, out);
                return httplib::Server::HandlerResponse::Handled;
            });
        server_.Get(".*", dispatch);
        server_.set_error_handler([this](const httplib::Request&, httplib::Response& out) {
            if (out.body.empty()) {
                fill(out, error_page_(out.status));
            }
        });
        server_.set_exception_handler([this](const httplib::Request&, httplib::Response& out,
                                             std::exception_ptr) { fill(out, error_page_(500)); });
    }

    bool bind(const std::string& host, int port, std::string& error) {
        port_ = port == 0 ? server_.bind_to_any_port(host)
                          : (server_.bind_to_port(host, port) ? port : -1);
        if (port_ < 0) {
            error = "cannot listen on " + host + ":" + std::to_string(port) + ": " +
                    (errno != 0 ? std::strerror(errno) : "the address cannot be used");
            return false;
        }
        server_.widen_backlog();
        return true;
    }

    int port() const override { return port_; }
    bool run() override { return server_.listen_after_bind(); }
    void stop() override { server_.stop(); }

private:
    HttpHandler handler_;
    HttpErrorPage error_page_;
    Server server_;
    int port_ = -1;
};

} // namespace
} // namespace jobkb::web

extern "C" __attribute__((visibility("default"))) jobkb::web::HttpServer*
jobkb_make_http_server(const jobkb::web::HttpSettings& settings, jobkb::web::HttpHandler handler,
                       jobkb::web::HttpErrorPage error_page, std::string& error) {
    try {
        auto server = std::make_unique<jobkb::web::HttplibServer>(settings, std::move(handler),
                                                                  std::move(error_page));
        if (!server->bind(settings.host, settings.port, error)) {
            return nullptr;
        }
        return server.release();
    } catch (const std::exception& failure) {
        error = failure.what();
        return nullptr;
    }
}
