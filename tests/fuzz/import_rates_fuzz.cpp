// The rate import, in memory: layout detection, the World Bank's preamble, the CSV reader and
// RateRows' validation of every row against the base's vocabulary (read once per process), the
// values handed to a sink that finds a file's conflicting values as the base's store does. Each
// input is read twice: in the layout its header says, and in one the first byte forces, so that
// every layout's reading sees every kind of header. Every 64th input (the first one too, so a
// saved input replays it) also runs both ways as a dry run through the scratch knowledge base,
// so that the store's statements are fuzzed as well. Fails the input when anything but a
// jobkb::Error escapes, when a problem or refusal is not one line naming the file, when a value
// the validation let through is one the base would refuse or hold wrongly, when the counts do not
// add up, or when the knowledge base is not exactly as before.
#include "fuzz_support.hpp"

#include "jobkb/import/rate_layouts.hpp"
#include "jobkb/import/rate_rows.hpp"
#include "jobkb/rate_import.hpp"
#include "jobkb/record_reader.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>
#include <tuple>

namespace jobkb::fuzz {
namespace {

constexpr const char* kToday = "2026-11-23";
constexpr const char* kFile = "fuzz.csv";

void expect(bool holds, std::string_view what, const RateImportReport& report,
            std::string_view input) {
    if (!holds) {
        fail(fmt::format("{} (layout {}, read {}, values {}, inserted {}, unchanged {}, rejected "
                         "{})",
                         what, to_string(report.layout), report.rows_read, report.values_read,
                         report.rows_inserted, report.values_unchanged, report.rows_rejected),
             input);
    }
}

void import_once(RateLayout layout, bool skip_invalid, std::string_view input) {
    ScratchBase& base = ScratchBase::instance();
    RateImportOptions options;
    options.file_name = kFile;
    options.dry_run = true;
    options.today = kToday;
    options.layout = layout;
    options.skip_invalid = skip_invalid;
    options.max_errors = 3;
    std::istringstream stream{std::string(input)};
    InputSource source(stream, options.file_name);
    RateImportReport report;
    const auto refusal =
        refusal_of([&] { report = import_rates(base.writer(), source, options); }, input);
    if (refusal) {
        expect_refusal(*refusal, kFile, input);
    } else {
        expect(!report.committed && report.batch_id == 0, "a dry run committed", report, input);
        expect(report.rows_inserted <= report.values_read, "more written than read", report, input);
        expect(report.rows_rejected > 0 || options.skip_invalid ||
                   report.rows_inserted + report.values_unchanged <= report.values_read,
               "values do not add up", report, input);
        expect(report.errors.size() <= options.max_errors, "more errors kept than max_errors",
               report, input);
        for (const auto& error : report.errors) {
            expect_message(describe(error), kFile, input);
        }
        if (!report.first_date.empty()) {
            expect(report.first_date <= report.last_date && report.last_date <= kToday,
                   "a day out of order or in the future", report, input);
        }
    }
    base.expect_unchanged(input, false);
}

const detail::RateVocabulary& vocabulary() {
    static const detail::RateVocabulary loaded =
        detail::RateVocabulary::load(ScratchBase::instance().writer(), "fuzzing");
    return loaded;
}

// The file's values by key, as the store keeps them for one batch into a base without rates:
// the first value of a key is new, the same one again unchanged, another a conflict. Fails the
// input on a value the base would refuse.
class MemorySink : public detail::RateSink {
public:
    explicit MemorySink(std::string_view input) : input_(input) {}

    detail::StoreOutcome add_rate(const std::string& day, const std::string& base,
                                  const std::string& quote, const Decimal& rate,
                                  std::string& earlier) override {
        const auto& known = vocabulary();
        if (!known.knows_currency(base) || !known.knows_currency(quote) || base == quote) {
            fail("a rate between currencies the base does not take: " + escaped(base + "/" + quote),
                 input_);
        }
        expect_day(day);
        expect_positive(rate);
        return outcome(rates_, {day, base, quote}, rate.to_string(), earlier);
    }

    detail::StoreOutcome add_factor(const std::string& country, int year,
                                    const std::string& currency, const Decimal& factor,
                                    std::string& earlier) override {
        if (vocabulary().country_currency(country) == nullptr ||
            !vocabulary().knows_currency(currency)) {
            fail("a factor of a country or currency the base does not know: " +
                     escaped(country + " " + currency),
                 input_);
        }
        if (year < 1900 || std::to_string(year) > std::string(kToday).substr(0, 4)) {
            fail(fmt::format("a factor of the year {}", year), input_);
        }
        expect_positive(factor);
        // A factor is its value and its currency: another currency is another value.
        return outcome(factors_, {country, std::to_string(year), ""},
                       factor.to_string() + " " + currency, earlier);
    }

    std::int64_t handed() const noexcept { return handed_; }

private:
    using Key = std::tuple<std::string, std::string, std::string>;

    detail::StoreOutcome outcome(std::map<Key, std::string>& values, Key key, std::string value,
                                 std::string& earlier) {
        ++handed_;
        const auto [found, added] = values.emplace(std::move(key), value);
        if (added) {
            return detail::StoreOutcome::kInserted;
        }
        if (found->second == value) {
            return detail::StoreOutcome::kUnchanged;
        }
        earlier = found->second;
        return detail::StoreOutcome::kConflict;
    }

    void expect_day(const std::string& day) {
        std::vector<Diagnostic> problems;
        if (day.size() != 10 || !detail::check_date("date", day, kToday, problems)) {
            fail("a rate dated " + escaped(day), input_);
        }
    }

    void expect_positive(const Decimal& value) {
        if (value.is_zero() || value.to_string().starts_with("-")) {
            fail("a value that is not positive: " + value.to_string(), input_);
        }
    }

    std::string_view input_;
    std::map<Key, std::string> rates_;
    std::map<Key, std::string> factors_;
    std::int64_t handed_ = 0;
};

// One layout's reading of the whole input.
void read_in_memory(RateLayout requested, std::string_view input) {
    RateLayout layout = requested;
    if (layout == RateLayout::kAuto) {
        const auto detected = detect_rate_layout(input);
        if (!detected) {
            return; // import_rates refuses the header, before any row
        }
        layout = *detected;
    }
    std::istringstream stream{layout == RateLayout::kWorldBank
                                  ? detail::world_bank_from_header(input)
                                  : std::string(input)};
    InputSource source(stream, kFile);
    RateImportReport report;
    MemorySink sink(input);
    detail::RateRows rows(layout, report);
    rows.start(vocabulary(), sink, kFile, kToday);
    detail::FieldTexts texts;
    std::vector<Diagnostic> problems;
    const auto refusal = refusal_of(
        [&] {
            RecordReader reader(source, InputFormat::kCsv, ReadOptions{});
            reader.read([&](const Record& record) {
                problems.clear();
                const bool valid = rows.accept(record, texts, true, problems);
                expect_problems(problems, kFile, record.line, input);
                if (!valid && problems.empty()) {
                    fail("a row refused without a problem", input);
                }
            });
        },
        input);
    if (refusal) {
        expect_refusal(*refusal, kFile, input);
        return;
    }
    expect(sink.handed() <= report.values_read, "more values handed on than read", report, input);
    expect(report.values_read >= 0 && report.not_available >= 0, "negative counts", report, input);
    for (const auto& skipped : report.skipped) {
        expect(skipped.count > 0 && !skipped.what.empty() && !skipped.why.empty(),
               "a skipped entry without its count, what or why", report, input);
    }
    if (!report.first_date.empty()) {
        expect(report.first_date <= report.last_date && report.last_date <= kToday,
               "a day out of order or in the future", report, input);
    }
}

} // namespace
} // namespace jobkb::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static int runs = 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    constexpr jobkb::RateLayout kForced[] = {jobkb::RateLayout::kEcb, jobkb::RateLayout::kEcbDaily,
                                             jobkb::RateLayout::kLong, jobkb::RateLayout::kPpp,
                                             jobkb::RateLayout::kWorldBank};
    const jobkb::RateLayout forced = kForced[size == 0 ? 0 : data[0] % 5];
    jobkb::fuzz::read_in_memory(jobkb::RateLayout::kAuto, input);
    jobkb::fuzz::read_in_memory(forced, input);
    if (jobkb::fuzz::through_the_base(runs)) {
        jobkb::fuzz::import_once(jobkb::RateLayout::kAuto, false, input);
        jobkb::fuzz::import_once(forced, true, input);
    }
    if (runs++ % jobkb::fuzz::kFullCheckEvery == 0) {
        jobkb::fuzz::ScratchBase::instance().expect_unchanged(input, true);
    }
    return 0;
}
