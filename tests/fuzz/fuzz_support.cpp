#include "fuzz_support.hpp"

#include "jobkb/knowledge_base.hpp"
#include "jobkb/sha256.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <typeinfo>
#include <vector>

namespace jobkb::fuzz {

void fail(std::string_view what, std::string_view input) {
    std::fprintf(stderr, "jobkb fuzz: %s\ninput (%zu bytes): %s\n", std::string(what).c_str(),
                 input.size(), escaped(input).c_str());
    std::abort();
}

std::optional<Error> refusal_of(const std::function<void()>& fn, std::string_view input) {
    try {
        fn();
        return std::nullopt;
    } catch (const Error& error) {
        return error;
    } catch (const std::exception& error) {
        fail(
            fmt::format("threw {} instead of jobkb::Error: {}", typeid(error).name(), error.what()),
            input);
    } catch (...) {
        fail("threw something that is not even a std::exception", input);
    }
}

std::string escaped(std::string_view bytes, std::size_t limit) {
    std::string text;
    for (std::size_t i = 0; i < bytes.size() && i < limit; ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
            text.push_back(static_cast<char>(byte));
        } else {
            text += fmt::format("\\x{:02x}", byte);
        }
    }
    if (bytes.size() > limit) {
        text += fmt::format("... ({} more bytes)", bytes.size() - limit);
    }
    return text;
}

void expect_message(std::string_view message, std::string_view file, std::string_view input) {
    if (!message.starts_with(std::string(file) + ":") || has_control_characters(message)) {
        fail("a message that is not one line naming the file: " + escaped(message), input);
    }
}

void expect_problems(const std::vector<Diagnostic>& problems, std::string_view file,
                     std::size_t line, std::string_view input) {
    for (Diagnostic problem : problems) {
        if (problem.field.empty() || problem.problem.empty()) {
            fail("a problem without its field or what was wrong: " + escaped(problem.problem),
                 input);
        }
        problem.file = file;
        problem.line = line;
        expect_message(describe(problem), file, input);
    }
}

void expect_refusal(const Error& refusal, std::string_view file, std::string_view input) {
    if (refusal.code() != ErrorCode::kInvalidArgument) {
        fail(fmt::format("refused with error code {}: {}", static_cast<int>(refusal.code()),
                         escaped(refusal.what())),
             input);
    }
    expect_message(refusal.what(), file, input);
}

namespace {
bool every_input_through_the_base = false;
} // namespace

bool through_the_base(int run) {
    return every_input_through_the_base || run % kThroughTheBaseEvery == 0;
}

void replay_every_input_through_the_base() { every_input_through_the_base = true; }

bool has_control_characters(std::string_view text) {
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            return true;
        }
    }
    return false;
}

std::string content_digest(SQLite::Database& connection) {
    Sha256 sha;
    // Every value with its type and length, so that different contents cannot hash alike.
    const auto add_value = [&](const SQLite::Column& column) {
        if (column.isNull()) {
            sha.update("n;");
        } else if (column.isInteger()) {
            sha.update(fmt::format("i{};", column.getInt64()));
        } else if (column.isFloat()) {
            sha.update(fmt::format("f{};", column.getDouble()));
        } else {
            const auto size = static_cast<std::size_t>(column.getBytes());
            const char* bytes = static_cast<const char*>(column.getBlob());
            sha.update(fmt::format("{}{}:", column.isBlob() ? 'b' : 't', size));
            sha.update(std::string_view(bytes == nullptr ? "" : bytes, size));
        }
    };
    const auto add_rows = [&](const std::string& sql) {
        SQLite::Statement statement(connection, sql);
        sha.update(sql + "\n");
        while (statement.executeStep()) {
            for (int i = 0; i < statement.getColumnCount(); ++i) {
                add_value(statement.getColumn(i));
            }
            sha.update("\n");
        }
    };
    for (const char* pragma : {"PRAGMA journal_mode", "PRAGMA user_version",
                               "PRAGMA application_id", "PRAGMA schema_version"}) {
        add_rows(pragma);
    }
    add_rows("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
    std::vector<std::string> tables;
    SQLite::Statement names(connection,
                            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (names.executeStep()) {
        tables.push_back(names.getColumn(0).getString());
    }
    for (const auto& table : tables) {
        std::string quoted;
        for (char c : table) {
            quoted += c == '"' ? "\"\"" : std::string(1, c);
        }
        // A full scan of one table returns its rows in key order.
        add_rows("SELECT * FROM \"" + quoted + "\"");
    }
    return sha.hex_digest();
}

ScratchBase& ScratchBase::instance() {
    static ScratchBase base;
    return base;
}

ScratchBase::ScratchBase() {
    std::random_device random;
    folder_ = std::filesystem::temp_directory_path() /
              fmt::format("jobkb-fuzz-{}-{:08x}", ::getpid(), random());
    std::filesystem::create_directories(folder_);
    path_ = folder_ / "kb.db";
    try {
        initialize_knowledge_base(path_, Content::kArticle);
        writer_ = open_knowledge_base(path_, Access::kReadWrite);
        watcher_ = std::make_unique<SQLite::Database>(path_.string(), SQLite::OPEN_READONLY);
        data_version_ = data_version();
        digest_ = content_digest(*watcher_);
    } catch (const std::exception& error) {
        fail(fmt::format("cannot make the scratch knowledge base at {}: {}", path_.string(),
                         error.what()),
             "");
    }
}

ScratchBase::~ScratchBase() {
    watcher_.reset();
    writer_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

Database& ScratchBase::writer() { return *writer_; }

std::int64_t ScratchBase::data_version() {
    return watcher_->execAndGet("PRAGMA data_version").getInt64();
}

void ScratchBase::expect_unchanged(std::string_view input, bool full) {
    if (sqlite3_get_autocommit(writer_->native_handle()) == 0) {
        fail("a transaction was left open on the knowledge base", input);
    }
    if (data_version() != data_version_) {
        fail("something was committed to the knowledge base (PRAGMA data_version changed)", input);
    }
    if (full && content_digest(*watcher_) != digest_) {
        fail("the knowledge base's content changed", input);
    }
}

} // namespace jobkb::fuzz
