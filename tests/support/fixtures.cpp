#include "support/fixtures.hpp"

#include "cli/app.hpp"
#include "jobkb/knowledge_base.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace jobkb::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ =
        fs::temp_directory_path() / ("jobkb-test-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(counter++) + "-" + std::to_string(random()));
    fs::create_directories(path_);
    fs::permissions(path_, fs::perms::all & ~fs::perms::group_write & ~fs::perms::others_write);
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void write_bytes(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

CommandResult run_cli(const std::vector<std::string>& arguments, const Variables& variables) {
    std::ostringstream out;
    std::ostringstream err;
    cli::Environment environment{variables};
    const int code = cli::run(arguments, out, err, environment);
    return {code, out.str(), err.str()};
}

CommandResult run_cli_with_input(const std::vector<std::string>& arguments,
                                 const std::string& input, const Variables& variables) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    cli::Environment environment;
    environment.variables = variables;
    environment.input = &in;
    const int code = cli::run(arguments, out, err, environment);
    return {code, out.str(), err.str()};
}

std::vector<char*> exec_pointers(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& text : strings) {
        pointers.push_back(text.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

std::vector<std::string> child_environment(const Variables& variables) {
    std::vector<std::string> environment = {"PATH=/usr/local/bin:/usr/bin:/bin"};
    for (const auto& [name, value] : variables) {
        environment.push_back(name + "=" + value);
    }
    return environment;
}

fs::path binary_path() { return JOBKB_BINARY; }
fs::path source_dir() { return JOBKB_SOURCE_DIR; }

CommandResult run_binary(const std::vector<std::string>& arguments, const Variables& variables,
                         bool as_nobody) {
    TempDir capture;
    const std::string out_path = (capture / "out").string();
    const std::string err_path = (capture / "err").string();

    std::vector<std::string> argv_strings;
    if (as_nobody) {
        argv_strings = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        "--"};
    }
    argv_strings.push_back(binary_path().string());
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv = exec_pointers(argv_strings);
    std::vector<std::string> env_strings = child_environment(variables);
    std::vector<char*> envp = exec_pointers(env_strings);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    pid_t child = 0;
    const int spawned = posix_spawn(&child, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw std::runtime_error("cannot start " + argv_strings[0]);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_bytes(out_path);
    result.err = read_bytes(err_path);
    return result;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

fs::path make_seeded_database(const TempDir& dir, std::string_view name) {
    const fs::path path = dir / name;
    initialize_knowledge_base(path, Content::kArticle);
    return path;
}

std::vector<std::string> bls_oews_national_options() {
    return {"--map", "role=OCC_TITLE", "--map", "code=OCC_CODE", "--set", "country=US", "--set",
            "currency=USD",
            // The national file's AREA column (99, the U.S.) is no area below the country.
            "--set", "area=", "--set", "as_of=2023-05", "--source", "BLS OEWS May 2023", "--column",
            "A_MEAN=average/year", "--column", "A_MEDIAN=median/year", "--column",
            "A_PCT10=p10/year", "--column", "A_PCT25=p25/year", "--column", "A_PCT75=p75/year",
            "--column", "A_PCT90=p90/year", "--column", "H_MEAN=average/hour", "--column",
            "H_MEDIAN=median/hour", "--column", "H_PCT10=p10/hour", "--column", "H_PCT25=p25/hour",
            "--column", "H_PCT75=p75/hour", "--column", "H_PCT90=p90/hour", "--top-code",
            "#=239200/year", "--top-code", "#=115/hour", "--where", "O_GROUP=detailed",
            "--ignore-unknown", "--create-roles"};
}

std::vector<std::string> survey_import_arguments(const fs::path& database) {
    return {"--db",
            database.string(),
            "import",
            "salaries",
            (source_dir() / "tests" / "data" / "ds_salaries_2022.csv").string(),
            "--map",
            "role=job_title",
            "--map",
            "country=employee_residence",
            "--map",
            "currency=salary_currency",
            "--map",
            "amount=salary",
            "--map",
            "as_of=work_year",
            "--set",
            "statistic=point",
            "--ignore-unknown",
            "--create-roles",
            "--quiet"};
}

std::vector<std::vector<std::string>> query(const fs::path& database, const std::string& sql) {
    SQLite::Database connection(database.string(), SQLite::OPEN_READONLY);
    SQLite::Statement statement(connection, sql);
    std::vector<std::vector<std::string>> rows;
    while (statement.executeStep()) {
        std::vector<std::string> row;
        for (int i = 0; i < statement.getColumnCount(); ++i) {
            const auto column = statement.getColumn(i);
            row.push_back(column.isNull() ? "NULL" : column.getString());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string content_dump(const fs::path& database) {
    std::string dump;
    // The search index is derived from the tables it indexes, by triggers: its documents count
    // by their natural key (a text removed and put back, as an undo does, gets a new rowid), and
    // the FTS5 index with its shadow tables is left to `jobkb check`, which compares it with
    // what the tables say it should hold.
    for (const auto& table :
         query(database, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
        // The full-text index's own tables are SQLite's layout of search_documents, which may
        // differ for the same texts (segments merged or not); search_documents is compared by its
        // texts, as a text that comes back (an undo) gets a new id.
        if (table[0].starts_with("search_index")) {
            continue;
        }
        dump += "== " + table[0] + "\n";
        const std::string select =
            table[0] == "search_documents"
                ? "SELECT kind, entity_id, field, ref, text FROM search_documents ORDER BY 1, 2, "
                  "3, 4, 5"
                : "SELECT * FROM \"" + table[0] + "\"";
        // Every table has a primary key, and SELECT * in rowid or key order is deterministic.
        for (const auto& row : query(database, select)) {
            for (const auto& value : row) {
                dump += value + "\t";
            }
            dump += "\n";
        }
    }
    return dump;
}

} // namespace jobkb::test
