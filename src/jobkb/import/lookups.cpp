#include "jobkb/import/lookups.hpp"

#include "jobkb/error.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace jobkb::detail {
namespace {

// What creating a name of each kind takes.
struct Creation {
    const char* taken;    // binds :slug; a row when the slug is taken
    const char* insert;   // binds :slug, :name, :batch (and :source where has_source), RETURNING id
    bool has_source;      // a created role records the import's source
    const char* expected; // what a name that is not known should have been
};

Creation creation_of(NameKind kind) {
    switch (kind) {
    case NameKind::kRole:
        return {"SELECT 1 FROM roles WHERE slug = :slug",
                "INSERT INTO roles (slug, name, source_id, batch_id) VALUES (:slug, :name, "
                ":source, :batch) RETURNING id",
                true, "a known role, title or occupation code"};
    case NameKind::kSkill:
        return {"SELECT 1 FROM skills WHERE slug = :slug",
                "INSERT INTO skills (slug, name, batch_id) VALUES (:slug, :name, :batch) "
                "RETURNING id",
                false, "a known skill"};
    case NameKind::kIndustry:
        return {"SELECT 1 FROM industries WHERE slug = :slug",
                "INSERT INTO industries (slug, name, batch_id) VALUES (:slug, :name, :batch) "
                "RETURNING id",
                false, "a known industry"};
    }
    throw Error(ErrorCode::kInvalidArgument, "no such kind of name");
}

// The text in lower case, in a buffer reused from call to call (no allocation per row).
const std::string& lowered(std::string_view text, std::string& buffer) {
    buffer.assign(text);
    std::transform(buffer.begin(), buffer.end(), buffer.begin(), ascii_lower);
    return buffer;
}

} // namespace

std::string slug_of(std::string_view name) {
    std::string slug;
    for (char c : ascii_lowered(name)) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) {
            slug.push_back(c);
        } else if (!slug.empty() && slug.back() != '-') {
            slug.push_back('-');
        }
    }
    while (!slug.empty() && slug.back() == '-') {
        slug.pop_back();
    }
    return slug.empty() ? "item" : slug;
}

std::string unique_slug(Statement& taken, std::string_view name) {
    const std::string base = slug_of(name);
    std::string slug = base;
    for (int n = 2;; ++n) {
        if (!taken.use().bind(":slug", slug).step()) {
            return slug;
        }
        slug = fmt::format("{}-{}", base, n);
    }
}

NameLookup::NameLookup(Database& database, NameKind kind, std::string_view doing, bool create,
                       std::int64_t source_id, std::int64_t batch_id)
    : names_(database), kind_(kind), create_(create), source_id_(source_id), batch_id_(batch_id),
      taken_(database, doing, creation_of(kind).taken),
      insert_(database, doing, creation_of(kind).insert),
      known_(kMaxKnownNames, kMaxRememberedNameBytes),
      unknown_(kMaxUnknownNames, kMaxRememberedNameBytes) {}

void NameLookup::map(std::string_view name, std::int64_t id) {
    mapped_.insert_or_assign(ascii_lowered(name), std::pair{id, false});
}

std::int64_t NameLookup::id(std::string_view field, const std::string& name,
                            std::vector<Diagnostic>& problems) {
    const std::string& key = lowered(name, key_);
    if (!mapped_.empty()) {
        if (const auto found = mapped_.find(key); found != mapped_.end()) {
            if (!found->second.second) {
                found->second.second = true;
                mapped_used_.push_back(key);
            }
            return found->second.first;
        }
    }
    if (const std::int64_t* id = known_.find(key)) {
        return *id;
    }
    const auto unknown = [&](Diagnostic problem) {
        problem.field = std::string(field);
        problems.push_back(std::move(problem));
        ++unknown_lookups_;
        return std::int64_t{0};
    };
    if (const Diagnostic* problem = unknown_.find(key)) {
        return unknown(*problem);
    }
    try {
        // Creating what is missing needs no suggestions for it.
        if (create_) {
            if (const auto found = names_.find(kind_, name)) {
                known_.remember(key, found->id);
                return found->id;
            }
            const std::int64_t id = create(name);
            known_.remember(key, id);
            created_.push_back(name);
            return id;
        }
        const std::int64_t id = names_.resolve(kind_, name).id;
        known_.remember(key, id);
        return id;
    } catch (const Error& error) {
        if (error.code() != ErrorCode::kNotFound && error.code() != ErrorCode::kAmbiguous) {
            throw;
        }
        // An ambiguous title is never a new role, even when creating: it names roles the base
        // has.
        Diagnostic problem{{}, 0, {}, error.cause(), creation_of(kind_).expected, {}};
        if (error.code() == ErrorCode::kAmbiguous) {
            problem.expected = "a title of one role";
            problem.hint.kind = HintKind::kMapTitles;
        } else if (kind_ == NameKind::kRole) {
            problem.hint.kind = HintKind::kCreateRoles;
        }
        ++unknown_names_;
        unknown_.remember(key, problem);
        return unknown(std::move(problem));
    }
}

std::int64_t NameLookup::create(const std::string& name) {
    const std::string slug = unique_slug(taken_, name);
    auto insert = insert_.use().bind(":slug", slug).bind(":name", name);
    if (creation_of(kind_).has_source) {
        insert.bind(":source", source_id_);
    }
    if (batch_id_ != 0) {
        insert.bind(":batch", batch_id_);
    }
    // The use ends with this function, which resets the INSERT ... RETURNING at once (see
    // Batches::start for why that matters).
    return insert.single_row().int64(0);
}

CountryLookup::CountryLookup(Database& database)
    : names_(database), answers_(kMaxUnknownNames, kMaxRememberedNameBytes) {}

std::optional<std::string> CountryLookup::code(std::string_view field, const std::string& text,
                                               std::vector<Diagnostic>& problems) {
    const Answer* answer = answers_.find(text);
    Answer fresh;
    if (answer == nullptr) {
        try {
            fresh.code = names_.resolve_country(text);
        } catch (const Error& error) {
            if (error.code() != ErrorCode::kNotFound) {
                throw;
            }
            fresh.problem = error.cause(); // says what it expected, and the closest countries
        }
        answers_.remember(text, fresh);
        answer = &fresh;
    }
    if (answer->code.empty()) {
        problems.push_back({{}, 0, std::string(field), answer->problem, {}, {}});
        return std::nullopt;
    }
    return answer->code;
}

SourceLookup::SourceLookup(Database& database, std::string_view doing, std::string today)
    : today_(std::move(today)),
      find_(database, doing,
            "SELECT id FROM sources WHERE slug = :text OR title = :text COLLATE NOCASE "
            "ORDER BY slug = :text DESC LIMIT 1"),
      taken_(database, doing, "SELECT 1 FROM sources WHERE slug = :slug"),
      insert_(database, doing,
              "INSERT INTO sources (slug, title, retrieved_on, note) VALUES (:slug, :title, "
              ":today, 'added by jobkb import') RETURNING id"),
      known_(kMaxKnownNames, kMaxRememberedNameBytes) {}

std::int64_t SourceLookup::id(const std::string& text) {
    const std::string& key = lowered(text, key_);
    if (const std::int64_t* id = known_.find(key)) {
        return *id;
    }
    std::int64_t id = 0;
    {
        auto found = find_.use().bind(":text", text);
        if (found.step()) {
            id = found.int64(0);
        }
    }
    if (id == 0) {
        // A new source, named by the text.
        const std::string slug = unique_slug(taken_, text);
        id = insert_.use()
                 .bind(":slug", slug)
                 .bind(":title", text)
                 .bind(":today", today_)
                 .single_row()
                 .int64(0);
    }
    known_.remember(key, id);
    return id;
}

} // namespace jobkb::detail
