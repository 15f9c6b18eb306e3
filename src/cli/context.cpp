#include "cli/context.hpp"

#include "jobkb/error.hpp"

#include <fmt/format.h>

namespace jobkb::cli {

namespace fs = std::filesystem;

DatabaseLocation Context::locate_database() const {
    if (!db_option.empty()) {
        return {db_option, true};
    }
    if (auto named = environment.get("JOBKB_DB"); named && !named->empty()) {
        return {*named, true};
    }
    // The XDG spec says to ignore a relative XDG_DATA_HOME.
    if (auto data_home = environment.get("XDG_DATA_HOME");
        data_home && fs::path(*data_home).is_absolute()) {
        return {fs::path(*data_home) / "jobkb" / "jobkb.db", false};
    }
    if (auto home = environment.get("HOME"); home && !home->empty()) {
        return {fs::path(*home) / ".local" / "share" / "jobkb" / "jobkb.db", false};
    }
    throw Error(ErrorCode::kInvalidArgument,
                "no database path: pass --db PATH or set JOBKB_DB (HOME is not set)");
}

DatabaseLocation Context::create_default_if_missing() {
    const DatabaseLocation location = locate_database();
    std::error_code error;
    if (location.named_by_user || fs::exists(location.path, error)) {
        return location;
    }
    fs::create_directories(location.path.parent_path(), error);
    if (error) {
        throw Error(ErrorCode::kIo,
                    fmt::format("{}: cannot create folder {}: {}", location.path.string(),
                                location.path.parent_path().string(), error.message()));
    }
    initialize_knowledge_base(location.path, Content::kArticle);
    note("created and seeded " + location.path.string());
    return location;
}

std::unique_ptr<Database> Context::open(Access access, SchemaPolicy policy) {
    return open_knowledge_base(create_default_if_missing().path, access, policy);
}

bool Context::use_color() const {
    return environment.stdout_is_terminal && !environment.get("NO_COLOR").has_value();
}

void Context::note(const std::string& message) const { err << "jobkb: " << message << '\n'; }

void Context::print(const Listing& listing, OutputOptions options) const {
    options.color = use_color();
    write_listing(out, listing, options);
}

} // namespace jobkb::cli
