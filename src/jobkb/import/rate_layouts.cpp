#include "jobkb/import/rate_layouts.hpp"

#include "jobkb/text.hpp"

#include <array>

namespace jobkb {
namespace {

struct LayoutName {
    RateLayout layout;
    std::string_view name;
};

constexpr std::array<LayoutName, 6> kLayoutNames = {{{RateLayout::kAuto, "auto"},
                                                     {RateLayout::kEcb, "ecb"},
                                                     {RateLayout::kEcbDaily, "ecb-daily"},
                                                     {RateLayout::kLong, "long"},
                                                     {RateLayout::kPpp, "ppp"},
                                                     {RateLayout::kWorldBank, "world-bank"}}};

// The header's names, split at commas and trimmed, quotes taken off; enough to tell layouts apart
// (the real reading is the CSV reader's).
std::vector<std::string> header_names(std::string_view line) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        std::string name(detail::trimmed(line.substr(start, comma - start)));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
            name = name.substr(1, name.size() - 2);
        }
        names.push_back(detail::ascii_lowered(name));
        if (comma == std::string_view::npos) {
            return names;
        }
        start = comma + 1;
    }
}

bool is_currency_shape(std::string_view name) {
    return name.size() == 3 &&
           std::all_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

} // namespace

std::string_view to_string(RateLayout layout) {
    for (const auto& entry : kLayoutNames) {
        if (entry.layout == layout) {
            return entry.name;
        }
    }
    return "auto";
}

std::optional<RateLayout> parse_rate_layout(std::string_view name) {
    const std::string lowered = detail::ascii_lowered(name);
    for (const auto& entry : kLayoutNames) {
        if (entry.name == lowered) {
            return entry.layout;
        }
    }
    return std::nullopt;
}

bool holds_ppp_factors(RateLayout layout) {
    return layout == RateLayout::kPpp || layout == RateLayout::kWorldBank;
}

std::optional<RateLayout> detect_rate_layout(std::string_view head) {
    if (head.starts_with("\xEF\xBB\xBF")) {
        head.remove_prefix(3);
    }
    const std::string_view line = head.substr(0, head.find_first_of("\r\n"));
    const auto names = header_names(line);
    if (names.size() >= 2 && names[0] == "data source") {
        return RateLayout::kWorldBank;
    }
    if (names.size() >= 4 && names[0] == "country name" && names[1] == "country code") {
        return RateLayout::kWorldBank; // the preamble already taken off
    }
    if (names.size() == 4 && names[0] == "country" && names[1] == "country id" &&
        names[2] == "year" && names[3] == "ppp") {
        return RateLayout::kPpp;
    }
    if (names.size() == 4 && names[0] == "date" && names[1] == "base" && names[2] == "quote" &&
        names[3] == "rate") {
        return RateLayout::kLong;
    }
    if (names.size() >= 2 && names[0] == "date" && is_currency_shape(names[1])) {
        return line.find(", ") != std::string_view::npos ? RateLayout::kEcbDaily : RateLayout::kEcb;
    }
    return std::nullopt;
}

namespace detail {

std::string world_bank_from_header(std::string_view head) {
    static constexpr std::string_view kHeader = "\"Country Name\"";
    std::size_t line = 0;
    std::size_t lines = 0;
    while (line < head.size()) {
        std::string_view text = head.substr(line);
        if (text.starts_with("\xEF\xBB\xBF")) {
            text.remove_prefix(3);
        }
        if (text.starts_with(kHeader)) {
            return std::string(lines, '\n') + std::string(head.substr(line));
        }
        const std::size_t end = head.find('\n', line);
        if (end == std::string_view::npos) {
            break;
        }
        ++lines;
        line = end + 1;
    }
    return std::string(head);
}

std::optional<std::string> ecb_daily_date(std::string_view text) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    const auto digits = [](std::string_view part) {
        return !part.empty() &&
               std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (text.size() != 11 || text[2] != ' ' || text[6] != ' ' || !digits(text.substr(0, 2)) ||
        !digits(text.substr(7, 4))) {
        return std::nullopt;
    }
    const std::string month = ascii_lowered(text.substr(3, 3));
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
        if (kMonths[m] == month) {
            return std::string(text.substr(7, 4)) + "-" + (m < 9 ? "0" : "") +
                   std::to_string(m + 1) + "-" + std::string(text.substr(0, 2));
        }
    }
    return std::nullopt;
}

std::string ppp_factor_currency(std::string_view country, int year, const std::string& seeded,
                                std::string& note) {
    // Countries whose currency the base has before the World Bank's data uses it: the old
    // currency, and the first year of the new one.
    struct Changeover {
        std::string_view country;
        std::string_view old_currency;
        int first_year;
    };
    static constexpr std::array<Changeover, 1> kChangeovers = {{{"BG", "BGN", 2026}}};
    for (const auto& changeover : kChangeovers) {
        if (changeover.country == country && year < changeover.first_year) {
            note = std::string(country) + ": factors up to " +
                   std::to_string(changeover.first_year - 1) + " are counted in " +
                   std::string(changeover.old_currency) + ", the currency of its GDP then (" +
                   seeded + " from " + std::to_string(changeover.first_year) + ")";
            return std::string(changeover.old_currency);
        }
    }
    return seeded;
}

const SourceDetails& ecb_source() {
    static constexpr SourceDetails kEcb = {
        "ECB euro foreign exchange reference rates", "European Central Bank",
        "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/"
        "html/index.en.html",
        "Source: ECB statistics. Reuse is permitted provided the source is named; the reference "
        "rates are for information only. Added by the rate import"};
    return kEcb;
}

const SourceDetails* world_bank_source(std::string_view indicator_code) {
    static constexpr SourceDetails kGdp = {
        "World Bank ICP PPP conversion factor, GDP", "World Bank",
        "https://data.worldbank.org/indicator/PA.NUS.PPP",
        "PA.NUS.PPP, local currency units per international dollar. World Bank, International "
        "Comparison Program, World Development Indicators; CC BY 4.0. Added by the rate "
        "import"};
    static constexpr SourceDetails kPrivate = {
        "World Bank ICP PPP conversion factor, private consumption", "World Bank",
        "https://data.worldbank.org/indicator/PA.NUS.PRVT.PP",
        "PA.NUS.PRVT.PP, local currency units per international dollar. World Bank, "
        "International Comparison Program, World Development Indicators; CC BY 4.0. Added by "
        "the rate import"};
    if (indicator_code == "PA.NUS.PPP") {
        return &kGdp;
    }
    if (indicator_code == "PA.NUS.PRVT.PP") {
        return &kPrivate;
    }
    return nullptr;
}

} // namespace detail
} // namespace jobkb
