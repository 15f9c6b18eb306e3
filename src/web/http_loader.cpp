// Finds and loads jobkb-http.so, the HTTP transport (see http_server.hpp for why it is a module).
#include "web/http_server.hpp"

#include "jobkb/error.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <system_error>

namespace jobkb::web {
namespace {

namespace fs = std::filesystem;

// Where the module is, relative to the jobkb binary: beside it in a build tree, in
// LIBDIR/jobkb/ once installed (JOBKB_HTTP_MODULE_FROM_BINARY, set by the build).
std::vector<fs::path> candidates() {
    std::error_code error;
    const fs::path binary = fs::read_symlink("/proc/self/exe", error);
    if (error) {
        return {};
    }
    const fs::path folder = binary.parent_path();
    return {folder / "jobkb-http.so", (folder / JOBKB_HTTP_MODULE_FROM_BINARY).lexically_normal()};
}

MakeHttpServer load_module() {
    std::string tried;
    for (const auto& path : candidates()) {
        std::error_code error;
        if (!fs::is_regular_file(path, error)) {
            tried += (tried.empty() ? "" : ", ") + path.string();
            continue;
        }
        // Never unloaded: the server's threads and handlers live until the process ends.
        void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (module == nullptr) {
            throw Error(ErrorCode::kIo,
                        ErrorDetails{path.string(), "loading the HTTP module", ::dlerror(), {}});
        }
        void* entry = ::dlsym(module, kMakeHttpServer);
        if (entry == nullptr) {
            throw Error(ErrorCode::kIo,
                        ErrorDetails{
                            path.string(), "loading the HTTP module", "it has no entry point", {}});
        }
        return reinterpret_cast<MakeHttpServer>(entry);
    }
    throw Error(ErrorCode::kIo,
                ErrorDetails{{},
                             "loading the HTTP module",
                             "jobkb-http.so is not installed (looked for " + tried + ")",
                             {}});
}

} // namespace

std::unique_ptr<HttpServer> make_http_server(const HttpSettings& settings, HttpHandler handler,
                                             HttpErrorPage error_page) {
    static const MakeHttpServer make = load_module();
    std::string error;
    HttpServer* server = make(settings, std::move(handler), std::move(error_page), error);
    if (server == nullptr) {
        throw Error(ErrorCode::kIo, ErrorDetails{{}, "starting the server", error, {}});
    }
    return std::unique_ptr<HttpServer>(server);
}

} // namespace jobkb::web
