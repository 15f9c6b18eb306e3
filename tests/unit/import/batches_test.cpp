// Batches: started and finished, a re-import found, supersede, listing, and undo (which restores
// what the undone batch superseded) with its refusals.
#include "jobkb/import/batches.hpp"
#include "jobkb/import/observation_writer.hpp"

#include "support.hpp"

#include <fmt/format.h>

namespace jobkb::detail {
namespace {

class BatchesTest : public test::SeededBase {
protected:
    void SetUp() override {
        source_ = count("SELECT min(id) FROM sources");
        role_ = count("SELECT id FROM roles WHERE slug = 'data-scientist'");
    }

    // A finished batch of the source with one observation of Data Scientist in IN.
    std::int64_t import_figure(std::int64_t amount, const std::string& as_of,
                               const std::string& sha = std::string(64, 'a'),
                               bool supersede = false) {
        Batches batches(*database_, "testing");
        const auto id = batches.start("f.csv", "format=csv;source=1", InputFormat::kCsv, source_);
        ObservationWriter writer(*database_, "testing", id);
        writer.add({role_, "IN", &inr_, amount, "year", "average", as_of, source_, {}});
        writer.finish();
        if (supersede) {
            superseded_ = batches.supersede(id, source_);
        }
        batches.finish(id, sha, {1, 1, 0});
        return id;
    }

    std::string latest() {
        return scalar("SELECT amount_minor FROM latest_salaries WHERE role = 'Data Scientist' AND "
                      "country = 'IN' AND statistic = 'average' AND period = 'year'");
    }

    Currency inr_{"INR", "₹", 2, DigitGrouping::kIndian};
    std::int64_t source_ = 0;
    std::int64_t role_ = 0;
    std::vector<std::int64_t> superseded_;
};

TEST_F(BatchesTest, StartAndFinishRecordTheBatch) {
    Batches batches(*database_, "testing");
    const auto id = batches.start("dir/q3.tsv", "format=tsv;source=1", InputFormat::kTsv, source_);
    EXPECT_EQ(scalar(fmt::format("SELECT sha256 FROM import_batches WHERE id = {}", id)),
              std::string(64, '0'))
        << "the digest is known only at the end";
    batches.finish(id, std::string(64, 'f'), {5, 3, 2});
    const auto listed = list_import_batches(*database_);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, id);
    EXPECT_EQ(listed[0].file_name, "dir/q3.tsv");
    EXPECT_EQ(listed[0].input_format, "tsv");
    EXPECT_EQ(listed[0].source,
              scalar(fmt::format("SELECT title FROM sources WHERE id = {}", source_)));
    EXPECT_EQ((std::vector<std::int64_t>{listed[0].rows_read, listed[0].rows_inserted,
                                         listed[0].rows_rejected}),
              (std::vector<std::int64_t>{5, 3, 2}));
    EXPECT_EQ(listed[0].sha256, std::string(64, 'f'));
    EXPECT_EQ(listed[0].superseded_by, std::nullopt);
    EXPECT_EQ(listed[0].undone_at, std::nullopt);
    EXPECT_EQ(listed[0].imported_at.size(), 20u) << listed[0].imported_at;
}

TEST_F(BatchesTest, ARepeatedImportIsFoundBySha256AndSettings) {
    const auto first = import_figure(110000000, "2026-05");
    Batches batches(*database_, "testing");
    const auto found = batches.earlier_import(std::string(64, 'a'), "format=csv;source=1", 999);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->batch_id, first);
    EXPECT_EQ(found->rows_rejected, 0);
    EXPECT_FALSE(batches.earlier_import(std::string(64, 'b'), "format=csv;source=1", 999))
        << "other bytes";
    EXPECT_FALSE(batches.earlier_import(std::string(64, 'a'), "format=tsv;source=1", 999))
        << "other settings";
    EXPECT_FALSE(batches.earlier_import(std::string(64, 'a'), "format=csv;source=1", first))
        << "a batch is not its own earlier import";
    undo_import_batch(*database_, first);
    EXPECT_FALSE(batches.earlier_import(std::string(64, 'a'), "format=csv;source=1", 999))
        << "an undone batch does not count";
}

TEST_F(BatchesTest, SupersedeMakesTheNewBatchCurrentAndUndoRestoresTheOld) {
    const std::string seeded = latest();
    const auto first = import_figure(110000000, "2026-07");
    EXPECT_EQ(latest(), "110000000");
    // The revised figure is dated earlier, yet counts: the earlier batch is superseded.
    const auto second = import_figure(105000000, "2026-06", std::string(64, 'b'), true);
    EXPECT_EQ(superseded_, (std::vector<std::int64_t>{first}));
    EXPECT_EQ(latest(), "105000000");
    EXPECT_EQ(count(fmt::format("SELECT superseded_by FROM import_batches WHERE id = {}", first)),
              second);
    EXPECT_EQ(undo_import_batch(*database_, second), 1);
    EXPECT_EQ(latest(), "110000000") << "the superseded batch counts again";
    EXPECT_EQ(scalar(fmt::format("SELECT superseded_by FROM import_batches WHERE id = {}", first)),
              "");
    EXPECT_EQ(undo_import_batch(*database_, first), 1);
    EXPECT_EQ(latest(), seeded);
    const auto listed = list_import_batches(*database_);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_TRUE(listed[0].undone_at && listed[1].undone_at);
}

TEST_F(BatchesTest, UndoingTheMiddleOfAChainHandsItsSupersededOn) {
    const auto a = import_figure(100, "2026-01");
    const auto b = import_figure(200, "2026-02", std::string(64, 'b'), true);
    const auto c = import_figure(300, "2026-03", std::string(64, 'c'), true);
    EXPECT_EQ(superseded_, (std::vector<std::int64_t>{b})) << "a was superseded already";
    undo_import_batch(*database_, b);
    EXPECT_EQ(count(fmt::format("SELECT superseded_by FROM import_batches WHERE id = {}", a)), c);
}

TEST_F(BatchesTest, UndoRefusesUnknownAndUndoneBatches) {
    try {
        undo_import_batch(*database_, 42);
        FAIL() << "undid a batch that does not exist";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kNotFound);
        EXPECT_EQ(error.cause(), "no import batch 42");
        EXPECT_EQ(error.hint().kind, HintKind::kListImports);
    }
    const auto id = import_figure(100, "2026-01");
    undo_import_batch(*database_, id);
    const std::string before = scalar("SELECT count(*) || undone_at FROM import_batches");
    try {
        undo_import_batch(*database_, id);
        FAIL() << "undid a batch twice";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(error.cause().rfind(fmt::format("import batch {} was already undone at ", id), 0),
                  0u)
            << error.cause();
    }
    EXPECT_EQ(scalar("SELECT count(*) || undone_at FROM import_batches"), before);
}

TEST_F(BatchesTest, UndoRunsEveryKindOfContent) {
    ASSERT_FALSE(batch_contents().empty());
    EXPECT_EQ(batch_contents()[0].name, "salary observations");
    const auto id = import_figure(100, "2026-01");
    EXPECT_EQ(batch_contents()[0].undo(*database_, id), 1);
    EXPECT_EQ(batch_contents()[0].undo(*database_, id), 0);
}

} // namespace
} // namespace jobkb::detail
