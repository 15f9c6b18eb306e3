#pragma once

// What the import unit tests share: a seeded knowledge base open for writing, and queries on the
// same connection (so they see what an open transaction wrote).
#include "jobkb/knowledge_base.hpp"
#include "jobkb/statement.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace jobkb::test {

class SeededBase : public ::testing::Test {
protected:
    TempDir dir_;
    fs::path path_ = make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadWrite);

    // The first column of the first row, as text ("" for NULL).
    std::string scalar(const std::string& sql) {
        detail::Statement statement(*database_, "testing", sql);
        return statement.use().single_row().text(0);
    }
    std::int64_t count(const std::string& sql) { return std::stoll(scalar(sql)); }
    // Every row of a committed query, as text.
    std::vector<std::vector<std::string>> rows(const std::string& sql) { return query(path_, sql); }
    // Every table's rows but the import batches and the sources, which an undone batch keeps
    // as its history: equal before an import and after its undo.
    std::string content_but_batches() {
        std::string dump = content_dump(path_);
        for (const char* table : {"== import_batches\n", "== sources\n"}) {
            const auto start = dump.find(table);
            dump.erase(start, dump.find("\n== ", start + 1) - start);
        }
        return dump;
    }
};

} // namespace jobkb::test
