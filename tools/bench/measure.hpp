#pragma once
// Timing single calls for the benchmark programs, so that the report can give the median and the
// 99th percentile.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace jobkb::bench {

// Runs `call` (which returns the rows it produced) for each iteration of `state`, and sets the
// counters p50_us, p99_us and rows.
template <typename Call> inline void measure(benchmark::State& state, Call&& call) {
    std::vector<double> micros;
    std::size_t rows = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        rows = call();
        micros.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                .count());
        benchmark::DoNotOptimize(rows);
    }
    std::sort(micros.begin(), micros.end());
    const auto at = [&](double q) {
        return micros[std::min(micros.size() - 1,
                               static_cast<std::size_t>(q * static_cast<double>(micros.size())))];
    };
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
    state.counters["rows"] = static_cast<double>(rows);
}

} // namespace jobkb::bench
