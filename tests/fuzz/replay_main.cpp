// Runs a fuzz target without libFuzzer, over files and folders of inputs (a seed corpus, the
// regressions), so that ordinary builds and test runs check them too:
//   jobkb_fuzz_amount_replay tests/fuzz/corpus/amount tests/fuzz/regressions/amount
// A folder that does not exist is skipped (git keeps no empty folders); files whose names start
// with '.' are skipped. Fails when an input fails (the target aborts) or when there is no input.
#include "fuzz_support.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path argument = argv[i];
        if (fs::is_directory(argument)) {
            for (const auto& entry : fs::directory_iterator(argument)) {
                if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) {
                    inputs.push_back(entry.path());
                }
            }
        } else if (fs::is_regular_file(argument)) {
            inputs.push_back(argument);
        } else {
            std::fprintf(stderr, "replay: %s does not exist, skipped\n", argv[i]);
        }
    }
    std::sort(inputs.begin(), inputs.end());
    jobkb::fuzz::replay_every_input_through_the_base();
    for (const auto& path : inputs) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
            return 1;
        }
        std::ostringstream content;
        content << in.rdbuf();
        const std::string bytes = content.str();
        // Named first, so that a failing input is known by its file.
        std::fprintf(stderr, "replay: %s\n", path.c_str());
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    if (inputs.empty()) {
        std::fprintf(stderr, "replay: no inputs\n");
        return 1;
    }
    std::fprintf(stderr, "replay: %zu input(s) passed\n", inputs.size());
    return 0;
}
