// Loads libzip by the soname the build linked its headers' library with (JOBKB_LIBZIP_SONAME).
#include "jobkb/import/xlsx/libzip.hpp"

#include "jobkb/error.hpp"

#include <dlfcn.h>

#include <string>

namespace jobkb::detail::xlsx {
namespace {

[[noreturn]] void cannot_load(const std::string& cause) {
    throw Error(ErrorCode::kIo,
                ErrorDetails{JOBKB_LIBZIP_SONAME,
                             "loading libzip to read an Excel workbook",
                             cause + " (expected libzip, Debian's package libzip4, installed)",
                             {}});
}

LibZip load() {
    // Never unloaded: nothing is gained, and an archive may be open in another thread.
    void* library = ::dlopen(JOBKB_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* problem = ::dlerror();
        cannot_load(problem != nullptr ? problem : "it cannot be loaded");
    }
    LibZip functions;
#define JOBKB_LIBZIP_RESOLVE(name)                                                                 \
    functions.name = reinterpret_cast<decltype(&::name)>(::dlsym(library, #name));                 \
    if (functions.name == nullptr) {                                                               \
        cannot_load("it has no function " #name);                                                  \
    }
    JOBKB_LIBZIP_FUNCTIONS(JOBKB_LIBZIP_RESOLVE)
#undef JOBKB_LIBZIP_RESOLVE
    return functions;
}

} // namespace

const LibZip& libzip() {
    static const LibZip functions = load();
    return functions;
}

} // namespace jobkb::detail::xlsx
