// The HTML writer and the Markdown escaper: text never becomes markup.
#include "cli/output.hpp"
#include "web/html.hpp"

#include <gtest/gtest.h>

namespace jobkb::web {
namespace {

TEST(HtmlEscape, EscapesEveryCharacterThatEndsTextOrAnAttribute) {
    EXPECT_EQ(escape_html("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
    EXPECT_EQ(escape_html("a & b \"c\" 'd'"), "a &amp; b &quot;c&quot; &#39;d&#39;");
    EXPECT_EQ(escape_html(std::string("nul\0byte", 8)), "nul\xEF\xBF\xBD"
                                                        "byte");
    EXPECT_EQ(escape_html("₹10,88,060"), "₹10,88,060"); // UTF-8 passes unchanged
}

TEST(HtmlWriter, EscapesTextAndAttributeValues) {
    Html html;
    html.open("a", {{"href", "/role/x\" onmouseover=\"alert(1)"}, {"title", "<b>"}})
        .text("<img src=x onerror=alert(1)>")
        .close("a");
    EXPECT_EQ(html.str(), "<a href=\"/role/x&quot; onmouseover=&quot;alert(1)\" "
                          "title=\"&lt;b&gt;\">&lt;img src=x onerror=alert(1)&gt;</a>");
}

TEST(HtmlWriter, LeavesOutAttributesWithoutNameAndLinksWithoutTarget) {
    Html html;
    html.empty("input", {{"", "ignored"}, {"name", "q"}}).link("", "plain <text>");
    EXPECT_EQ(html.str(), "<input name=\"q\"/>plain &lt;text&gt;");
}

TEST(PercentEncode, KeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(percent_encode("AI/ML Research Scientist"), "AI%2FML%20Research%20Scientist");
    EXPECT_EQ(percent_encode("a&b=c?d#e"), "a%26b%3Dc%3Fd%23e");
    EXPECT_EQ(percent_encode("₹"), "%E2%82%B9");
    EXPECT_EQ(query_string({{"roles", "Data Scientist"}, {"roles", "R&D"}}),
              "roles=Data%20Scientist&roles=R%26D");
}

TEST(MarkdownText, EscapesHtmlReferencesLinksAndBackslashes) {
    EXPECT_EQ(cli::markdown_text("<script>alert(1)</script>"),
              "&lt;script&gt;alert(1)&lt;/script&gt;");
    EXPECT_EQ(cli::markdown_text("[click](javascript:alert(1))"),
              "\\[click\\](javascript:alert(1))");
    EXPECT_EQ(cli::markdown_text("R&D Labs &amp; more &#60;"), "R&D Labs &amp;amp; more &amp;#60;");
    EXPECT_EQ(cli::markdown_text("a\\b `code`"), "a\\\\b \\`code\\`");
}

} // namespace
} // namespace jobkb::web
