#pragma once

// HTML by construction: every text and attribute value goes through escape_html(), so a role
// named <script>alert(1)</script> is shown as those characters. Markup comes only from this
// code's literals (tag and attribute names) and from other Html values built the same way.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb::web {

// Text safe in an HTML text node and in a quoted attribute value: & < > " ' as references.
std::string escape_html(std::string_view text);

// Text as one URL component (a path segment or a query value): every byte but the unreserved
// ones (A-Z a-z 0-9 - . _ ~) as %XX, so no value can end its component or change the URL's shape.
std::string percent_encode(std::string_view text);

// name=value&name=value..., each part percent-encoded.
std::string
query_string(std::initializer_list<std::pair<std::string_view, std::string_view>> items);

struct Attribute {
    std::string_view name; // a literal of this code
    std::string_view value;
};

class Html {
public:
    // <tag name="value" ...>; an attribute with an empty name is left out (optional attributes).
    Html& open(std::string_view tag, std::initializer_list<Attribute> attributes = {});
    Html& open(std::string_view tag, const std::vector<Attribute>& attributes);
    Html& close(std::string_view tag);
    // <tag .../>: HTML's void elements (input, meta, link) and SVG's empty ones (line, rect).
    Html& empty(std::string_view tag, std::initializer_list<Attribute> attributes = {});
    Html& text(std::string_view text);
    // <tag ...>text</tag>
    Html& element(std::string_view tag, std::string_view text,
                  std::initializer_list<Attribute> attributes = {});
    // <a href="...">text</a>, or the text alone when href is empty (a page the site lacks).
    Html& link(std::string_view href, std::string_view text,
               std::initializer_list<Attribute> attributes = {});
    // Markup built by another Html.
    Html& append(const Html& other);
    Html& append(Html&& other);

    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }
    bool empty_markup() const { return out_.empty(); }

private:
    void attributes(std::span<const Attribute> attributes);

    std::string out_;
};

} // namespace jobkb::web
