-- 0007_country_names: the other names of countries, so that a file or a filter may name a country
-- as people write it: its ISO 3166-1 alpha-3 code ("USA"), its official name ("United States of
-- America") or a common English name ("UK", "South Korea", "Russia"). Before this a country was
-- found only by its alpha-2 code or its ISO short name ("Korea, Republic of"), with "UK" a special
-- case inside the lookup, so a survey's "USA" or "South Korea" was an unknown country.
-- The names come with the reference data (seed/reference/country_names.tsv, generated from
-- Debian's iso-codes, and the curated seed/reference/country_common_names.tsv).

-- kind: 'alpha-3' (the ISO 3166-1 alpha-3 code), 'official' (the ISO official name, where it
-- differs from the short name in countries.name), 'common' (a name people use: iso-codes' common
-- names and the curated list). A name names one country, case-insensitively.
CREATE TABLE country_names (
    name         TEXT PRIMARY KEY COLLATE NOCASE CHECK (name <> '' AND name = trim(name)),
    country_code TEXT NOT NULL REFERENCES countries (code),
    kind         TEXT NOT NULL CHECK (kind IN ('alpha-3', 'official', 'common')),
    CHECK (kind <> 'alpha-3' OR name GLOB '[A-Z][A-Z][A-Z]')
) STRICT, WITHOUT ROWID;
CREATE INDEX country_names_by_country ON country_names (country_code);

-- A name that is another country's alpha-2 code or short name would make lookups ambiguous.
CREATE TRIGGER country_names_not_a_code_or_name BEFORE INSERT ON country_names
WHEN EXISTS (SELECT 1 FROM countries
             WHERE (code = upper(NEW.name) OR name = NEW.name COLLATE NOCASE)
               AND code <> NEW.country_code)
BEGIN
    SELECT RAISE(ABORT, 'country name is already the code or name of another country');
END;

-- Countries by their short name, in any letter case, without reading every country.
CREATE INDEX countries_by_name ON countries (name COLLATE NOCASE);
