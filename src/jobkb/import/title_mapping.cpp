// read_title_mapping(): a title,role CSV for a salary import, read with the import's own record
// reader, mapping plan and field checks (so the CSV fuzz target covers its reading, and the
// title_mapping one what is done with the records), then checked against the base.
#include "jobkb/import/diagnostics.hpp"
#include "jobkb/import/lookups.hpp"
#include "jobkb/import/plan.hpp"
#include "jobkb/import/validation.hpp"
#include "jobkb/names.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <array>
#include <unordered_map>

namespace jobkb {
namespace {

using namespace jobkb::detail;

enum MappingField : std::size_t { kTitle, kRole };

constexpr std::array<FieldSpec, 2> kMappingFieldSpecs = {{{"title", true}, {"role", true}}};

const FieldList& mapping_fields() {
    static const FieldList fields(kMappingFieldSpecs);
    return fields;
}

// A base of 100,000 roles has about as many titles worth mapping; more is no mapping but a dump.
constexpr std::size_t kMaxMappings = 100'000;

} // namespace

TitleMappingFile read_title_mapping(Database& database, InputSource& input,
                                    const std::string& file_name, std::size_t max_errors) {
    FileImportOptions options;
    options.file_name = file_name;
    options.max_errors = max_errors;
    MappingPlan plan(mapping_fields(), options);
    NameResolver names(database);
    // Lower-case title -> the role it maps to and the line that says so.
    std::unordered_map<std::string, std::pair<std::int64_t, std::size_t>> seen;
    TitleMappingFile result;
    FileImportReport counts;
    const RejectSink no_sink; // the log keeps a reference
    RejectLog log(options, no_sink, counts);
    FieldTexts texts;
    std::vector<Diagnostic> problems;
    std::size_t records = 0;
    const auto visit = [&](const Record& record) {
        ++records;
        if (counts.stopped_early) {
            return; // enough said: every further line would cost a lookup
        }
        problems.clear();
        if (!record.problem.empty()) {
            problems.push_back({{}, 0, "row", record.problem, {}, {}});
        } else if (const ColumnPlan& columns = plan.plan_for(record);
                   read_field_texts(record, columns, plan, texts, problems)) {
            const std::string& title = *texts[kTitle];
            const std::string& role = *texts[kRole];
            // Tabs and line breaks pass the import's field check (a note may hold them); a name
            // with one would break every listing it appears in.
            for (const auto& [field, text] :
                 {std::pair{"title", &title}, std::pair{"role", &role}}) {
                if (text->find_first_of("\t\r\n") != std::string::npos) {
                    problems.push_back(
                        {{}, 0, field, "holds a tab or a line break", "a name on one line", {}});
                }
            }
            if (!problems.empty()) {
                log.reject(record, problems);
                return;
            }
            std::int64_t role_id = 0;
            try {
                role_id = names.resolve(NameKind::kRole, role).id;
            } catch (const Error& error) {
                if (error.code() != ErrorCode::kNotFound && error.code() != ErrorCode::kAmbiguous) {
                    throw;
                }
                problems.push_back({{},
                                    0,
                                    "role",
                                    error.cause(),
                                    "a known role, by its name, "
                                    "slug, alias or code",
                                    {}});
            }
            const std::string key = ascii_lowered(title);
            if (const auto earlier = seen.find(key); earlier != seen.end()) {
                if (role_id != 0 && earlier->second.first != role_id) {
                    problems.push_back({{},
                                        0,
                                        "title",
                                        fmt::format("'{}' is mapped on line {} to another role",
                                                    title, earlier->second.second),
                                        "each title once",
                                        {}});
                }
            } else if (role_id != 0 && problems.empty()) {
                if (result.mappings.size() >= kMaxMappings) {
                    throw Error(ErrorCode::kInvalidArgument,
                                fmt::format("{}:{}: more than {} titles (expected a mapping of "
                                            "the titles a salary file uses)",
                                            file_name, record.line, kMaxMappings));
                }
                seen.emplace(key, std::pair{role_id, record.line});
                result.mappings.push_back({title, role, record.line});
            }
        }
        if (!problems.empty()) {
            log.reject(record, problems);
        }
    };
    try {
        read_records(input, InputFormat::kCsv, visit);
    } catch (const InputError& refused) {
        // Its hints are about mapping a salary file's columns: no use for this file.
        std::vector<Diagnostic> header = refused.diagnostics();
        for (Diagnostic& problem : header) {
            problem.hint = {};
            problem.expected = "the columns title and role";
        }
        throw InputError(std::move(header));
    }
    if (records == 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    file_name + ":1: the input has no records (expected a header title,role and "
                                "at least one title)");
    }
    result.error_count = counts.error_count;
    result.errors = std::move(counts.errors);
    return result;
}

} // namespace jobkb
