// import_salaries(): the salary import, as a kind of file import (file_import.hpp).
#include "jobkb/import/areas.hpp"
#include "jobkb/import/change_report.hpp"
#include "jobkb/import/created_roles.hpp"
#include "jobkb/import/dimensions.hpp"
#include "jobkb/import/figure_cells.hpp"
#include "jobkb/import/file_import.hpp"
#include "jobkb/import/observation_writer.hpp"
#include "jobkb/import/plausibility.hpp"
#include "jobkb/import/row_figures.hpp"
#include "jobkb/import/salary_validation.hpp"
#include "jobkb/import/unchanged_figures.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/money.hpp"
#include "jobkb/sha256.hpp"
#include "jobkb/text.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

namespace jobkb {
namespace {

using namespace jobkb::detail;

// A title mapping's titles resolved to role ids, and the digest of that resolution for the
// settings: the same titles mapped to the same roles are the same settings, in whatever order
// or spelling the mapping file gives them. Throws Error when a mapped role is not known (the
// mapping was read and checked before, so only a change since then gets here).
struct ResolvedMapping {
    std::vector<std::pair<std::string, NamedId>> titles; // as given, the role
    std::string digest;                                  // empty without a mapping
};

ResolvedMapping resolve_mapping(Database& database, const std::vector<TitleMapping>& mappings) {
    ResolvedMapping resolved;
    if (mappings.empty()) {
        return resolved;
    }
    NameResolver names(database);
    std::vector<std::string> lines;
    for (const TitleMapping& mapping : mappings) {
        NamedId role = names.resolve(NameKind::kRole, mapping.role);
        lines.push_back(ascii_lowered(trimmed(mapping.title)) + '\t' + std::to_string(role.id));
        resolved.titles.emplace_back(mapping.title, std::move(role));
    }
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    std::string all;
    for (const std::string& line : lines) {
        all += line + '\n';
    }
    resolved.digest = "roles-from=" + sha256_hex(all);
    return resolved;
}

class SalaryRows : public RowImporter {
public:
    SalaryRows(const ImportOptions& options, ImportReport& report, ResolvedMapping mapping,
               FigureCellRules rules)
        : options_(options), report_(report), mapping_(std::move(mapping)),
          rules_(std::move(rules)), scale_power_(scale_power(options.scale)) {}

    // The power of ten `scale` is; throws Error(kInvalidArgument) for any other number.
    static int scale_power(std::int64_t scale) {
        int power = 0;
        for (std::int64_t rest = scale; rest > 1 && rest % 10 == 0; rest /= 10) {
            ++power;
        }
        std::int64_t check = 1;
        for (int i = 0; i < power; ++i) {
            check *= 10;
        }
        if (scale < 1 || check != scale) {
            throw Error(ErrorCode::kInvalidArgument,
                        "scale " + std::to_string(scale) +
                            ": expected a power of ten (1, 10, 100, 1000, ...)");
        }
        return power;
    }

    std::string settings() const override {
        const std::string cells = rules_.settings();
        std::string settings = mapping_.digest.empty() || cells.empty()
                                   ? mapping_.digest + cells
                                   : mapping_.digest + ";" + cells;
        if (options_.scale != 1) {
            // Only when scaled, so that every fingerprint before --scale stays as it was.
            settings += (settings.empty() ? "" : ";") + std::string("scale=") +
                        std::to_string(options_.scale);
        }
        return settings;
    }

    void begin(FileImport& run) override {
        run_ = &run;
        Database& database = run.database();
        vocabulary_ = load_salary_vocabulary(database, run.doing());
        figures_.emplace(vocabulary_, rules_, run.today(), scale_power_, !options_.allow_outliers,
                         options_.file_name);
        dimensions_ = load_dimension_vocabulary(database, run.doing());
        roles_.emplace(database, NameKind::kRole, run.doing(), options_.create_roles,
                       run.batch_source(), run.batch_id());
        codes_.emplace(database, NameKind::kRole, run.doing(), false, run.batch_source(),
                       run.batch_id());
        for (const auto& [title, role] : mapping_.titles) {
            roles_->map(trimmed(title), role.id);
        }
        countries_.emplace(database);
        areas_.emplace(database, run.doing(), options_.create_areas, run.batch_id());
        Statement currencies(database, run.doing(), "SELECT code, currency_code FROM countries");
        for (auto row = currencies.use(); row.step();) {
            country_currencies_.emplace(row.text(0), row.text(1));
        }
        writer_.emplace(database, run.doing(), run.batch_id());
        if (!options_.allow_outliers) {
            current_.emplace(database, run.doing(), run.batch_id(), *writer_);
        }
    }

    bool accept(const Record& record, FieldTexts& texts, bool write,
                std::vector<Diagnostic>& problems) override {
        Observation row;
        std::size_t before = problems.size();
        row.role_id = role_of(texts, problems);
        if (problems.size() > before) {
            // One problem for every row with this name (an unknown name is reported once).
            run_->group_problem(before, texts[kCode] && !options_.create_roles
                                            ? "code\x1f" + ascii_lowered(*texts[kCode])
                                            : "role\x1f" + ascii_lowered(*texts[kRole]));
        }
        before = problems.size();
        if (auto code = countries_->code(kImportFields[kCountry], *texts[kCountry], problems)) {
            row.country = std::move(*code);
        } else if (problems.size() > before) {
            run_->group_problem(before, "country\x1f" + *texts[kCountry]);
        }
        if (!row.country.empty()) {
            before = problems.size();
            const auto area = areas_->id(
                row.country, {texts[kArea], texts[kAreaCode], texts[kAreaKind]}, problems);
            if (problems.size() > before) {
                // Reported once for all the rows that name it, like an unknown role.
                run_->group_problem(before, "area\x1f" + row.country + '\x1f' +
                                                ascii_lowered(texts[kAreaCode] ? *texts[kAreaCode]
                                                                               : *texts[kArea]));
            } else if (area) {
                row.area_id = *area;
            }
        }
        row.dimensions = check_dimensions(texts, kLevel, dimensions_, problems);
        const auto own = country_currencies_.find(row.country);
        const std::string none;
        const std::string& country_currency = own == country_currencies_.end() ? none : own->second;
        if (!texts[kCurrency] && options_.currency_from_country && !row.country.empty()) {
            if (country_currency.empty()) {
                problems.push_back(
                    {{},
                     0,
                     std::string(kImportFields[kCurrency]),
                     "none given, and " + row.country + " has no currency of its own to fill in",
                     "an ISO 4217 code such as USD",
                     {}});
                return false;
            }
            texts[kCurrency] = country_currency;
            ++report_.currencies_filled;
        }
        if (!texts[kCurrency]) {
            // Only with currency_from_country and a country not found (its problem is the row's):
            // there is no currency to read the amount in.
            if (problems.empty()) {
                problems.push_back({{},
                                    0,
                                    std::string(kImportFields[kCurrency]),
                                    "none given",
                                    "an ISO 4217 code such as USD",
                                    {}});
            }
            return false;
        }
        if (!figures_->read(record, texts, problems) || !problems.empty()) {
            return false;
        }
        compare_with_current(row, problems);
        if (!problems.empty()) {
            return false;
        }
        // Looked up (or added) only for a row that is kept, so a rejected row adds no source.
        row.source_id = texts[kSource] ? run_->sources().id(*texts[kSource]) : run_->batch_source();
        if (write) {
            report_.ranges += figures_->ranges();
            report_.bounds += figures_->bounds();
        }
        for (ValidFigure& figure : figures_->figures()) {
            remark(row.country, figure.currency->code, country_currency);
            if (write) {
                store(row, std::move(figure));
            }
        }
        return true;
    }

    // Roles, countries, currencies, areas, sources, dimensions: looked up or created by this run;
    // statistics and periods: the base's vocabulary. It deletes only its own batch's rows.
    bool trusts_own_references() const override { return true; }

    std::int64_t finish_rows() override {
        writer_->finish();
        report_.created_roles = roles_->created();
        report_.created_areas = areas_->created();
        report_.unknown_roles = roles_->unknown_names();
        report_.unknown_role_rows = roles_->unknown_lookups();
        record_mapped_titles();
        for (std::size_t i = 0; i < rules_.columns.size(); ++i) {
            if (const std::int64_t cells = figures_->placeholders()[i]; cells > 0) {
                report_.placeholder_cells.push_back({rules_.columns[i].name, cells});
            }
        }
        return writer_->rows_written();
    }

    std::int64_t drop_unchanged() override {
        const std::int64_t dropped = drop_unchanged_observations(run_->database(), run_->doing(),
                                                                 run_->batch_id(), sources_);
        if (dropped > 0 && report_.bounds > 0) {
            Statement bounds(run_->database(), run_->doing(),
                             "SELECT count(*) FROM salary_observations WHERE batch_id = :batch "
                             "AND qualifier = 'at_least'");
            report_.bounds = bounds.use().bind(":batch", run_->batch_id()).single_row().int64(0);
        }
        return dropped;
    }

    void report() override {
        ChangeReport changes = collect_changes(run_->database(), run_->doing(), run_->batch_id(),
                                               vocabulary_.currencies);
        report_.changes = std::move(changes.changes);
        report_.change_count = changes.change_count;
        report_.revert_count = changes.revert_count;
        report_.retired_count = changes.retired_count;
    }

private:
    // The role a row names: by its occupation code when it has one (with create_roles, a code no
    // role has creates the role the row names, with that code), else by its name.
    std::int64_t role_of(FieldTexts& texts, std::vector<Diagnostic>& problems) {
        if (!texts[kCode]) {
            return roles_->id(kImportFields[kRole], *texts[kRole], problems);
        }
        if (!options_.create_roles) {
            return codes_->id(kImportLookupFields[0], *texts[kCode], problems);
        }
        std::vector<Diagnostic> unknown;
        if (const std::int64_t id = codes_->id(kImportLookupFields[0], *texts[kCode], unknown);
            unknown.empty()) {
            return id;
        }
        const std::size_t created = roles_->created().size();
        const std::int64_t id = roles_->id(kImportFields[kRole], *texts[kRole], problems);
        if (id != 0 && roles_->created().size() > created) {
            add_code(id, trimmed(*texts[kCode]));
        }
        return id;
    }

    // The code of a role this import created: 'is' in its scheme (SOC 2018 or O*NET-SOC, by its
    // shape), of the batch, so undo takes it back with the role.
    void add_code(std::int64_t role_id, const std::string& code) {
        const bool onet = code.size() == 10 && code[7] == '.';
        Statement insert(run_->database(), run_->doing(),
                         "INSERT OR IGNORE INTO role_codes (role_id, scheme, code, relation, "
                         "source_id, batch_id) SELECT :role, :scheme, :code, 'is', :source, "
                         ":batch WHERE NOT EXISTS (SELECT 1 FROM role_codes WHERE scheme = "
                         ":scheme AND code = :code AND relation = 'is')");
        auto use = insert.use();
        use.bind(":role", role_id);
        use.bind(":scheme", std::string(onet ? "onet-soc-2019" : "soc-2018"));
        use.bind(":code", code);
        use.bind(":source", run_->batch_source());
        use.bind(":batch", run_->batch_id());
        use.exec();
    }

    // The figures (plausible in themselves) against the current figure of their key, each a
    // problem of the column it came from (the amount, or a wide table's), unless outliers are
    // allowed. Needs the row's role and country, so it waits until the row has no problem.
    void compare_with_current(const Observation& row, std::vector<Diagnostic>& problems) {
        if (!current_) {
            return;
        }
        const auto& figures = figures_->figures();
        for (std::size_t i = 0; i < figures.size() && problems.empty(); ++i) {
            current_->check(row, figures[i], figures_->fields()[i], problems);
        }
    }

    void store(Observation row, ValidFigure figure) {
        sources_.insert(row.source_id);
        row.currency = figure.currency;
        row.amount_minor = figure.amount_minor;
        row.period = std::move(figure.period);
        row.statistic = std::move(figure.statistic);
        row.as_of = std::move(figure.as_of);
        row.note = std::move(figure.note);
        row.qualifier = std::move(figure.qualifier);
        writer_->add(std::move(row));
    }

    // A figure in a currency other than its country's and the common reporting ones, counted.
    void remark(const std::string& country, const std::string& currency,
                const std::string& country_currency) {
        if (currency == country_currency || currency == "USD" || currency == "EUR" ||
            currency == "GBP") {
            return;
        }
        for (auto& existing : report_.currency_remarks) {
            if (existing.country_code == country && existing.currency == currency) {
                ++existing.rows;
                return;
            }
        }
        if (report_.currency_remarks.size() < kMaxReportedChanges) {
            report_.currency_remarks.push_back({country, currency, country_currency, 1});
        }
    }

    // A mapped title that the base cannot resolve by itself (unknown, or a title of several
    // roles) becomes a title of its role, so the next file with it needs no mapping; undoing the
    // batch takes it back. Titles that resolve already are not recorded: the base knows them.
    void record_mapped_titles() {
        NameResolver names(run_->database());
        for (const auto& [title, role] : mapping_.titles) {
            const std::string text = trimmed(title);
            const auto& used = roles_->mapped_used();
            if (std::find(used.begin(), used.end(), ascii_lowered(text)) == used.end()) {
                continue;
            }
            try {
                if (names.find(NameKind::kRole, text)) {
                    continue;
                }
            } catch (const Error& error) {
                if (error.code() != ErrorCode::kAmbiguous) {
                    throw;
                }
            }
            if (record_title(run_->database(), run_->doing(), text, role.id, run_->batch_source(),
                             run_->batch_id())) {
                report_.titles_added.emplace_back(text, role.name);
            }
        }
    }

    const ImportOptions& options_;
    ImportReport& report_;
    ResolvedMapping mapping_;
    FigureCellRules rules_;
    int scale_power_ = 0; // options_.scale is 10^scale_power_
    FileImport* run_ = nullptr;
    SalaryVocabulary vocabulary_;
    DimensionVocabulary dimensions_;
    std::optional<RowFigures> figures_; // of rules_ and vocabulary_, so declared after them
    std::optional<NameLookup> roles_;
    std::optional<NameLookup> codes_; // roles by occupation code, never created
    std::optional<CountryLookup> countries_;
    std::optional<AreaLookup> areas_;
    std::optional<ObservationWriter> writer_;
    std::set<std::int64_t> sources_;                                  // of the rows written
    std::optional<CurrentFigures> current_;                           // none with allow_outliers
    std::unordered_map<std::string, std::string> country_currencies_; // code -> currency
};

} // namespace

std::vector<Diagnostic> check_salary_options(Database& database, const ImportOptions& options) {
    std::vector<Diagnostic> problems;
    figure_cell_rules(options, load_salary_vocabulary(database, "checking the import's options"),
                      problems);
    return problems;
}

ImportReport import_salaries(Database& database, InputSource& input, const ImportOptions& options,
                             const RejectSink& on_reject) {
    ImportReport report;
    std::vector<Diagnostic> problems;
    FigureCellRules rules =
        figure_cell_rules(options, load_salary_vocabulary(database, "importing"), problems);
    if (!problems.empty()) {
        throw Error(ErrorCode::kInvalidArgument, describe_reason(problems.front()));
    }
    const bool wide = !rules.columns.empty();
    FileImport run(database, input, options, salary_fields(!options.currency_from_country, !wide),
                   on_reject, figure_column_names(rules));
    SalaryRows rows(options, report, resolve_mapping(database, options.role_titles),
                    std::move(rules));
    run.run(rows, report);
    return report;
}

} // namespace jobkb
