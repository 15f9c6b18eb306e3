#pragma once

#include "cli/app.hpp"
#include "cli/output.hpp"

#include "jobkb/database.hpp"
#include "jobkb/knowledge_base.hpp"

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

namespace jobkb::cli {

// Where the knowledge base is and how it was chosen.
struct DatabaseLocation {
    std::filesystem::path path;
    bool named_by_user = false; // --db or $JOBKB_DB: must exist unless the command is init
};

// State shared by the commands of one invocation.
class Context {
public:
    Context(std::ostream& out_stream, std::ostream& err_stream, const Environment& variables)
        : out(out_stream), err(err_stream), environment(variables) {}

    std::ostream& out;
    std::ostream& err;
    const Environment& environment;
    std::string db_option; // --db as given, empty when absent

    // --db, else $JOBKB_DB, else $XDG_DATA_HOME/jobkb/jobkb.db, else
    // ~/.local/share/jobkb/jobkb.db. Throws Error when none can be worked out.
    DatabaseLocation locate_database() const;

    // Creates and seeds the default database when it does not exist yet (a path the user named
    // is left alone: it must exist). Returns the location either way.
    DatabaseLocation create_default_if_missing();

    // Opens the knowledge base for a command, creating the default one first if need be.
    std::unique_ptr<Database> open(Access access,
                                   SchemaPolicy policy = SchemaPolicy::kRequireCurrent);

    // Colour only on a terminal, and never with NO_COLOR set (https://no-color.org).
    bool use_color() const;

    // A note for the user on stderr: "jobkb: ...".
    void note(const std::string& message) const;

    // A listing on stdout in the chosen format, bold headers on a colour terminal.
    void print(const Listing& listing, OutputOptions options) const;
};

} // namespace jobkb::cli
