#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/names.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jobkb {
namespace {

// The message of the kNotFound error a lookup throws, or "" when it finds the name.
template <typename Fn> std::string not_found(Fn&& fn) {
    try {
        fn();
        return "";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kNotFound) << error.what();
        return error.what();
    }
}

TEST(NameResolver, SuggestsCloseNames) {
    test::TempDir dir;
    const auto database = open_knowledge_base(test::make_seeded_database(dir), Access::kReadOnly);
    NameResolver names(*database);
    EXPECT_NE(not_found([&] { names.resolve_country("Indai"); }).find("did you mean IN?"),
              std::string::npos);
    EXPECT_NE(not_found([&] {
                  names.resolve(NameKind::kRole, "Data Scientis");
              }).find("did you mean Data Scientist?"),
              std::string::npos);
    EXPECT_NE(not_found([&] { names.resolve(NameKind::kSkill, "learning"); }).find("Learning"),
              std::string::npos);
    EXPECT_EQ(not_found([&] { names.resolve(NameKind::kRole, "xyzzy plugh"); }).find("did you"),
              std::string::npos);
}

// A megabyte-long unknown name, which an import file may hold in every row, took 14 s to compare
// letter by letter with every country's name.
TEST(NameResolver, ALongUnknownNameIsRefusedQuickly) {
    test::TempDir dir;
    const auto database = open_knowledge_base(test::make_seeded_database(dir), Access::kReadOnly);
    NameResolver names(*database);
    const std::string long_name(1 << 20, 'x');
    const auto started = std::chrono::steady_clock::now();
    EXPECT_NE(not_found([&] { names.resolve_country(long_name); }), "");
    EXPECT_NE(not_found([&] { names.resolve(NameKind::kRole, long_name); }), "");
    EXPECT_NE(not_found([&] { names.resolve(NameKind::kSkill, "Pytho" + long_name); }), "");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

} // namespace
} // namespace jobkb
