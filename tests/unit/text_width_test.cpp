#include "cli/text_width.hpp"

#include <gtest/gtest.h>

namespace jobkb::cli {
namespace {

TEST(DisplayWidth, CountsColumnsNotBytes) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("₹10,88,060"), 10u);
    EXPECT_EQ(display_width("café"), 4u);       // precomposed é
    EXPECT_EQ(display_width("cafe\u0301"), 4u); // e + combining acute
    EXPECT_EQ(display_width("日本"), 4u);       // wide
    EXPECT_EQ(display_width("\xff\xfe"), 2u);   // invalid bytes count one each
    EXPECT_EQ(display_width("हिन्दी"), 5u);      // spacing vowel signs count, the virama does not
    EXPECT_EQ(display_width("🚀 ok"), 5u);       // emoji are wide
}

TEST(WrapText, BreaksAtSpacesWithinTheWidth) {
    EXPECT_EQ(wrap_text("Python, SQL, R, ML Algorithms", 12),
              (std::vector<std::string>{"Python, SQL,", "R, ML", "Algorithms"}));
    EXPECT_EQ(wrap_text("short", 20), (std::vector<std::string>{"short"}));
    EXPECT_EQ(wrap_text("", 5), (std::vector<std::string>{""}));
    EXPECT_EQ(wrap_text("a verylongword b", 4),
              (std::vector<std::string>{"a", "verylongword", "b"}));
}

} // namespace
} // namespace jobkb::cli
