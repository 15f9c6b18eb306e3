#pragma once
// Exchange rates and PPP factors in a test base, written with plain SQL the way an import writes
// them (a source and a batch per file, every value under its batch), until `jobkb import rates`
// exists to do it.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace jobkb::test {

// The folder of the test rate files: the ECB history and World Bank PPP subsets, expected.py.
std::filesystem::path fx_data_dir();

struct LoadedRates {
    std::int64_t rate_source = 0;
    std::int64_t rate_batch = 0;
    std::int64_t ppp_source = 0;
    std::int64_t ppp_batch = 0;
    std::int64_t rates = 0;   // rates stored
    std::int64_t skipped = 0; // N/A cells, and currencies the base does not know
    std::int64_t factors = 0; // factors stored
};

// Loads fx/eurofxref-hist-subset.csv (source "ECB euro foreign exchange reference rates", EUR
// as the base of every series) and fx/ppp-gdp-subset.csv (source "World Bank ICP PPP conversion
// factor, GDP", each factor with its country's currency) into the knowledge base at `database`.
LoadedRates load_test_rates(const std::filesystem::path& database);

// The output of fx/expected.py run with python3 and these arguments (the independent computation
// the conversion tests compare with); fails the calling test when the script fails.
std::string expected_conversions(const std::string& arguments = "");

// A hand-made rate: date, base, quote, rate as decimal text.
using RateRow = std::array<std::string, 4>;

// Adds a source with this title and one exchange-rates batch holding the rates; returns the
// batch id.
std::int64_t add_rates(const std::filesystem::path& database, const std::string& source_title,
                       const std::vector<RateRow>& rates);

} // namespace jobkb::test
