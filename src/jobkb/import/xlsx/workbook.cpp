// open_workbook(): a workbook's parts (relationships, sheet list, shared strings), and the reader
// of the sheet asked for.
#include "jobkb/import/xlsx/workbook.hpp"

#include "jobkb/error.hpp"
#include "jobkb/import/xlsx/xml_parser.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <map>
#include <vector>

namespace jobkb::detail::xlsx {
namespace {

// A relationship's target as an entry name: relative to the folder of the part that names it,
// or absolute from the archive's root.
std::string resolve(std::string_view folder, std::string_view target) {
    std::vector<std::string> parts;
    std::string path = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(folder) + std::string(target);
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        const std::string part = path.substr(start, slash - start);
        if (part == "..") {
            if (!parts.empty()) {
                parts.pop_back();
            }
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = slash + 1;
    }
    std::string resolved;
    for (const auto& part : parts) {
        resolved += (resolved.empty() ? "" : "/") + part;
    }
    return resolved;
}

std::string folder_of(std::string_view entry) {
    const auto slash = entry.rfind('/');
    return slash == std::string_view::npos ? std::string()
                                           : std::string(entry.substr(0, slash + 1));
}

struct Relationship {
    std::string type; // the last part of its type URI: "worksheet", "sharedStrings", ...
    std::string target;
};

// A relationships part: Id -> type and target.
class RelationshipsHandler : public XmlHandler {
public:
    explicit RelationshipsHandler(std::string folder) : folder_(std::move(folder)) {}
    std::map<std::string, Relationship> relationships;

    void start(std::string_view name, const char** attributes) override {
        if (name != "Relationship") {
            return;
        }
        const char* id = attribute(attributes, "Id");
        const char* type = attribute(attributes, "Type");
        const char* target = attribute(attributes, "Target");
        const char* mode = attribute(attributes, "TargetMode");
        if (id == nullptr || type == nullptr || target == nullptr ||
            (mode != nullptr && std::string_view(mode) == "External")) {
            return;
        }
        const std::string_view full(type);
        relationships[id] = {std::string(full.substr(full.rfind('/') + 1)),
                             resolve(folder_, target)};
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}

private:
    std::string folder_;
};

struct Sheet {
    std::string name;
    std::string relationship;
};

// workbook.xml: the sheets, in order.
class WorkbookHandler : public XmlHandler {
public:
    std::vector<Sheet> sheets;

    void start(std::string_view name, const char** attributes) override {
        if (name != "sheet") {
            return;
        }
        const char* sheet = attribute(attributes, "name");
        const char* id = attribute(attributes, "id");
        if (sheet != nullptr && id != nullptr && sheets.size() < 10'000) {
            sheets.push_back({sheet, id});
        }
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}
};

// sharedStrings.xml: each <si> is one string, its text the <t> elements in it (rich text runs
// <r><t> too), not those of phonetic hints (<rPh>).
class SharedStringsHandler : public XmlHandler {
public:
    SharedStringsHandler(SharedStrings& strings, std::string where)
        : strings_(strings), where_(std::move(where)) {}

    void start(std::string_view name, const char**) override {
        if (name == "si") {
            if (strings_.size() >= kMaxSharedStrings) {
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("{}: has more than {} shared strings (expected fewer)",
                                        where_, kMaxSharedStrings));
            }
            in_item_ = true;
            item_start_ = strings_.text().size();
        } else if (name == "rPh") {
            ++in_phonetic_;
        } else if (name == "t" && in_item_ && in_phonetic_ == 0) {
            in_text_ = true;
        }
    }
    void end(std::string_view name) override {
        if (name == "si" && in_item_) {
            strings_.close_string();
            in_item_ = false;
        } else if (name == "rPh") {
            --in_phonetic_;
        } else if (name == "t") {
            in_text_ = false;
        }
    }
    void text(std::string_view text) override {
        if (!in_text_) {
            return;
        }
        if (strings_.text().size() - item_start_ + text.size() > kMaxFieldBytes) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("{}: a shared string is longer than {} bytes (expected short "
                                    "text)",
                                    where_, kMaxFieldBytes));
        }
        strings_.text().append(text);
    }

private:
    SharedStrings& strings_;
    std::string where_;
    bool in_item_ = false;
    bool in_text_ = false;
    int in_phonetic_ = 0;
    std::size_t item_start_ = 0;
};

class SheetWorkbook : public WorkbookReader {
public:
    SheetWorkbook(InputSource& input, const std::string& wanted) : archive_(input) {
        const std::string name = archive_.name();
        const auto where = [&] { return name; };
        const auto parse = [&](const std::string& entry, std::uint64_t limit, XmlHandler& handler) {
            const auto index = archive_.find(entry);
            if (!index) {
                return false;
            }
            parse_xml(archive_, *index, entry, limit, handler, where);
            return true;
        };
        // The package's relationships say where the workbook is; xl/workbook.xml by custom.
        std::string workbook = "xl/workbook.xml";
        RelationshipsHandler package("");
        if (parse("_rels/.rels", kMaxPartBytes, package)) {
            for (const auto& [id, relationship] : package.relationships) {
                if (relationship.type == "officeDocument") {
                    workbook = relationship.target;
                }
            }
        }
        WorkbookHandler sheets;
        if (!parse(workbook, kMaxPartBytes, sheets)) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("{}: is a zip archive without a workbook ({} is missing; "
                                    "expected an Excel workbook, .xlsx)",
                                    name, workbook));
        }
        if (sheets.sheets.empty()) {
            throw Error(ErrorCode::kInvalidArgument,
                        name + ": the workbook has no sheets (expected at least one)");
        }
        const Sheet* chosen = &sheets.sheets.front();
        if (!wanted.empty()) {
            chosen = nullptr;
            std::string names;
            for (const auto& sheet : sheets.sheets) {
                if (chosen == nullptr && ascii_lowered(sheet.name) == ascii_lowered(wanted)) {
                    chosen = &sheet;
                }
                names += (names.empty() ? "" : ", ") + sheet.name;
            }
            if (chosen == nullptr) {
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("{}: no sheet named '{}' (expected one of: {})", name,
                                        elided(wanted, 80), elided(names, 400)));
            }
        }
        sheet_ = chosen->name;
        const std::string folder = folder_of(workbook);
        RelationshipsHandler parts(folder);
        parse(folder + "_rels/" + workbook.substr(folder.size()) + ".rels", kMaxPartBytes, parts);
        const auto found = parts.relationships.find(chosen->relationship);
        if (found == parts.relationships.end()) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("{}: sheet '{}' has no part in the archive (expected the "
                                    "workbook's relationships to name it)",
                                    name, elided(sheet_, 80)));
        }
        if (found->second.type != "worksheet") {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("{}: sheet '{}' is a {} (expected a worksheet)", name,
                                    elided(sheet_, 80), found->second.type));
        }
        sheet_entry_ = found->second.target;
        for (const auto& [id, relationship] : parts.relationships) {
            if (relationship.type == "sharedStrings") {
                SharedStringsHandler strings(strings_, name);
                parse(relationship.target, kMaxSharedStringBytes, strings);
            }
        }
    }

    const std::string& sheet() const override { return sheet_; }

    void read(const RecordVisitor& visit) override {
        const auto index = archive_.find(sheet_entry_);
        if (!index) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("{}: sheet '{}' is missing from the archive ({}; expected "
                                    "a complete workbook)",
                                    archive_.name(), elided(sheet_, 80), sheet_entry_));
        }
        read_sheet(archive_, *index, sheet_entry_, strings_, visit);
    }

private:
    ZipArchive archive_;
    std::string sheet_;
    std::string sheet_entry_;
    SharedStrings strings_;
};

} // namespace
} // namespace jobkb::detail::xlsx

namespace jobkb::detail {

std::unique_ptr<WorkbookReader> open_workbook(InputSource& input, const std::string& sheet) {
    return std::make_unique<xlsx::SheetWorkbook>(input, sheet);
}

} // namespace jobkb::detail
