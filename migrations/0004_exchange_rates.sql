-- 0004_exchange_rates: exchange rates and purchasing-power-parity (PPP) conversion factors, with
-- the same provenance and batch discipline as salary figures, so that figures in different
-- currencies can be compared exactly and every converted figure can name the rate it used.
--
-- Rates and factors are exact decimals stored as canonical decimal text ('96.0755', never REAL):
-- digits, at most one point, no leading zero before another digit, no trailing zero after the
-- point, positive; at most 18 significant digits and 30 decimals (World Bank factors of the
-- 1990s reach 27 decimals), which is what the library's exact arithmetic takes.
--
-- History: rows are never rewritten (triggers refuse UPDATE and INSERT OR REPLACE). A later
-- publication that gives another value for the same day (or country and year) of the same source
-- is a new row in its own batch, and the value of the latest batch is the current one; an import
-- adds only values that differ from the current ones, so importing the same file again adds
-- nothing. Undoing a batch (import_batches.undone_at set) deletes its rows, and the earlier value,
-- if any, counts again. Rate batches are never superseded as a whole: a salary import's
-- supersede passes over them (RAISE(IGNORE)), because the newest value already wins per key.
--
-- import_batches.input_format keeps its CHECK (csv, tsv, json, ndjson): every rate file jobkb
-- reads (the ECB's history and daily files, long CSV, the World Bank's tables) is CSV, and the
-- layout is recorded in the batch's settings. What a batch holds is its content (migration 0003's
-- vocabulary): two more kinds.
INSERT INTO import_contents (code, description) VALUES
    ('exchange-rates', 'exchange rates (import rates)'),
    ('ppp-factors', 'purchasing power parity conversion factors (import rates)');

-- One series of rates: a source's rates of one base currency in one quote currency (the ECB's
-- EUR in USD). Rates refer to their series, so the few thousand rates of a series carry two
-- integers instead of a source and two codes, and the converter learns every available pair
-- from this small table.
CREATE TABLE exchange_rate_series (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES sources (id),
    base_code  TEXT NOT NULL REFERENCES currencies (code),
    quote_code TEXT NOT NULL REFERENCES currencies (code),
    UNIQUE (source_id, base_code, quote_code),
    CHECK (base_code <> quote_code)
) STRICT;

CREATE TRIGGER exchange_rate_series_are_fixed BEFORE UPDATE ON exchange_rate_series
BEGIN
    SELECT RAISE(ABORT, 'exchange rate series are fixed: add a new series instead');
END;

-- rate: units of the quote currency for one unit of the base currency on rate_date, as published.
-- The key's columns come first: SQLite 3.40's integrity_check reports false NULLs in a WITHOUT
-- ROWID table whose other columns come before a key column.
CREATE TABLE exchange_rates (
    series_id INTEGER NOT NULL REFERENCES exchange_rate_series (id),
    rate_date TEXT NOT NULL CHECK (rate_date IS date(julianday(rate_date))),
    batch_id  INTEGER NOT NULL REFERENCES import_batches (id),
    rate      TEXT NOT NULL CHECK (
                  rate GLOB '[0-9]*' AND rate NOT GLOB '*[^0-9.]*' AND rate NOT GLOB '*.*.*'
                  AND rate NOT GLOB '0[0-9]*' AND rate NOT GLOB '*.' AND rate NOT GLOB '*.*0'
                  AND rate <> '0'
                  AND length(ltrim(replace(rate, '.', ''), '0')) <= 18
                  AND (instr(rate, '.') = 0 OR length(rate) - instr(rate, '.') <= 30)),
    PRIMARY KEY (series_id, rate_date, batch_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX exchange_rates_by_batch ON exchange_rates (batch_id);

CREATE TRIGGER exchange_rates_are_history BEFORE UPDATE ON exchange_rates
BEGIN
    SELECT RAISE(ABORT, 'exchange rates are history: import a new value instead');
END;

CREATE TRIGGER exchange_rates_are_not_replaced BEFORE INSERT ON exchange_rates
WHEN EXISTS (SELECT 1 FROM exchange_rates WHERE series_id = NEW.series_id
             AND rate_date = NEW.rate_date AND batch_id = NEW.batch_id)
BEGIN
    SELECT RAISE(ABORT, 'exchange rates are history: this batch already has this rate');
END;

-- A rate comes with a current exchange-rates batch of its series' source: one lookup of each by
-- primary key per row.
CREATE TRIGGER exchange_rates_belong_to_their_batch BEFORE INSERT ON exchange_rates
WHEN NOT EXISTS (SELECT 1 FROM import_batches b, exchange_rate_series s
                 WHERE b.id = NEW.batch_id AND s.id = NEW.series_id AND b.source_id = s.source_id
                   AND b.content = 'exchange-rates' AND b.undone_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'an exchange rate needs a current exchange-rates batch of its source');
END;

-- factor: units of the country's currency (currency_code, as it was when imported) that buy
-- what one international dollar buys in the United States, for the year.
CREATE TABLE ppp_factors (
    country_code  TEXT NOT NULL REFERENCES countries (code),
    year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    source_id     INTEGER NOT NULL REFERENCES sources (id),
    batch_id      INTEGER NOT NULL REFERENCES import_batches (id),
    currency_code TEXT NOT NULL REFERENCES currencies (code),
    factor        TEXT NOT NULL CHECK (
                      factor GLOB '[0-9]*' AND factor NOT GLOB '*[^0-9.]*'
                      AND factor NOT GLOB '*.*.*' AND factor NOT GLOB '0[0-9]*'
                      AND factor NOT GLOB '*.' AND factor NOT GLOB '*.*0' AND factor <> '0'
                      AND length(ltrim(replace(factor, '.', ''), '0')) <= 18
                      AND (instr(factor, '.') = 0 OR length(factor) - instr(factor, '.') <= 30)),
    PRIMARY KEY (country_code, source_id, year, batch_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ppp_factors_by_batch ON ppp_factors (batch_id);

CREATE TRIGGER ppp_factors_are_history BEFORE UPDATE ON ppp_factors
BEGIN
    SELECT RAISE(ABORT, 'PPP factors are history: import a new value instead');
END;

CREATE TRIGGER ppp_factors_are_not_replaced BEFORE INSERT ON ppp_factors
WHEN EXISTS (SELECT 1 FROM ppp_factors WHERE country_code = NEW.country_code
             AND source_id = NEW.source_id AND year = NEW.year AND batch_id = NEW.batch_id)
BEGIN
    SELECT RAISE(ABORT, 'PPP factors are history: this batch already has this factor');
END;

CREATE TRIGGER ppp_factors_belong_to_their_batch BEFORE INSERT ON ppp_factors
WHEN NOT EXISTS (SELECT 1 FROM import_batches b
                 WHERE b.id = NEW.batch_id AND b.source_id = NEW.source_id
                   AND b.content = 'ppp-factors' AND b.undone_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a PPP factor needs a current ppp-factors batch of its source');
END;

-- Undoing a rate or factor batch removes what it added; a series left without rates goes too.
CREATE TRIGGER import_batches_undo_rates AFTER UPDATE OF undone_at ON import_batches
WHEN OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL
 AND NEW.content IN ('exchange-rates', 'ppp-factors')
BEGIN
    DELETE FROM exchange_rates WHERE batch_id = NEW.id;
    DELETE FROM ppp_factors WHERE batch_id = NEW.id;
    DELETE FROM exchange_rate_series
    WHERE source_id = NEW.source_id
      AND NOT EXISTS (SELECT 1 FROM exchange_rates r WHERE r.series_id = exchange_rate_series.id);
END;

-- Superseding is for salary snapshots; a salary import that supersedes the batches of its
-- source leaves rate batches of the same source alone.
CREATE TRIGGER import_batches_rates_are_not_superseded BEFORE UPDATE OF superseded_by
ON import_batches
WHEN NEW.superseded_by IS NOT NULL AND OLD.superseded_by IS NULL
 AND (NEW.content <> 'salaries'
      OR (SELECT content FROM import_batches WHERE id = NEW.superseded_by) <> 'salaries')
BEGIN
    SELECT RAISE(IGNORE);
END;

-- Views for people who write SQL by hand: the current value per key (that of the latest batch),
-- with names and the source.
CREATE VIEW current_exchange_rates AS
SELECT s.base_code AS base,
       s.quote_code AS quote,
       r.rate_date,
       r.rate,
       src.title AS source,
       r.batch_id,
       r.series_id
FROM exchange_rates r
JOIN exchange_rate_series s ON s.id = r.series_id
JOIN sources src ON src.id = s.source_id
WHERE NOT EXISTS (SELECT 1 FROM exchange_rates n
                  WHERE n.series_id = r.series_id AND n.rate_date = r.rate_date
                    AND n.batch_id > r.batch_id);

CREATE VIEW current_ppp_factors AS
SELECT p.country_code AS country,
       p.year,
       p.currency_code AS currency,
       p.factor,
       src.title AS source,
       p.batch_id
FROM ppp_factors p
JOIN sources src ON src.id = p.source_id
WHERE NOT EXISTS (SELECT 1 FROM ppp_factors n
                  WHERE n.country_code = p.country_code AND n.source_id = p.source_id
                    AND n.year = p.year AND n.batch_id > p.batch_id);
