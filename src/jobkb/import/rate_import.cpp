// import_rates(): exchange rates and PPP factors from the ECB's and the World Bank's files, as a
// kind of file import (file_import.hpp). The layout is told from the file's first bytes, read
// ahead and then handed on, so the batch knows its content and its source before the first row.
#include "jobkb/import/diagnostics.hpp"
#include "jobkb/import/rate_layouts.hpp"
#include "jobkb/import/rate_rows.hpp"
#include "jobkb/import/readers.hpp"

#include <array>

#include <fmt/format.h>

#include <istream>
#include <streambuf>

namespace jobkb {
namespace {

using namespace jobkb::detail;

// The most read ahead to find the header: the World Bank's preamble is four short lines.
constexpr std::size_t kHeadBytes = 1 << 16;

// The input again, from its first byte: the bytes read ahead, then the rest as it comes. For the
// World Bank's download the preamble lines are blanked (their line ends kept, so line numbers
// stay those of the file), and the CSV reader, which skips blank lines, meets the real header
// first.
class ReadAhead : public std::streambuf {
public:
    explicit ReadAhead(InputSource& input) : input_(input) {
        head_.resize(kHeadBytes);
        std::size_t size = 0;
        while (size < head_.size()) {
            const std::size_t read = input_.read(head_.data() + size, head_.size() - size);
            if (read == 0) {
                break;
            }
            size += read;
            if (head_.find('\n') < size && size >= 4096) {
                break;
            }
        }
        head_.resize(size);
        setg(head_.data(), head_.data(), head_.data() + head_.size());
    }

    const std::string& head() const noexcept { return head_; }

    // The World Bank's preamble blanked in the bytes read ahead (world_bank_from_header).
    void blank_preamble() {
        head_ = world_bank_from_header(head_);
        setg(head_.data(), head_.data(), head_.data() + head_.size());
    }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) {
            return traits_type::to_int_type(*gptr());
        }
        const std::size_t read = input_.read(buffer_.data(), buffer_.size());
        if (read == 0) {
            return traits_type::eof();
        }
        setg(buffer_.data(), buffer_.data(), buffer_.data() + read);
        return traits_type::to_int_type(*gptr());
    }

private:
    InputSource& input_;
    std::string head_;
    std::array<char, kReadChunk> buffer_{};
};

// The source a layout's values come from when the user names none.
const SourceDetails& default_source(RateLayout layout, const std::string& head) {
    if (!holds_ppp_factors(layout)) {
        return ecb_source();
    }
    if (head.find("\"PA.NUS.PRVT.PP\"") != std::string::npos) {
        return *world_bank_source("PA.NUS.PRVT.PP");
    }
    return *world_bank_source("PA.NUS.PPP");
}

// A source the import just created from a title gets its publisher, address and terms.
void describe_new_source(Database& database, std::int64_t source_id, const SourceDetails& details) {
    Statement describe(database, "describing the source of the rates",
                       "UPDATE sources SET publisher = :publisher, url = :url, note = :note "
                       "WHERE id = :id AND publisher IS NULL AND note = 'added by jobkb import'");
    describe.use()
        .bind(":publisher", details.publisher)
        .bind(":url", details.url)
        .bind(":note", details.note)
        .bind(":id", source_id)
        .exec();
}

// RateRows, and the source's details once the batch has its source.
class DescribedRateRows : public RateRows {
public:
    DescribedRateRows(RateLayout layout, RateImportReport& report, const SourceDetails* details)
        : RateRows(layout, report), details_(details) {}

    void begin(FileImport& run) override {
        if (details_ != nullptr) {
            describe_new_source(run.database(), run.batch_source(), *details_);
        }
        RateRows::begin(run);
    }

private:
    const SourceDetails* details_;
};

} // namespace

RateImportReport import_rates(Database& database, InputSource& input,
                              const RateImportOptions& options, const RejectSink& on_reject) {
    if (options.supersede) {
        throw Error(ErrorCode::kInvalidArgument,
                    "rate batches are never superseded: a newer value of the same day or year "
                    "already counts as current");
    }
    if (!options.mapping.empty() || !options.constants.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "rate files have fixed columns: no mapping or constant applies");
    }
    ReadAhead ahead(input);
    RateLayout layout = options.layout;
    if (layout == RateLayout::kAuto) {
        const auto detected = detect_rate_layout(ahead.head());
        if (!detected) {
            const std::string_view head = ahead.head();
            throw InputError({Diagnostic{
                options.file_name, 1, "header",
                fmt::format("'{}' is no rate layout jobkb reads",
                            one_line(head.substr(0, std::min(head.find('\n'), head.size())))),
                "Date,USD,JPY,... (ECB), date,base,quote,rate, Country,Country ID,Year,PPP, or "
                "the World Bank's CSV download",
                Hint{HintKind::kChooseLayout, {}, {}}}});
        }
        layout = *detected;
    }
    if (layout == RateLayout::kWorldBank) {
        ahead.blank_preamble();
    }
    RateImportOptions run_options = options;
    run_options.format = InputFormat::kCsv;
    const SourceDetails* details = nullptr;
    if (!run_options.source) {
        details = &default_source(layout, ahead.head());
        run_options.source = std::string(details->title);
    }
    std::istream replay(&ahead);
    InputSource replayed(replay, input.name());
    RateImportReport report;
    static constexpr std::array<FieldSpec, 0> kNoFields = {};
    FileImport run(database, replayed, run_options, FieldList(kNoFields), on_reject);
    run.hash_from(input);
    DescribedRateRows rows(layout, report, details);
    run.run(rows, report);
    if (report.values_read == 0 && report.rows_rejected == 0 && !report.already_imported) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: the file holds no {}: every cell is N/A or empty (expected "
                                "at least one value)",
                                options.file_name,
                                holds_ppp_factors(layout) ? "factors" : "rates"));
    }
    report.layout = layout;
    report.content = holds_ppp_factors(layout) ? "ppp-factors" : "exchange-rates";
    return report;
}

} // namespace jobkb
