#include "support/workbook.hpp"

#include <zip.h>

#include <stdexcept>

namespace jobkb::test {
namespace {

zip_t* create(const std::filesystem::path& path) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        throw std::runtime_error("cannot create " + path.string());
    }
    return archive;
}

void add(zip_t* archive, const std::string& name, zip_source_t* source) {
    if (source == nullptr) {
        throw std::runtime_error("cannot make a zip source for " + name);
    }
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
        zip_source_free(source);
        throw std::runtime_error("cannot add " + name + ": " + zip_strerror(archive));
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
}

void add_all(zip_t* archive, const ZipEntries& entries) {
    for (const auto& [name, content] : entries) {
        add(archive, name, zip_source_buffer(archive, content.data(), content.size(), 0));
    }
}

void close(zip_t* archive, const std::filesystem::path& path) {
    if (zip_close(archive) != 0) {
        const std::string why = zip_strerror(archive);
        zip_discard(archive);
        throw std::runtime_error("cannot write " + path.string() + ": " + why);
    }
}

struct Generated {
    std::size_t size;
    std::size_t offset = 0;
    const std::function<void(std::size_t, char*, std::size_t)>& produce;
};

zip_int64_t generate(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    auto& generated = *static_cast<Generated*>(state);
    switch (command) {
    case ZIP_SOURCE_OPEN:
        generated.offset = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(length),
                                                        generated.size - generated.offset);
        generated.produce(generated.offset, static_cast<char*>(data), count);
        generated.offset += count;
        return static_cast<zip_int64_t>(count);
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        auto* stat = static_cast<zip_stat_t*>(data);
        zip_stat_init(stat);
        stat->size = generated.size;
        stat->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return 2 * sizeof(int);
    case ZIP_SOURCE_FREE:
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        return -1;
    }
}

} // namespace

void write_zip(const std::filesystem::path& path, const ZipEntries& entries) {
    zip_t* archive = create(path);
    add_all(archive, entries);
    close(archive, path);
}

void write_zip_with_generated(const std::filesystem::path& path, const ZipEntries& entries,
                              const std::string& name, std::size_t size,
                              const std::function<void(std::size_t, char*, std::size_t)>& produce) {
    zip_t* archive = create(path);
    add_all(archive, entries);
    Generated generated{size, 0, produce};
    add(archive, name, zip_source_function(archive, generate, &generated));
    close(archive, path); // reads the generated entry, while `generated` lives
}

ZipEntries workbook_parts(const std::vector<std::pair<std::string, std::string>>& sheets,
                          const std::vector<std::string>& shared_strings) {
    const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string relationships =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::string workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                           "<workbook xmlns=\"" +
                           main + "\" xmlns:r=\"" + relationships + "\"><sheets>";
    std::string workbook_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    ZipEntries parts;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        const std::string number = std::to_string(i + 1);
        workbook += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + number +
                    "\" r:id=\"rId" + number + "\"/>";
        workbook_rels += "<Relationship Id=\"rId" + number + "\" Type=\"" + relationships +
                         "/worksheet\" Target=\"worksheets/sheet" + number + ".xml\"/>";
        parts.emplace_back("xl/worksheets/sheet" + number + ".xml",
                           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"" +
                               main + "\"><sheetData>" + sheets[i].second +
                               "</sheetData></worksheet>");
    }
    workbook += "</sheets></workbook>";
    workbook_rels += "<Relationship Id=\"rIdS\" Type=\"" + relationships +
                     "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
    std::string strings = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"" + main +
                          "\" count=\"" + std::to_string(shared_strings.size()) + "\">";
    for (const auto& text : shared_strings) {
        strings += "<si><t>" + text + "</t></si>";
    }
    strings += "</sst>";
    parts.emplace_back("[Content_Types].xml",
                       "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                       "package/2006/content-types\"/>");
    parts.emplace_back("_rels/.rels",
                       "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                       "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                       "Type=\"" +
                           relationships +
                           "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                           "</Relationships>");
    parts.emplace_back("xl/workbook.xml", workbook);
    parts.emplace_back("xl/_rels/workbook.xml.rels", workbook_rels);
    parts.emplace_back("xl/sharedStrings.xml", strings);
    return parts;
}

std::string sheet_row(unsigned row, const std::vector<std::string>& cells) {
    std::string xml = "<row r=\"" + std::to_string(row) + "\">";
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string& cell = cells[i];
        if (cell.empty()) {
            continue;
        }
        std::string column;
        for (std::size_t rest = i + 1; rest > 0; rest = (rest - 1) / 26) {
            column.insert(column.begin(), static_cast<char>('A' + (rest - 1) % 26));
        }
        const std::string reference = column + std::to_string(row);
        const std::string value = cell.substr(2);
        switch (cell[0]) {
        case 's':
            xml += "<c r=\"" + reference + "\" t=\"s\"><v>" + value + "</v></c>";
            break;
        case 'n':
            xml += "<c r=\"" + reference + "\"><v>" + value + "</v></c>";
            break;
        case 'i':
            xml += "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + value + "</t></is></c>";
            break;
        default:
            xml += "<c r=\"" + reference + "\" t=\"str\"><f>X</f><v>" + value + "</v></c>";
            break;
        }
    }
    return xml + "</row>";
}

} // namespace jobkb::test
