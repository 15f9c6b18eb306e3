#include "web/html.hpp"

namespace jobkb::web {

std::string escape_html(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&':
            escaped += "&amp;";
            break;
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '"':
            escaped += "&quot;";
            break;
        case '\'':
            escaped += "&#39;";
            break;
        case '\0':
            escaped += "\xEF\xBF\xBD"; // U+FFFD: HTML has no NUL
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

std::string percent_encode(std::string_view text) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kDigits[byte >> 4];
            encoded += kDigits[byte & 0x0f];
        }
    }
    return encoded;
}

std::string
query_string(std::initializer_list<std::pair<std::string_view, std::string_view>> items) {
    std::string query;
    for (const auto& [name, value] : items) {
        query += (query.empty() ? "" : "&") + percent_encode(name) + "=" + percent_encode(value);
    }
    return query;
}

void Html::attributes(std::span<const Attribute> attributes) {
    for (const auto& attribute : attributes) {
        if (attribute.name.empty()) {
            continue;
        }
        out_ += ' ';
        out_ += attribute.name;
        out_ += "=\"";
        out_ += escape_html(attribute.value);
        out_ += '"';
    }
}

Html& Html::open(std::string_view tag, std::initializer_list<Attribute> attributes) {
    out_ += '<';
    out_ += tag;
    this->attributes(std::span<const Attribute>(attributes.begin(), attributes.size()));
    out_ += '>';
    return *this;
}

Html& Html::open(std::string_view tag, const std::vector<Attribute>& attributes) {
    out_ += '<';
    out_ += tag;
    this->attributes(attributes);
    out_ += '>';
    return *this;
}

Html& Html::close(std::string_view tag) {
    out_ += "</";
    out_ += tag;
    out_ += '>';
    return *this;
}

Html& Html::empty(std::string_view tag, std::initializer_list<Attribute> attributes) {
    // "/>" closes an SVG element (which HTML's parser otherwise leaves open, swallowing what
    // follows) and is allowed on HTML's void elements.
    out_ += '<';
    out_ += tag;
    this->attributes(std::span<const Attribute>(attributes.begin(), attributes.size()));
    out_ += "/>";
    return *this;
}

Html& Html::text(std::string_view text) {
    out_ += escape_html(text);
    return *this;
}

Html& Html::element(std::string_view tag, std::string_view text,
                    std::initializer_list<Attribute> attributes) {
    return open(tag, attributes).text(text).close(tag);
}

Html& Html::link(std::string_view href, std::string_view text,
                 std::initializer_list<Attribute> attributes) {
    if (href.empty()) {
        return this->text(text);
    }
    out_ += "<a href=\"";
    out_ += escape_html(href);
    out_ += '"';
    this->attributes(std::span<const Attribute>(attributes.begin(), attributes.size()));
    out_ += '>';
    return this->text(text).close("a");
}

Html& Html::append(const Html& other) {
    out_ += other.out_;
    return *this;
}

Html& Html::append(Html&& other) {
    out_ += other.out_;
    return *this;
}

} // namespace jobkb::web
