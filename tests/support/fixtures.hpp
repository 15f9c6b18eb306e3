#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb::test {

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path operator/(std::string_view name) const { return path_ / name; }

private:
    fs::path path_;
};

std::string read_bytes(const fs::path& path);
void write_bytes(const fs::path& path, std::string_view bytes);

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

using Variables = std::map<std::string, std::string>;

// Runs the CLI in-process with exactly these environment variables.
CommandResult run_cli(const std::vector<std::string>& arguments, const Variables& variables = {});

// The same, with this text on standard input.
CommandResult run_cli_with_input(const std::vector<std::string>& arguments,
                                 const std::string& input, const Variables& variables = {});

// Runs the built jobkb binary in a child process with exactly these environment variables
// (PATH is added). With as_nobody, it runs as user nobody through setpriv, so that file
// permissions apply even when the tests run as root.
CommandResult run_binary(const std::vector<std::string>& arguments, const Variables& variables = {},
                         bool as_nobody = false);

fs::path binary_path();

// A child's argv or envp: pointers into `strings`, then nullptr (valid while `strings` lives).
std::vector<char*> exec_pointers(std::vector<std::string>& strings);

// The environment a child gets: a fixed PATH, then these variables.
std::vector<std::string> child_environment(const Variables& variables);
fs::path source_dir();

// The text's lines, without their line ends.
std::vector<std::string> lines_of(const std::string& text);

// A seeded knowledge base at dir/name, made through the library.
fs::path make_seeded_database(const TempDir& dir, std::string_view name = "kb.db");

// The arguments that import tests/data/ds_salaries_2022.csv (the 2022 data-science salary survey)
// into `database` as individual reports (statistic point), creating its roles.
std::vector<std::string> survey_import_arguments(const fs::path& database);

// The README's command line for BLS's national OEWS table (tests/data/oews/national_M2023_dl.*):
// its 12 wage columns, the top codes, detailed occupations only, source "BLS OEWS May 2023".
std::vector<std::string> bls_oews_national_options();

// Rows of a read-only query, every value as text ("NULL" for NULL).
std::vector<std::vector<std::string>> query(const fs::path& database, const std::string& sql);

// Every table's rows in key order, as one string: equal strings mean equal content.
std::string content_dump(const fs::path& database);

} // namespace jobkb::test
