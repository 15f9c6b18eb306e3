#include "salary_rows_fuzz.hpp"

#include "fuzz_support.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/import.hpp"
#include "jobkb/import/dimensions.hpp"
#include "jobkb/import/figure_cells.hpp"
#include "jobkb/import/plan.hpp"
#include "jobkb/import/row_figures.hpp"
#include "jobkb/import/salary_validation.hpp"
#include "jobkb/import/validation.hpp"

#include <fmt/format.h>

#include <set>
#include <sstream>

namespace jobkb::fuzz {
namespace {

using namespace jobkb::detail;

constexpr const char* kToday = "2026-11-23";

// One way of reading the file: its options, and what they resolve to once.
struct Way {
    ImportOptions options;
    FigureCellRules rules;
    int scale_power = 0;
};

// The base's vocabulary, read once per process from the scratch base, and the three ways.
struct Setting {
    SalaryVocabulary salary;
    DimensionVocabulary dimensions;
    std::set<std::string> periods;    // codes
    std::set<std::string> statistics; // codes
    std::vector<Way> ways;
};

Way make_way(ImportOptions options, const SalaryVocabulary& vocabulary, int scale_power) {
    std::vector<Diagnostic> problems;
    Way way{std::move(options), {}, scale_power};
    way.rules = figure_cell_rules(way.options, vocabulary, problems);
    if (!problems.empty()) {
        fail("the fuzz target's own columns are refused: " + describe_reason(problems.front()), "");
    }
    return way;
}

// `file` names the input in every way: the first call's, as a process fuzzes one format.
const Setting& setting(const std::string& file) {
    static const Setting loaded = [&] {
        Setting setting;
        Database& base = ScratchBase::instance().writer();
        setting.salary = load_salary_vocabulary(base, "fuzzing");
        setting.dimensions = load_dimension_vocabulary(base, "fuzzing");
        for (const auto& [spelling, code] : setting.salary.periods) {
            setting.periods.insert(code);
        }
        for (const auto& [spelling, code] : setting.salary.statistics) {
            setting.statistics.insert(code);
        }
        ImportOptions strict;
        strict.file_name = file;
        strict.today = kToday;
        ImportOptions lenient = strict;
        lenient.ignore_unknown = true;
        lenient.scale = 1000;
        // A wide table: the amount column as figures, with placeholders and top codes.
        ImportOptions wide = lenient;
        wide.scale = 1;
        wide.columns = {{"amount", "median", "year"}};
        wide.placeholders = {"", "*", "-"};
        wide.top_codes = {{"#", "239200", "year"}, {"#", "115.00", "hour"}};
        setting.ways.push_back(make_way(strict, setting.salary, 0));
        setting.ways.push_back(make_way(lenient, setting.salary, 3));
        setting.ways.push_back(make_way(wide, setting.salary, 0));
        return setting;
    }();
    return loaded;
}

// What the base would refuse, or hold wrongly, of a figure the validation let through.
void expect_figures(RowFigures& figures, const Setting& setting, std::string_view input) {
    const auto& list = figures.figures();
    for (const ValidFigure& figure : list) {
        if (figure.currency == nullptr ||
            !setting.salary.currencies.contains(figure.currency->code)) {
            fail("a figure without a currency of the base", input);
        }
        if (figure.amount_minor <= 0 || figure.amount_minor > kMaxAmountMinor) {
            fail(fmt::format("a figure of {} minor units", figure.amount_minor), input);
        }
        if (!setting.periods.contains(figure.period) ||
            !setting.statistics.contains(figure.statistic)) {
            fail("a figure of a period or statistic the base does not know: " +
                     escaped(figure.period + " " + figure.statistic),
                 input);
        }
        std::vector<Diagnostic> date_problems;
        if (!check_date("as_of", figure.as_of, kToday, date_problems)) {
            fail("a figure dated " + escaped(figure.as_of), input);
        }
        if (figure.qualifier != "exact" && figure.qualifier != "at_least" &&
            figure.qualifier != "at_most" && figure.qualifier != "approximate") {
            fail("a figure qualified " + escaped(figure.qualifier), input);
        }
    }
    if (figures.fields().size() != list.size() ||
        figures.ranges() * 2 > static_cast<std::int64_t>(list.size()) ||
        figures.bounds() > static_cast<std::int64_t>(list.size())) {
        fail("the figures' fields, ranges or bounds do not fit the figures", input);
    }
    // One amount's range is its minimum then its maximum, the low end first.
    for (std::size_t i = 0; i + 1 < list.size(); ++i) {
        if (list[i].statistic == "minimum" && list[i + 1].statistic == "maximum" &&
            figures.fields()[i] == figures.fields()[i + 1] &&
            list[i].amount_minor > list[i + 1].amount_minor &&
            list[i].currency == list[i + 1].currency) {
            fail("a range with its low end above its high end", input);
        }
    }
}

// One way's reading of the records: its plan (which refuses a CSV header once, for the whole
// file) and its figures.
class WayReading {
public:
    WayReading(const Way& way, const Setting& setting)
        : setting_(setting), wide_(!way.rules.columns.empty()),
          plan_(salary_fields(true, !wide_), way.options, figure_column_names(way.rules)),
          figures_(setting.salary, way.rules, kToday, way.scale_power, true,
                   way.options.file_name) {}

    void visit(const Record& record, const std::string& file, std::string_view input) {
        if (refused_) {
            return;
        }
        problems_.clear();
        const ColumnPlan* column_plan = nullptr;
        if (const auto refusal =
                refusal_of([&] { column_plan = &plan_.plan_for(record); }, input)) {
            expect_refusal(*refusal, file, input);
            refused_ = true;
            return;
        }
        if (!column_plan->problems.empty()) {
            expect_problems(column_plan->problems, file, record.line, input);
            return;
        }
        if (!read_field_texts(record, *column_plan, plan_, texts_, problems_)) {
            if (problems_.empty()) {
                fail("field texts refused without a problem", input);
            }
            expect_problems(problems_, file, record.line, input);
            return;
        }
        check_dimensions(texts_, kLevel, setting_.dimensions, problems_);
        bool valid = false;
        if (const auto refusal =
                refusal_of([&] { valid = figures_.read(record, texts_, problems_); }, input)) {
            expect_refusal(*refusal, file, input); // a header without the figure columns
            refused_ = true;
            return;
        }
        expect_problems(problems_, file, record.line, input);
        if (!valid && problems_.empty()) {
            fail("a row refused without a problem", input);
        }
        if (problems_.empty()) {
            expect_figures(figures_, setting_, input);
        }
    }

private:
    const Setting& setting_;
    bool wide_;
    MappingPlan plan_;
    RowFigures figures_;
    FieldTexts texts_;
    std::vector<Diagnostic> problems_;
    bool refused_ = false;
};

} // namespace

int fuzz_salary_rows(InputFormat format, const std::uint8_t* data, std::size_t size) {
    const std::string file = "fuzz." + std::string(to_string(format));
    const Setting& loaded = setting(file);
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // The file is read once, and each record validated the three ways: the reader is the same.
    std::istringstream stream{std::string(input)};
    InputSource source(stream, file);
    std::vector<WayReading> ways;
    ways.reserve(loaded.ways.size()); // a plan keeps pointers into the header it planned
    for (const Way& way : loaded.ways) {
        ways.emplace_back(way, loaded);
    }
    const auto refusal = refusal_of(
        [&] {
            RecordReader reader(source, format, loaded.ways.front().options.reading);
            reader.read([&](const Record& record) {
                if (!record.problem.empty()) {
                    expect_problems({{{}, 0, "row", record.problem, {}, {}}}, file, record.line,
                                    input);
                    return;
                }
                for (WayReading& way : ways) {
                    way.visit(record, file, input);
                }
            });
        },
        input);
    if (refusal) {
        expect_refusal(*refusal, file, input);
    }
    return 0;
}

} // namespace jobkb::fuzz
