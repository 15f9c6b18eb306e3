// Reading a recipe file (--recipe FILE, and the built-ins): its JSON, each key's line, and the
// checks that make any problem one `FILE:LINE: key: ...` line.
#include "cli/import_recipe.hpp"

#include "cli/usage_errors.hpp"

#include "jobkb/error.hpp"
#include "jobkb/record_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>

namespace jobkb::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kMaxRecipeDepth = 8; // the deepest a recipe goes is 3 (top_codes[i].text)

constexpr std::array<std::string_view, 15> kRecipeKeys = {
    "description", "input_format",   "delimiter",    "sheet",        "map",
    "set",         "source",         "columns",      "na",           "top_codes",
    "where",       "ignore_unknown", "create_roles", "create_areas", "currency_from_country"};
constexpr std::string_view kSupersedeKey = "supersede";
// Keys added later, after the list above.
constexpr std::array<std::string_view, 2> kLaterKeys = {"allow_outliers", "scale"};

// A pointer into the recipe's text that counts the line breaks it passes, so that the parser's
// events know their line: a key's event comes when its closing quote has been read.
class LineCountingIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    LineCountingIterator(const char* at, std::size_t* breaks) : at_(at), breaks_(breaks) {}
    reference operator*() const { return *at_; }
    LineCountingIterator& operator++() {
        *breaks_ += *at_ == '\n' ? 1 : 0;
        ++at_;
        return *this;
    }
    LineCountingIterator operator++(int) {
        LineCountingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const LineCountingIterator& other) const { return at_ == other.at_; }

private:
    const char* at_;
    std::size_t* breaks_;
};

// Builds the recipe's JSON from the parser's events, with the line of every key and value (by
// its path: "columns.A_MEAN", "where[1]"), and refuses a key given twice and deep nesting.
class RecipeParser : public nlohmann::json_sax<Json> {
public:
    RecipeParser(const std::size_t* breaks, std::string file) : breaks_(breaks), file_(file) {}

    Json root;
    std::map<std::string, std::size_t> lines;
    std::string problem; // set when parsing stopped: the whole message

    std::size_t line() const { return *breaks_ + 1; }

    bool null() override { return add(nullptr); }
    bool boolean(bool value) override { return add(value); }
    bool number_integer(number_integer_t value) override { return add(value); }
    bool number_unsigned(number_unsigned_t value) override { return add(value); }
    bool number_float(number_float_t value, const string_t&) override { return add(value); }
    bool string(string_t& value) override { return add(value); }
    bool binary(binary_t&) override { return add(nullptr); }
    bool start_object(std::size_t) override { return open(Json::object()); }
    bool start_array(std::size_t) override { return open(Json::array()); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t& name) override {
        Frame& frame = open_.back();
        frame.key = name;
        const std::string path = child_path(frame);
        if (frame.value->contains(name)) {
            // describe() keeps it one line whatever controls the key holds.
            problem =
                describe(Diagnostic{file_,
                                    line(),
                                    path,
                                    fmt::format("given twice (the first at line {})", lines[path]),
                                    "",
                                    {}});
            return false;
        }
        lines[path] = line();
        return true;
    }
    bool parse_error(std::size_t, const std::string&,
                     const nlohmann::detail::exception& error) override {
        // "[json.exception.parse_error.101] parse error at line 2, column 3: syntax error ...;
        // last read: '...'; expected ...": the cause without the position (ours is the line) and
        // without the text read (which may be long or not printable).
        std::string cause = error.what();
        if (const auto column = cause.find(", column "); column != std::string::npos) {
            if (const auto colon = cause.find(": ", column); colon != std::string::npos) {
                cause = cause.substr(colon + 2);
            }
        }
        // The text read may hold anything, "'; " included: what follows it is the last
        // "; expected ..." of the message, if any.
        if (const auto read = cause.find("; last read: '"); read != std::string::npos) {
            const auto end = cause.rfind("'; expected ");
            cause.erase(read, end == std::string::npos || end < read ? std::string::npos
                                                                     : end + 1 - read);
        }
        // describe() keeps it one line whatever is left of the text.
        problem = describe(Diagnostic{file_, line(), "recipe", "not JSON: " + cause, "", {}});
        return false;
    }

private:
    struct Frame {
        Json* value;
        std::string path;
        std::string key;
    };

    static std::string child_path(const Frame& frame) {
        if (frame.value->is_array()) {
            return fmt::format("{}[{}]", frame.path, frame.value->size());
        }
        return frame.path.empty() ? frame.key : frame.path + "." + frame.key;
    }

    Json* place(Json value) {
        if (open_.empty()) {
            root = std::move(value);
            return &root;
        }
        Frame& frame = open_.back();
        const std::string path = child_path(frame);
        if (!lines.contains(path)) {
            lines[path] = line();
        }
        if (frame.value->is_array()) {
            frame.value->push_back(std::move(value));
            return &frame.value->back();
        }
        return &((*frame.value)[frame.key] = std::move(value));
    }

    bool add(Json value) {
        place(std::move(value));
        return true;
    }

    bool open(Json value) {
        if (open_.size() >= kMaxRecipeDepth) {
            problem = fmt::format("{}:{}: recipe: nested more than {} deep (a recipe is an object "
                                  "of keys, lists and objects of text)",
                                  file_, line(), kMaxRecipeDepth);
            return false;
        }
        const std::string path = open_.empty() ? std::string() : child_path(open_.back());
        open_.push_back({place(std::move(value)), path, {}});
        return true;
    }

    bool close() {
        open_.pop_back();
        return true;
    }

    const std::size_t* breaks_;
    std::string file_;
    std::vector<Frame> open_;
};

std::string keys_list() {
    std::vector<std::string> keys(kRecipeKeys.begin(), kRecipeKeys.end());
    keys.emplace_back(kSupersedeKey);
    keys.insert(keys.end(), kLaterKeys.begin(), kLaterKeys.end());
    return word_list(keys);
}

// Checks a parsed recipe and turns it into settings; a problem names its key's line.
class RecipeReader {
public:
    RecipeReader(const RecipeParser& parsed, std::string file) : parsed_(parsed), file_(file) {}

    RecipeSettings read() {
        if (!parsed_.root.is_object()) {
            fail("", "recipe", "is not a JSON object", "{\"map\": {...}, \"columns\": {...}}");
        }
        RecipeSettings settings;
        for (const auto& [key, value] : parsed_.root.items()) {
            if (std::find(kRecipeKeys.begin(), kRecipeKeys.end(), key) == kRecipeKeys.end() &&
                key != kSupersedeKey &&
                std::find(kLaterKeys.begin(), kLaterKeys.end(), key) == kLaterKeys.end()) {
                fail(key, key, "unknown key", keys_list());
            }
            read_key(key, value, settings);
        }
        return settings;
    }

private:
    [[noreturn]] void fail(const std::string& path, const std::string& key,
                           const std::string& problem, const std::string& expected) const {
        const auto found = parsed_.lines.find(path);
        const std::size_t line = found == parsed_.lines.end() ? 1 : found->second;
        // As an import's diagnostics read: one line, whatever controls a key holds.
        throw Error(ErrorCode::kInvalidArgument,
                    describe(Diagnostic{file_, line, key, problem, expected, {}}));
    }

    std::string text(const std::string& path, const Json& value, const char* expected) const {
        if (!value.is_string()) {
            fail(path, path, fmt::format("is {}, not text", value.type_name()), expected);
        }
        return value.get<std::string>();
    }

    bool flag(const std::string& path, const Json& value) const {
        if (!value.is_boolean()) {
            fail(path, path, fmt::format("is {}, not true or false", value.type_name()),
                 "true or false");
        }
        return value.get<bool>();
    }

    const Json& container(const std::string& path, const Json& value, bool object,
                          const char* expected) const {
        if (object ? !value.is_object() : !value.is_array()) {
            fail(path, path,
                 fmt::format("is {}, not {}", value.type_name(), object ? "an object" : "a list"),
                 expected);
        }
        return value;
    }

    // "map" and "set": field -> text, each field one an import reads.
    std::vector<std::string> field_texts(const std::string& key, const Json& value) const {
        std::vector<std::string> items;
        for (const auto& [field, text_value] : container(key, value, true, "FIELD: text").items()) {
            const std::string path = key + "." + field;
            if (std::find(kMappableFields.begin(), kMappableFields.end(), field) ==
                kMappableFields.end()) {
                std::vector<std::string> fields(kMappableFields.begin(), kMappableFields.end());
                fail(path, path, "unknown field '" + field + "'", word_list(fields));
            }
            items.push_back(field + "=" + text(path, text_value, "text"));
        }
        return items;
    }

    std::vector<std::string> texts(const std::string& key, const Json& value) const {
        std::vector<std::string> items;
        for (std::size_t i = 0; i < container(key, value, false, "a list of text").size(); ++i) {
            items.push_back(text(fmt::format("{}[{}]", key, i), value[i], "text"));
        }
        return items;
    }

    void read_key(const std::string& key, const Json& value, RecipeSettings& settings) const {
        if (key == "description") {
            settings.description = text(key, value, "text saying what the recipe reads");
        } else if (key == "input_format") {
            settings.input_format = text(key, value, "csv, tsv, json, ndjson or xlsx");
            if (!parse_input_format(settings.input_format)) {
                fail(key, key, "unknown format '" + settings.input_format + "'",
                     "csv, tsv, json, ndjson or xlsx");
            }
        } else if (key == "delimiter") {
            settings.delimiter = text(key, value, ", ; | or tab");
            if (!parse_delimiter(settings.delimiter)) {
                fail(key, key, "unknown delimiter '" + settings.delimiter + "'", ", ; | or tab");
            }
        } else if (key == "sheet") {
            settings.sheet = text(key, value, "a sheet's name");
        } else if (key == "source") {
            settings.source = text(key, value, "a source's title or slug");
        } else if (key == "map") {
            settings.mappings = field_texts(key, value);
        } else if (key == "set") {
            settings.constants = field_texts(key, value);
        } else if (key == "columns") {
            read_columns(value, settings.tables.columns);
        } else if (key == "na") {
            settings.tables.placeholders = texts(key, value);
        } else if (key == "top_codes") {
            read_top_codes(value, settings.tables.top_codes);
        } else if (key == "where") {
            for (std::string& filter : texts(key, value)) {
                if (!is_row_filter(filter)) {
                    fail(fmt::format("where[{}]", settings.tables.filters.size()), "where",
                         "'" + filter + "' is no filter", "COLUMN=VALUE or COLUMN!=VALUE");
                }
                settings.tables.filters.push_back(std::move(filter));
            }
        } else if (key == "scale") {
            if (!value.is_number_unsigned() ||
                !is_scale(std::to_string(value.get<std::uint64_t>()))) {
                fail(key, key, fmt::format("is {}, not a power of ten", value.dump()),
                     "10, 100, 1000, ... as a number");
            }
            settings.scale = std::to_string(value.get<std::uint64_t>());
        } else {
            const bool on = flag(key, value);
            (key == "ignore_unknown"          ? settings.ignore_unknown
             : key == "create_roles"          ? settings.create_roles
             : key == "create_areas"          ? settings.create_areas
             : key == "currency_from_country" ? settings.currency_from_country
             : key == "allow_outliers"        ? settings.allow_outliers
                                              : settings.supersede) = on;
        }
    }

    void read_columns(const Json& value, std::vector<std::string>& columns) const {
        const char* expected = "COLUMN: \"STATISTIC/PERIOD\" such as \"A_MEDIAN\": \"median/year\"";
        for (const auto& [column, figure] : container("columns", value, true, expected).items()) {
            const std::string path = "columns." + column;
            const std::string spec = column + "=" + text(path, figure, expected);
            if (!is_figure_spec(spec) || column.find('=') != std::string::npos) {
                fail(path, path, "'" + figure.get<std::string>() + "' is no statistic/period",
                     expected);
            }
            columns.push_back(spec);
        }
    }

    void read_top_codes(const Json& value, std::vector<std::string>& top_codes) const {
        const char* expected = "{\"text\": \"#\", \"amount\": \"239200\", \"period\": \"year\"}";
        const Json& list = container("top_codes", value, false, expected);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string path = fmt::format("top_codes[{}]", i);
            std::map<std::string, std::string> parts;
            for (const auto& [part, part_value] :
                 container(path, list[i], true, expected).items()) {
                if (part != "text" && part != "amount" && part != "period") {
                    fail(path + "." + part, path + "." + part, "unknown key",
                         "text, amount and period");
                }
                parts[part] = text(path + "." + part, part_value, "text");
            }
            for (const char* part : {"text", "amount", "period"}) {
                if (parts[part].empty()) {
                    fail(path, path, fmt::format("has no {}", part), expected);
                }
            }
            const std::string spec = parts["text"] + "=" + parts["amount"] + "/" + parts["period"];
            // The spec splits at the first '=' and the last '/', and is saved split that way:
            // the text holds no '=' and the amount and the period no '/'.
            if (!is_figure_spec(spec) || parts["text"].find('=') != std::string::npos ||
                parts["amount"].find('/') != std::string::npos ||
                parts["period"].find('/') != std::string::npos) {
                fail(path, path,
                     "is no top code (a text without '=', an amount and a period without '/')",
                     expected);
            }
            top_codes.push_back(spec);
        }
    }

    const RecipeParser& parsed_;
    std::string file_;
};

} // namespace

RecipeSettings parse_recipe(std::string_view text, const std::string& file_name) {
    if (text.size() > kMaxRecipeBytes) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: too large for a recipe ({} bytes; at most 1 MiB)", file_name,
                                text.size()));
    }
    std::size_t breaks = 0;
    RecipeParser parser(&breaks, file_name);
    const char* begin = text.data();
    const bool parsed =
        Json::sax_parse(LineCountingIterator(begin, &breaks),
                        LineCountingIterator(begin + text.size(), &breaks), &parser);
    if (!parsed) {
        throw Error(ErrorCode::kInvalidArgument, parser.problem);
    }
    return RecipeReader(parser, file_name).read();
}

} // namespace jobkb::cli
