// fts_match_expression: whatever the user types, it is either refused with a one-line message
// that says what was expected, or it becomes an expression FTS5 accepts (never an FTS5 syntax
// error) and that matches in an in-memory index with the knowledge base's tokenizer.
#include "fuzz_support.hpp"

#include "jobkb/search.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace {

SQLite::Database& index() {
    static SQLite::Database database = [] {
        SQLite::Database made(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        made.exec("CREATE VIRTUAL TABLE t USING fts5(name, title, body, "
                  "tokenize = 'porter unicode61 remove_diacritics 2');"
                  "INSERT INTO t VALUES ('NLP Engineer', 'Chatbot Developer', "
                  "'Create virtual assistance and chatbots'), ('Python', NULL, NULL), "
                  "(NULL, NULL, 'Computer vision pipelines for résumé OR and NOT')");
        return made;
    }();
    return database;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string expression;
    const auto refusal =
        jobkb::fuzz::refusal_of([&] { expression = jobkb::fts_match_expression(input); }, input);
    if (refusal) {
        if (refusal->code() != jobkb::ErrorCode::kInvalidArgument) {
            jobkb::fuzz::fail("refused with another code than kInvalidArgument", input);
        }
        const std::string_view message(refusal->what());
        if (message.find("(expected ") == std::string_view::npos) {
            jobkb::fuzz::fail(std::string("the refusal does not say what was expected: ") +
                                  refusal->what(),
                              input);
        }
        return 0;
    }
    try {
        SQLite::Statement query(index(), "SELECT count(*) FROM t WHERE t MATCH ?");
        query.bind(1, expression);
        query.executeStep();
    } catch (const SQLite::Exception& error) {
        jobkb::fuzz::fail(
            "FTS5 refused '" + jobkb::fuzz::escaped(expression) + "': " + error.what(), input);
    }
    return 0;
}
