#pragma once

// The frame every page shares (head, navigation, search box, footer) and listings as HTML
// tables, so a page is its own content only.

#include "web/html.hpp"
#include "web/links.hpp"

#include "cli/output.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace jobkb::web {

// The Content-Security-Policy of every response: no script at all, styles and images from the
// site itself only.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

struct PageFrame {
    std::string title;      // the page's own title ("Machine Learning Engineer")
    std::string section;    // the navigation entry it belongs to: roles, compare, gap, imports
    std::string search;     // the search box's text
    std::string base_label; // the knowledge base, as the footer names it
};

// The whole document.
std::string render_page(const Links& links, const PageFrame& frame, const Html& content);

// The link of a listing's cell, or "" for none.
using CellLink = std::function<std::string(std::size_t row, std::size_t column)>;

// A listing as a table: its headers, its cells as the CLI's tables show them (money as
// ₹10,88,060, with data-amount-minor and data-currency on the cell), numbers right-aligned, in a
// wrapper that scrolls sideways on a narrow screen rather than widening the page.
Html listing_table(const cli::Listing& listing, const CellLink& link = {},
                   std::string_view label = {});

} // namespace jobkb::web
