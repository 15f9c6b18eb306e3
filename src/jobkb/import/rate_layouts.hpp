#pragma once

#include "jobkb/rate_import.hpp"

#include <optional>
#include <string>
#include <string_view>

// What the rate import knows about the files it reads, pure (no database): the days of the ECB's
// daily file, the World Bank's alpha-3 country codes, which currency a PPP factor counts, and the
// sources a layout's values come from when the user names none.
namespace jobkb::detail {

// "09 May 2025" (the ECB's daily file) as 2025-05-09; nullopt for any other text. The day is
// not checked against the calendar here (check_date does that).
std::optional<std::string> ecb_daily_date(std::string_view text);

// The currency a PPP factor of `country` for `year` counts, given the country's currency in the
// base. The World Bank restates a country's whole series in its new currency when it changes
// (Croatia's in EUR, Sierra Leone's in new leones), so the base's currency is the rule; the
// exception is a country whose currency the base already has but the World Bank's data does not
// yet use: Bulgaria, on the euro since 2026-01-01, whose factors up to 2025 count BGN. Sets
// `note` to say so when the exception applied.
std::string ppp_factor_currency(std::string_view country, int year, const std::string& seeded,
                                std::string& note);

// The World Bank's download from its header on: the lines before the one that starts with
// "Country Name" (the preamble; a UTF-8 BOM before either is passed over) made empty, their line
// ends kept so that line numbers stay the file's, for the CSV reader skips blank lines. `head` as
// it is when no line starts so.
std::string world_bank_from_header(std::string_view head);

// A layout's default source: its title, publisher, address and terms of reuse.
struct SourceDetails {
    std::string_view title;
    std::string_view publisher;
    std::string_view url;
    std::string_view note;
};

// The source of the ECB's reference rates.
const SourceDetails& ecb_source();
// The source of the World Bank's PPP conversion factors of an indicator (PA.NUS.PPP for GDP,
// PA.NUS.PRVT.PP for private consumption); nullptr for another indicator.
const SourceDetails* world_bank_source(std::string_view indicator_code);

} // namespace jobkb::detail
