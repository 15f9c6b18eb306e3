// `jobkb import roles`: the first byte picks the format (CSV, TSV, JSON or NDJSON), the rest is
// the file. Each input is read once, in memory, and every record planned and validated strictly
// and leniently (--ignore-unknown): its field texts, codes, names and lists (validate_role, which
// needs no base). Every 64th input (the first one too, so a saved input replays it) is also
// imported as dry runs into the scratch knowledge base, strictly and then leniently
// (--skip-invalid --ignore-unknown), lookups and writes made before the rollback. Fails the input
// when anything but a jobkb::Error escapes, when a refusal is not an input problem, when a problem
// or message is not one line starting with the file's name, when a role the validation let
// through breaks its rules (a name too long, an item twice, a key skill mentioned too), when the
// report breaks its promises (counts that do not add up), or when the base is not exactly as
// before.
#include "fuzz_support.hpp"

#include "jobkb/import/plan.hpp"
#include "jobkb/import/role_fields.hpp"
#include "jobkb/import/validation.hpp"
#include "jobkb/role_import.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <array>
#include <sstream>

namespace {

using namespace jobkb;

constexpr std::array kFormats = {InputFormat::kCsv, InputFormat::kTsv, InputFormat::kJson,
                                 InputFormat::kNdjson};

void expect(bool holds, std::string_view what, std::string_view input) {
    if (!holds) {
        fuzz::fail(what, input);
    }
}

void import_once(const FileImportOptions& options, std::string_view input) {
    fuzz::ScratchBase& base = fuzz::ScratchBase::instance();
    std::istringstream stream{std::string(input)};
    InputSource source(stream, options.file_name);
    RoleImportReport report;
    const auto refusal =
        fuzz::refusal_of([&] { report = import_roles(base.writer(), source, options); }, input);
    if (refusal) {
        fuzz::expect_refusal(*refusal, options.file_name, input);
    } else {
        expect(!report.committed && report.batch_id == 0, "a dry run committed a batch", input);
        expect(report.errors.size() <= options.max_errors, "more errors kept than max_errors",
               input);
        expect(report.error_count >= report.errors.size(), "error_count below the errors kept",
               input);
        for (const auto& error : report.errors) {
            fuzz::expect_message(describe(error), options.file_name, input);
            expect(error.line > 0 && !error.field.empty() && !error.problem.empty(),
                   "a diagnostic without its line, field or problem", input);
        }
        expect(report.changes.size() <= kMaxReportedRoleChanges &&
                   report.change_count >= report.changes.size(),
               "change_count does not fit the changes kept", input);
        expect(report.roles_created <= static_cast<std::int64_t>(report.change_count),
               "more roles created than roles changed", input);
    }
    base.expect_unchanged(input, false);
}

// A list as validate_role promises it: items neither empty nor too long, none twice (letter case
// aside).
void expect_list(const std::vector<std::string>& items, std::size_t longest, std::string_view what,
                 std::string_view input) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        expect(!items[i].empty() && items[i].size() <= longest,
               fmt::format("an item of {} that is empty or of {} bytes", what, items[i].size()),
               input);
        for (std::size_t j = 0; j < i; ++j) {
            expect(!detail::equals_ignoring_case(items[i], items[j]),
                   fmt::format("{} twice in {}", fuzz::escaped(items[i]), what), input);
        }
    }
}

void expect_role(const detail::ValidRole& role, std::string_view input) {
    using namespace jobkb::detail;
    expect(!role.name.empty() && role.name.size() <= kMaxNameBytes,
           fmt::format("a role name of {} bytes", role.name.size()), input);
    expect_list(role.aliases, kMaxNameBytes, "aliases", input);
    expect_list(role.titles, kMaxNameBytes, "titles", input);
    expect_list(role.key_skills, kMaxNameBytes, "key skills", input);
    expect_list(role.mentioned_skills, kMaxNameBytes, "mentioned skills", input);
    expect_list(role.industries, kMaxNameBytes, "industries", input);
    expect_list(role.responsibilities, kMaxSentenceBytes, "responsibilities", input);
    for (const auto& skill : role.mentioned_skills) {
        for (const auto& key : role.key_skills) {
            expect(!detail::equals_ignoring_case(skill, key),
                   "a skill both key and mentioned: " + fuzz::escaped(skill), input);
        }
    }
    for (std::size_t i = 0; i < role.codes.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            const auto& a = role.codes[i];
            const auto& b = role.codes[j];
            expect(a.code.scheme != b.code.scheme ||
                       (a.code.code != b.code.code &&
                        (a.relation != CodeRelation::kIs || b.relation != CodeRelation::kIs)),
                   "a code twice, or two occupations of one scheme: " + fuzz::escaped(a.code.code),
                   input);
        }
    }
}

// The file read once, each record planned and validated the ways the options say.
void read_in_memory(const std::vector<FileImportOptions>& ways, std::string_view input) {
    std::vector<detail::MappingPlan> plans;
    plans.reserve(ways.size()); // a plan keeps pointers into the header it planned
    for (const auto& options : ways) {
        plans.emplace_back(detail::role_fields(), options);
    }
    const FileImportOptions& first = ways.front();
    std::istringstream stream{std::string(input)};
    InputSource source(stream, first.file_name);
    ReadOptions reading = first.reading;
    reading.lists = detail::role_fields().has_lists();
    std::vector<bool> refused(ways.size(), false);
    detail::FieldTexts texts;
    std::vector<Diagnostic> problems;
    const auto refusal = fuzz::refusal_of(
        [&] {
            RecordReader reader(source, first.format, reading);
            reader.read([&](const Record& record) {
                if (!record.problem.empty()) {
                    fuzz::expect_problems({{{}, 0, "row", record.problem, {}, {}}}, first.file_name,
                                          record.line, input);
                    return;
                }
                for (std::size_t i = 0; i < ways.size(); ++i) {
                    if (refused[i]) {
                        continue;
                    }
                    const detail::ColumnPlan* plan = nullptr;
                    if (const auto header =
                            fuzz::refusal_of([&] { plan = &plans[i].plan_for(record); }, input)) {
                        fuzz::expect_refusal(*header, ways[i].file_name, input);
                        refused[i] = true; // the whole file is refused
                        continue;
                    }
                    problems.clear();
                    if (!plan->problems.empty()) {
                        fuzz::expect_problems(plan->problems, ways[i].file_name, record.line,
                                              input);
                        continue;
                    }
                    if (!detail::read_field_texts(record, *plan, plans[i], texts, problems)) {
                        expect(!problems.empty(), "field texts refused without a problem", input);
                        fuzz::expect_problems(problems, ways[i].file_name, record.line, input);
                        continue;
                    }
                    const auto role = detail::validate_role(texts, problems);
                    fuzz::expect_problems(problems, ways[i].file_name, record.line, input);
                    expect(role.has_value() == problems.empty(),
                           "a role refused without a problem, or kept with one", input);
                    if (role) {
                        expect_role(*role, input);
                    }
                }
            });
        },
        input);
    if (refusal) {
        fuzz::expect_refusal(*refusal, first.file_name, input);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static int runs = 0;
    if (size == 0) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    FileImportOptions strict;
    strict.format = kFormats[data[0] % kFormats.size()];
    strict.file_name = "fuzz-roles." + std::string(to_string(strict.format));
    strict.dry_run = true;
    strict.today = "2026-11-23";
    FileImportOptions lenient = strict;
    lenient.skip_invalid = true;
    lenient.ignore_unknown = true;
    lenient.max_errors = 3;
    read_in_memory({strict, lenient}, input);
    if (fuzz::through_the_base(runs)) {
        import_once(strict, input);
        import_once(lenient, input);
    }
    if (runs++ % fuzz::kFullCheckEvery == 0) {
        fuzz::ScratchBase::instance().expect_unchanged(input, true);
    }
    return 0;
}
