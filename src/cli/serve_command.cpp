// jobkb serve: the knowledge base as a read-only web site on 127.0.0.1 (src/web/).
#include "cli/commands.hpp"
#include "cli/usage_errors.hpp"

#include "web/http_server.hpp"
#include "web/layout.hpp"
#include "web/pages/pages.hpp"
#include "web/read_connections.hpp"
#include "web/site.hpp"

#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <ctime>
#include <memory>
#include <thread>

#include <pthread.h>

namespace jobkb::cli {
namespace {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::size_t threads = 32;
    bool immutable = false;
    bool allow_sql = false;
    // --in CUR and --ppp (issue 13) join here when the CLI has them: a currency every page
    // converts to by default, passed on in web::SiteOptions like allow_sql.
};

bool is_loopback(const std::string& host) {
    return host == "localhost" || host.starts_with("127.") || host == "::1";
}

std::string signal_name(int signal) { return signal == SIGINT ? "SIGINT" : "SIGTERM"; }

// SIGINT and SIGTERM are blocked in every thread (the server's workers inherit the mask) and
// taken here by sigtimedwait, so stopping runs in an ordinary thread, never in a handler.
class StopOnSignal {
public:
    explicit StopOnSignal(sigset_t signals) : signals_(signals) {}

    void watch(web::HttpServer& server) {
        watcher_ = std::thread([this, &server] {
            while (!done_) {
                const timespec wait{0, 200'000'000};
                const int signal = ::sigtimedwait(&signals_, nullptr, &wait);
                if (signal > 0) {
                    received_ = signal;
                    server.stop();
                    return;
                }
            }
        });
    }

    // After the server has stopped, for whatever reason.
    int finish() {
        done_ = true;
        if (watcher_.joinable()) {
            watcher_.join();
        }
        return received_;
    }

private:
    sigset_t signals_;
    std::thread watcher_;
    std::atomic<bool> done_ = false;
    std::atomic<int> received_ = 0;
};

void run_serve(Context& context, const ServeOptions& options) {
    const DatabaseLocation location = context.create_default_if_missing();
    web::ReadConnections connections(location.path, options.immutable);
    connections.check(); // a base that cannot be served is an error now, not on every page

    web::SiteOptions site;
    site.allow_sql = options.allow_sql;
    site.base_label = location.path.filename().string();
    std::atomic<std::uint64_t> requests = 0;
    web::ResponseCache cache;
    web::HttpSettings settings;
    settings.host = options.host;
    settings.port = options.port;
    settings.threads = options.threads;
    settings.headers = web::security_headers();

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &signals, &previous);
    // A client that goes away mid-answer must not end the server.
    std::signal(SIGPIPE, SIG_IGN);
    StopOnSignal stopper(signals);
    {
        auto server = web::make_http_server(
            settings,
            [&](const web::Request& request) {
                ++requests;
                return web::answer(request, connections.for_this_thread(), site, &cache);
            },
            [&](int status) {
                // What the transport refuses before the site sees it.
                const char* title = status == 413   ? "Request too large"
                                    : status == 414 ? "Address too long"
                                    : status == 404 ? "Not found"
                                    : status >= 500 ? "Server error"
                                                    : "Bad request";
                auto page = web::message_page(
                    status, title,
                    fmt::format("The server cannot answer this request (HTTP {}).", status));
                page.frame.base_label = site.base_label;
                web::Response response;
                response.status = status;
                response.content_type = "text/html; charset=utf-8";
                response.body = web::render_page(web::Links::served(), page.frame, page.content);
                return response;
            });
        if (!is_loopback(options.host)) {
            context.note("listening on " + options.host + ": other machines can reach this server");
        }
        context.note(fmt::format(
            "serving {}{} at http://{}:{}/ (read-only{}; Ctrl-C stops it)", location.path.string(),
            options.immutable ? " as immutable" : "",
            options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host,
            server->port(), options.allow_sql ? ", /api/sql on" : ""));
        context.err.flush();
        stopper.watch(*server);
        server->run();
        server->stop();
        const int signal = stopper.finish();
        context.note(fmt::format("stopped{} after {} request(s)",
                                 signal != 0 ? " by " + signal_name(signal) : "", requests.load()));
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

} // namespace

void register_serve_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<ServeOptions>();
    auto* serve = app.add_subcommand("serve", "Serve the knowledge base as a read-only web site");
    serve
        ->add_option("--port", options->port, "Listen on this port (default 8080; 0: any free one)")
        ->check(whole_number(0, 65535))
        ->option_text("PORT");
    serve
        ->add_option("--host", options->host,
                     "Listen on this address (default 127.0.0.1: this machine only)")
        ->option_text("ADDRESS");
    serve->add_flag("--immutable", options->immutable,
                    "Serve a published copy that nothing writes: no locks and no -wal or -shm "
                    "file, so many servers can share it");
    serve->add_flag("--allow-sql", options->allow_sql,
                    "Answer /api/sql?q=SELECT... (read-only, with the limits of jobkb sql)");
    serve->add_option("--threads", options->threads, "Worker threads (default 32)")
        ->check(whole_number(1, 256))
        ->option_text("N");
    serve->footer(
        "Pages: /roles (filters: ?skill=&industry=&country=&min_salary=&sort=), /role/NAME, "
        "/compare?roles=A&roles=B, /gap?from=A&to=B, /imports, /search?q=. The API under /api/ "
        "answers what --json prints for the same question (/api/roles?skill=python is jobkb "
        "roles --skill python --json); add .csv (or ?format=csv) for --csv. Read-only: the base "
        "is opened read-only, only GET and HEAD are answered, and every value is escaped. "
        "SIGINT or SIGTERM stops it.\n\nExamples:\n"
        "  jobkb serve\n"
        "  jobkb serve --port 9000\n"
        "  jobkb --db published.db serve --immutable --port 8081\n"
        "  curl 'http://127.0.0.1:8080/api/roles.csv?skill=python'");
    serve->callback([&context, options] { run_serve(context, *options); });
}

} // namespace jobkb::cli
