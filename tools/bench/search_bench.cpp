// The search questions of the benchmark, on tools/gen-onet-scale-base's O*NET-sized base:
//
//     JOBKB_BENCH_ONET=FILE jobkb-query-bench --benchmark_filter=search [Google Benchmark flags]
//
// "lib/search_<question>" through jobkb::search, "sql/search_<question>" as a hand-written FTS5
// query for the same answer (one hit per entity, roles first, best 20, with snippets). Counters
// as in query_bench.cpp, and texts: how many texts match (what the ranking has to score).
// Registered only when JOBKB_BENCH_ONET is set.
#include "measure.hpp"

#include "jobkb/knowledge_base.hpp"
#include "jobkb/search.hpp"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace {

using jobkb::bench::measure;

const char* kHandWrittenSearch = R"sql(
WITH hits AS MATERIALIZED (
    SELECT d.kind, d.entity_id, d.field, d.id AS doc,
           bm25(search_index, 10.0, 5.0, 1.0) AS score
    FROM search_index JOIN search_documents d ON d.id = search_index.rowid
    WHERE search_index MATCH ?1),
best AS (
    SELECT h.kind, h.entity_id, h.field, h.doc, min(h.score) AS score,
           coalesce(r.name, s.name, i.name) AS name
    FROM hits h
    LEFT JOIN roles r ON h.kind = 'role' AND r.id = h.entity_id
    LEFT JOIN skills s ON h.kind = 'skill' AND s.id = h.entity_id
    LEFT JOIN industries i ON h.kind = 'industry' AND i.id = h.entity_id
    GROUP BY h.kind, h.entity_id
    ORDER BY CASE h.kind WHEN 'role' THEN 0 WHEN 'skill' THEN 1 ELSE 2 END, score LIMIT 20)
SELECT kind, entity_id, name, field,
       (SELECT snippet(search_index, -1, '[', ']', '...', 12) FROM search_index
        WHERE search_index MATCH ?1 AND rowid = best.doc),
       -score
FROM best)sql";

struct SearchBase {
    std::string path;
    std::unique_ptr<jobkb::Database> database;
    sqlite3* raw = nullptr;
};

SearchBase& search_base() {
    static SearchBase base = [] {
        SearchBase made;
        made.path = std::getenv("JOBKB_BENCH_ONET");
        made.database = jobkb::open_knowledge_base(made.path, jobkb::Access::kReadOnly);
        sqlite3_open_v2(made.path.c_str(), &made.raw, SQLITE_OPEN_READONLY, nullptr);
        return made;
    }();
    return base;
}

// The words as the user types them, and the MATCH expression a hand-writer would bind.
struct SearchQuestion {
    const char* name;
    const char* words;
    const char* match;
};
constexpr SearchQuestion kSearchQuestions[] = {
    {"chatbot", "chatbot", "\"chatbot\""},
    {"common_word", "data", "\"data\""},
    {"two_words", "data systems", "\"data\" \"systems\""},
    {"prefix", "eng*", "\"eng\"*"},
    {"phrase", "\"machine learning\"", "\"machine learning\""},
};

void lib_search(benchmark::State& state, const SearchQuestion& question) {
    auto& base = search_base();
    jobkb::SearchQuery query;
    query.words = question.words;
    measure(state, [&] { return jobkb::search(*base.database, query).size(); });
    state.counters["scans"] = 0;
    // How many texts match: what the ranking has to score.
    sqlite3_stmt* count = nullptr;
    sqlite3_prepare_v2(base.raw, "SELECT count(*) FROM search_index WHERE search_index MATCH ?", -1,
                       &count, nullptr);
    sqlite3_bind_text(count, 1, question.match, -1, SQLITE_STATIC);
    if (sqlite3_step(count) == SQLITE_ROW) {
        state.counters["texts"] = static_cast<double>(sqlite3_column_int64(count, 0));
    }
    sqlite3_finalize(count);
}

void sql_search(benchmark::State& state, const SearchQuestion& question) {
    auto& base = search_base();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(base.raw, kHandWrittenSearch, -1, SQLITE_PREPARE_PERSISTENT, &statement,
                           nullptr) != SQLITE_OK) {
        state.SkipWithError(sqlite3_errmsg(base.raw));
        return;
    }
    sqlite3_bind_text(statement, 1, question.match, -1, SQLITE_STATIC);
    measure(state, [&] {
        std::size_t rows = 0;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            ++rows;
            benchmark::DoNotOptimize(sqlite3_column_text(statement, 4));
        }
        sqlite3_reset(statement);
        return rows;
    });
    state.counters["scans"] = 0;
    sqlite3_finalize(statement);
}

const bool kSearchRegistered = [] {
    if (std::getenv("JOBKB_BENCH_ONET") == nullptr) {
        return false;
    }
    for (const auto& question : kSearchQuestions) {
        benchmark::RegisterBenchmark((std::string("lib/search_") + question.name).c_str(),
                                     lib_search, question)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark((std::string("sql/search_") + question.name).c_str(),
                                     sql_search, question)
            ->Unit(benchmark::kMicrosecond);
    }
    return true;
}();

} // namespace
