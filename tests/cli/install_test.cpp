// `cmake --install` puts a binary that works from any folder, with no source tree: migrations and
// seed data are inside it.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace jobkb {
namespace {

TEST(Install, InstalledBinaryWorksAnywhere) {
    test::TempDir prefix;
    test::TempDir home;
    const auto build_dir = test::binary_path().parent_path();
    const std::string command = "cmake --install '" + build_dir.string() + "' --prefix '" +
                                prefix.path().string() + "' > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    const auto installed = prefix / "bin" / "jobkb";
    ASSERT_TRUE(test::fs::exists(installed));
    // The completion scripts, where bash-completion and zsh look for them.
    EXPECT_EQ(test::read_bytes(prefix / "share/bash-completion/completions/jobkb"),
              test::run_cli({"completion", "bash"}).out);
    EXPECT_EQ(test::read_bytes(prefix / "share/zsh/site-functions/_jobkb"),
              test::run_cli({"completion", "zsh"}).out);

    // Run it from an unrelated folder, by a path that is not the build tree.
    const std::string run = "cd '" + home.path().string() + "' && HOME='" + home.path().string() +
                            "' '" + installed.string() + "' roles > roles.txt 2> notes.txt";
    ASSERT_EQ(std::system(run.c_str()), 0) << test::read_bytes(home / "notes.txt");
    EXPECT_NE(test::read_bytes(home / "roles.txt").find("₹13,30,539"), std::string::npos);
    EXPECT_TRUE(test::fs::exists(home / ".local/share/jobkb/jobkb.db"));
}

} // namespace
} // namespace jobkb
