-- jobkb's current schema, complete: the result of applying every file in migrations/ in order.
-- Read this to learn the tables; change the schema only by adding a migration, then update this
-- snapshot to match (tests/unit/schema_test.cpp proves the two are the same).

-- Bookkeeping: the migrations applied to this file, and the seed data sets loaded into it.
CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY CHECK (version >= 1),
    name       TEXT NOT NULL CHECK (name <> ''),
    checksum   TEXT NOT NULL CHECK (length(checksum) = 64),
    applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE seed_sets (
    name       TEXT PRIMARY KEY CHECK (name <> ''),
    checksum   TEXT NOT NULL CHECK (length(checksum) = 64),
    applied_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE currencies (
    code           TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z][A-Z]'),
    name           TEXT NOT NULL CHECK (name <> ''),
    symbol         TEXT CHECK (symbol <> ''),
    minor_unit     INTEGER NOT NULL CHECK (minor_unit BETWEEN 0 AND 4),
    digit_grouping TEXT NOT NULL DEFAULT 'western' CHECK (digit_grouping IN ('western', 'indian'))
) STRICT, WITHOUT ROWID;

CREATE TABLE countries (
    code          TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z]'),
    name          TEXT NOT NULL CHECK (name <> ''),
    currency_code TEXT REFERENCES currencies (code)
) STRICT, WITHOUT ROWID;
CREATE INDEX countries_by_name ON countries (name COLLATE NOCASE);

-- Other names of countries: the alpha-3 code, the official name, common English names.
CREATE TABLE country_names (
    name         TEXT PRIMARY KEY COLLATE NOCASE CHECK (name <> '' AND name = trim(name)),
    country_code TEXT NOT NULL REFERENCES countries (code),
    kind         TEXT NOT NULL CHECK (kind IN ('alpha-3', 'official', 'common')),
    CHECK (kind <> 'alpha-3' OR name GLOB '[A-Z][A-Z][A-Z]')
) STRICT, WITHOUT ROWID;
CREATE INDEX country_names_by_country ON country_names (country_code);
CREATE TRIGGER country_names_not_a_code_or_name BEFORE INSERT ON country_names
WHEN EXISTS (SELECT 1 FROM countries
             WHERE (code = upper(NEW.name) OR name = NEW.name COLLATE NOCASE)
               AND code <> NEW.country_code)
BEGIN
    SELECT RAISE(ABORT, 'country name is already the code or name of another country');
END;

-- Places below the country (0011_areas): ISO 3166-2 subdivisions as reference data (no batch),
-- and metro areas or cities an import created (its batch; undo removes them once unused).
CREATE TABLE areas (
    id           INTEGER PRIMARY KEY,
    country_code TEXT NOT NULL REFERENCES countries (code),
    code         TEXT COLLATE NOCASE CHECK (
                     code IS NULL OR (length(code) BETWEEN 1 AND 20
                                      AND code NOT GLOB '*[^A-Za-z0-9-]*'
                                      AND code NOT GLOB '-*' AND code NOT GLOB '*-')),
    name         TEXT NOT NULL CHECK (name <> '' AND name = trim(name) AND length(name) <= 200),
    kind         TEXT NOT NULL CHECK (kind <> '' AND length(kind) <= 60
                                      AND kind NOT GLOB '*[^a-z -]*'),
    batch_id     INTEGER REFERENCES import_batches (id),
    UNIQUE (country_code, code)
) STRICT;
CREATE INDEX areas_by_name ON areas (name COLLATE NOCASE, country_code);
CREATE INDEX areas_by_code ON areas (code COLLATE NOCASE) WHERE code IS NOT NULL;
CREATE INDEX areas_by_batch ON areas (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    title        TEXT NOT NULL CHECK (title <> ''),
    publisher    TEXT CHECK (publisher <> ''),
    author       TEXT CHECK (author <> ''),
    url          TEXT CHECK (url <> ''),
    published_on TEXT CHECK (published_on IS date(julianday(published_on))),
    retrieved_on TEXT CHECK (retrieved_on IS date(julianday(retrieved_on))),
    note         TEXT,
    version      TEXT CHECK (version <> ''),     -- the release, for a versioned source (O*NET 29.2)
    licence      TEXT CHECK (licence <> ''),     -- e.g. CC BY 4.0
    attribution  TEXT CHECK (attribution <> '')  -- what the licence asks to be shown with the data
) STRICT;

CREATE TABLE roles (
    id        INTEGER PRIMARY KEY,
    slug      TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '' AND name = trim(name)),
    summary   TEXT CHECK (summary <> ''),
    source_id INTEGER REFERENCES sources (id),
    batch_id  INTEGER REFERENCES import_batches (id) -- the import that created it; NULL: seeded or by hand
) STRICT;
CREATE INDEX roles_by_batch ON roles (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE role_aliases (
    alias    TEXT PRIMARY KEY COLLATE NOCASE CHECK (alias <> '' AND alias = trim(alias)),
    role_id  INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    batch_id INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX role_aliases_by_role ON role_aliases (role_id);
CREATE INDEX role_aliases_by_batch ON role_aliases (batch_id) WHERE batch_id IS NOT NULL;

-- Skill categories: O*NET's commodity titles ("Data base user interface and query software")
-- with their UNSPSC commodity code.
CREATE TABLE skill_categories (
    id       INTEGER PRIMARY KEY,
    code     TEXT UNIQUE CHECK (code <> ''),
    title    TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (title <> '' AND title = trim(title)),
    batch_id INTEGER REFERENCES import_batches (id)
) STRICT;

CREATE TABLE skills (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '' AND name = trim(name)),
    batch_id    INTEGER REFERENCES import_batches (id),
    category_id INTEGER REFERENCES skill_categories (id)
) STRICT;
CREATE INDEX skills_by_batch ON skills (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX skills_by_category ON skills (category_id) WHERE category_id IS NOT NULL;

CREATE TABLE skill_aliases (
    alias    TEXT PRIMARY KEY COLLATE NOCASE CHECK (alias <> '' AND alias = trim(alias)),
    skill_id INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX skill_aliases_by_skill ON skill_aliases (skill_id);

CREATE TABLE industries (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '' AND name = trim(name)),
    batch_id INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX industries_by_batch ON industries (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE industry_aliases (
    alias       TEXT PRIMARY KEY COLLATE NOCASE CHECK (alias <> '' AND alias = trim(alias)),
    industry_id INTEGER NOT NULL REFERENCES industries (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX industry_aliases_by_industry ON industry_aliases (industry_id);

-- An alias that equals another entity's canonical name would make lookups ambiguous.
CREATE TRIGGER role_aliases_not_a_name BEFORE INSERT ON role_aliases
WHEN EXISTS (SELECT 1 FROM roles WHERE name = NEW.alias AND id <> NEW.role_id)
BEGIN
    SELECT RAISE(ABORT, 'role alias is already the name of another role');
END;
CREATE TRIGGER skill_aliases_not_a_name BEFORE INSERT ON skill_aliases
WHEN EXISTS (SELECT 1 FROM skills WHERE name = NEW.alias AND id <> NEW.skill_id)
BEGIN
    SELECT RAISE(ABORT, 'skill alias is already the name of another skill');
END;
CREATE TRIGGER industry_aliases_not_a_name BEFORE INSERT ON industry_aliases
WHEN EXISTS (SELECT 1 FROM industries WHERE name = NEW.alias AND id <> NEW.industry_id)
BEGIN
    SELECT RAISE(ABORT, 'industry alias is already the name of another industry');
END;

-- task_id and task_type are O*NET's ('core' tasks are listed before 'supplemental' ones).
CREATE TABLE responsibilities (
    role_id     INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    description TEXT NOT NULL CHECK (description <> ''),
    source_id   INTEGER REFERENCES sources (id),
    batch_id    INTEGER REFERENCES import_batches (id),
    task_id     INTEGER CHECK (task_id >= 1),
    task_type   TEXT CHECK (task_type IN ('core', 'supplemental')),
    PRIMARY KEY (role_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX responsibilities_by_batch ON responsibilities (batch_id) WHERE batch_id IS NOT NULL;

-- relevance: 'key' for the skills a source lists as the role's key skills, 'mentioned' for skills
-- its text only names, 'technology' for the technology skills a source lists for the occupation
-- (O*NET), with its flags. position keeps the source's order within each relevance. A role may
-- have a skill as key or mentioned (not both) and also as technology: readers take the strongest
-- (key, then mentioned, then technology).
-- (The name is quoted because SQLite stores a renamed table's name so: migration 0008 rebuilt it.)
CREATE TABLE "role_skills" (
    role_id        INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    skill_id       INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    relevance      TEXT NOT NULL CHECK (relevance IN ('key', 'mentioned', 'technology')),
    position       INTEGER NOT NULL CHECK (position >= 1),
    hot_technology INTEGER NOT NULL DEFAULT 0 CHECK (hot_technology IN (0, 1)),
    in_demand      INTEGER NOT NULL DEFAULT 0 CHECK (in_demand IN (0, 1)),
    source_id      INTEGER REFERENCES sources (id),
    batch_id       INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (role_id, skill_id, relevance)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX role_skills_key_or_mentioned ON role_skills (role_id, skill_id)
    WHERE relevance IN ('key', 'mentioned');
CREATE INDEX role_skills_by_skill ON role_skills (skill_id, relevance, role_id);
CREATE INDEX role_skills_by_batch ON role_skills (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE role_industries (
    role_id     INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    industry_id INTEGER NOT NULL REFERENCES industries (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    source_id   INTEGER REFERENCES sources (id),
    batch_id    INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (role_id, industry_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX role_industries_by_industry ON role_industries (industry_id, role_id);
CREATE INDEX role_industries_by_batch ON role_industries (batch_id) WHERE batch_id IS NOT NULL;

-- Occupation classifications a role's code may come from.
CREATE TABLE occupation_schemes (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL CHECK (name <> ''),
    description TEXT NOT NULL CHECK (description <> '')
) STRICT, WITHOUT ROWID;
INSERT INTO occupation_schemes (code, name, description) VALUES
    ('onet-soc-2019', 'O*NET-SOC 2019', 'O*NET-SOC 2019 occupation, e.g. 15-2051.00'),
    ('soc-2018', 'SOC 2018', 'US Standard Occupational Classification 2018, e.g. 15-2051'),
    ('isco-08', 'ISCO-08', 'International Standard Classification of Occupations, e.g. 2511'),
    ('esco', 'ESCO', 'an ESCO occupation URI, e.g. http://data.europa.eu/esco/occupation/...');

-- A role's occupation codes. relation 'is': the role is that occupation (at most one role per
-- code, so a code names a role); 'within': the role is a specialisation of that broader
-- occupation ("NLP Engineer" within 15-1221.00), so many roles may sit within one code, and the
-- role that *is* the code (if the base has it) is the role's broader occupation.
CREATE TABLE role_codes (
    role_id   INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    scheme    TEXT NOT NULL REFERENCES occupation_schemes (code),
    code      TEXT NOT NULL CHECK (
                  CASE scheme
                      WHEN 'onet-soc-2019'
                          THEN code GLOB '[0-9][0-9]-[0-9][0-9][0-9][0-9].[0-9][0-9]'
                      WHEN 'soc-2018' THEN code GLOB '[0-9][0-9]-[0-9][0-9][0-9][0-9]'
                      WHEN 'isco-08' THEN code GLOB '[0-9]' OR code GLOB '[0-9][0-9]'
                                          OR code GLOB '[0-9][0-9][0-9]'
                                          OR code GLOB '[0-9][0-9][0-9][0-9]'
                      WHEN 'esco' THEN code GLOB 'http://data.europa.eu/esco/occupation/?*'
                                       AND code NOT GLOB '*[^A-Za-z0-9:/._-]*'
                      ELSE 0
                  END),
    relation  TEXT NOT NULL CHECK (relation IN ('is', 'within')),
    source_id INTEGER REFERENCES sources (id),
    batch_id  INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (scheme, code, role_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX role_codes_one_role_is ON role_codes (scheme, code) WHERE relation = 'is';
CREATE INDEX role_codes_by_role ON role_codes (role_id);
CREATE INDEX role_codes_by_batch ON role_codes (batch_id) WHERE batch_id IS NOT NULL;

-- Job titles, apart from aliases: an alias names one role and is how the base spells it; a title
-- is what employers and surveys call jobs, and one title may name several roles (O*NET's "Data
-- Analyst" names nine occupations). A lookup by a title that names several roles is ambiguous.
-- kind: 'occupation' (a scheme's own title for it, "Data Scientists"), 'alternate', 'short',
-- 'reported' (titles incumbents reported), 'user' (taught with `jobkb title add` or an import).
CREATE TABLE role_titles (
    title     TEXT NOT NULL COLLATE NOCASE CHECK (title <> '' AND title = trim(title)),
    role_id   INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('occupation', 'alternate', 'short', 'reported', 'user')),
    source_id INTEGER REFERENCES sources (id),
    batch_id  INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (title, role_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX role_titles_by_role ON role_titles (role_id);
CREATE INDEX role_titles_by_batch ON role_titles (batch_id) WHERE batch_id IS NOT NULL;

-- What one source says of a role: its own title for it, its description, and for O*NET the job
-- zone (1 to 5: how much preparation the occupation needs). The role's own summary stays in
-- roles.summary; these sit beside it, each with its source.
CREATE TABLE role_sources (
    role_id     INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    title       TEXT CHECK (title <> ''),
    description TEXT CHECK (description <> ''),
    job_zone    INTEGER CHECK (job_zone BETWEEN 1 AND 5),
    batch_id    INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (role_id, source_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX role_sources_by_batch ON role_sources (batch_id) WHERE batch_id IS NOT NULL;

-- Related roles as a source states them (O*NET's "Related Occupations": a tier and an index),
-- next to the skill-based ranking jobkb computes.
CREATE TABLE role_relations (
    role_id         INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    related_role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    source_id       INTEGER NOT NULL REFERENCES sources (id),
    tier            TEXT NOT NULL CHECK (tier <> '' AND tier = trim(tier)),
    position        INTEGER NOT NULL CHECK (position >= 1),
    batch_id        INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (role_id, source_id, related_role_id),
    CHECK (related_role_id <> role_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX role_relations_by_related ON role_relations (related_role_id);
CREATE INDEX role_relations_by_batch ON role_relations (batch_id) WHERE batch_id IS NOT NULL;

-- A role merged into another (`jobkb role merge FROM INTO`): FROM's row is gone, its name became
-- an alias of INTO, and everything that referred to FROM refers to INTO. `snapshot` holds what
-- undo needs to put FROM back as it was (its row, aliases, titles, codes, links, and the ids of
-- the observations that moved), as a JSON object.
CREATE TABLE role_merges (
    id           INTEGER PRIMARY KEY,
    from_role_id INTEGER NOT NULL, -- FROM's id, kept for undo; no reference: the row is gone
    from_name    TEXT NOT NULL CHECK (from_name <> ''),
    into_role_id INTEGER NOT NULL REFERENCES roles (id),
    snapshot     TEXT NOT NULL CHECK (json_valid(snapshot) AND json_type(snapshot) = 'object'),
    merged_at    TEXT NOT NULL,
    undone_at    TEXT,
    CHECK (from_role_id <> into_role_id)
) STRICT;
CREATE INDEX role_merges_by_roles ON role_merges (from_role_id, into_role_id)
    WHERE undone_at IS NULL;

-- Vocabulary for salary figures, kept as tables so that a later migration can add terms
-- without rebuilding salary_observations.
CREATE TABLE salary_periods (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*'),
    description TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO salary_periods (code, description) VALUES
    ('year', 'per year (gross annual pay)'),
    ('month', 'per month'),
    ('hour', 'per hour');

CREATE TABLE salary_statistics (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z0-9]*'),
    description TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO salary_statistics (code, description) VALUES
    ('average', 'arithmetic mean of many reports, as published'),
    ('median', 'median of many reports, as published'),
    ('p10', '10th percentile'),
    ('p25', '25th percentile'),
    ('p75', '75th percentile'),
    ('p90', '90th percentile'),
    ('minimum', 'lowest figure of a published range'),
    ('maximum', 'highest figure of a published range'),
    ('point', 'a single individual report');

-- The survey dimensions of a figure (0010_survey_dimensions): NULL in salary_observations means
-- the source does not say; survey_code is the survey's own abbreviation.
CREATE TABLE experience_levels (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*'),
    survey_code TEXT NOT NULL UNIQUE CHECK (survey_code GLOB '[A-Z][A-Z]'),
    position    INTEGER NOT NULL UNIQUE,
    description TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO experience_levels (code, survey_code, position, description) VALUES
    ('entry', 'EN', 1, 'entry level or junior'),
    ('mid', 'MI', 2, 'mid level or intermediate'),
    ('senior', 'SE', 3, 'senior or expert'),
    ('executive', 'EX', 4, 'executive or director');

CREATE TABLE employment_types (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*'),
    survey_code TEXT NOT NULL UNIQUE CHECK (survey_code GLOB '[A-Z][A-Z]'),
    position    INTEGER NOT NULL UNIQUE,
    description TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO employment_types (code, survey_code, position, description) VALUES
    ('full-time', 'FT', 1, 'employed full time'),
    ('part-time', 'PT', 2, 'employed part time'),
    ('contract', 'CT', 3, 'on a fixed-term contract'),
    ('freelance', 'FL', 4, 'self-employed, paid per engagement');

-- remote_ratio is the survey's share of remote work that means this setting (0, 50, 100).
CREATE TABLE work_settings (
    code         TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*'),
    remote_ratio INTEGER NOT NULL UNIQUE CHECK (remote_ratio BETWEEN 0 AND 100),
    position     INTEGER NOT NULL UNIQUE,
    description  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO work_settings (code, remote_ratio, position, description) VALUES
    ('on-site', 0, 1, 'works at the employer''s premises (remote ratio 0)'),
    ('hybrid', 50, 2, 'partly remote (remote ratio 50)'),
    ('remote', 100, 3, 'fully remote (remote ratio 100)');

CREATE TABLE company_sizes (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*'),
    survey_code TEXT NOT NULL UNIQUE CHECK (survey_code GLOB '[A-Z]'),
    position    INTEGER NOT NULL UNIQUE,
    description TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO company_sizes (code, survey_code, position, description) VALUES
    ('small', 'S', 1, 'fewer than 50 employees'),
    ('medium', 'M', 2, '50 to 250 employees'),
    ('large', 'L', 3, 'more than 250 employees');

-- Each import of a file is a batch with its provenance; --supersede marks older batches of the
-- same source superseded: their observations stay as history but stop counting as current.
CREATE TABLE import_batches (
    id             INTEGER PRIMARY KEY,
    file_name      TEXT NOT NULL CHECK (file_name <> ''),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    settings       TEXT NOT NULL, -- the mapping and constants it was imported with
    input_format   TEXT NOT NULL CHECK (input_format IN ('csv', 'tsv', 'json', 'ndjson')),
    source_id      INTEGER NOT NULL REFERENCES sources (id),
    rows_read      INTEGER NOT NULL CHECK (rows_read >= 0),
    rows_inserted  INTEGER NOT NULL CHECK (rows_inserted >= 0),
    rows_rejected  INTEGER NOT NULL CHECK (rows_rejected >= 0),
    imported_at    TEXT NOT NULL,
    superseded_by  INTEGER REFERENCES import_batches (id),
    undone_at      TEXT,
    content        TEXT NOT NULL DEFAULT 'salaries', -- one of import_contents (a trigger checks)
    format         TEXT, -- one of input_formats, read as input_format (triggers check and fill it)
    CHECK (superseded_by IS NULL OR superseded_by > id)
) STRICT;
CREATE INDEX import_batches_by_source ON import_batches (source_id);
CREATE INDEX import_batches_by_digest ON import_batches (sha256);

-- What an import batch holds, so that `imports` and undo know what to list and to take back.
-- A vocabulary table rather than a CHECK, so that later migrations add kinds with an INSERT.
CREATE TABLE import_contents (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z-]*'),
    description TEXT NOT NULL CHECK (description <> '')
) STRICT, WITHOUT ROWID;
INSERT INTO import_contents (code, description) VALUES
    ('salaries', 'salary figures (import salaries)'),
    ('roles', 'roles with their codes, names, skills, industries and responsibilities (import roles)'),
    ('onet', 'an O*NET database release (import onet)'),
    ('exchange-rates', 'exchange rates (import rates)'),
    ('ppp-factors', 'purchasing power parity conversion factors (import rates)');

CREATE TRIGGER import_batches_known_content BEFORE INSERT ON import_batches
WHEN NOT EXISTS (SELECT 1 FROM import_contents WHERE code = NEW.content)
BEGIN
    SELECT RAISE(ABORT, 'import batch content is not one of import_contents');
END;
CREATE TRIGGER import_batches_content_is_fixed BEFORE UPDATE OF content ON import_batches
BEGIN
    SELECT RAISE(ABORT, 'an import batch keeps the content it was made with');
END;

-- The formats an import reads, and how each one's records are read: input_format keeps its CHECK
-- (SQLite cannot widen it without rebuilding import_batches), so a workbook (format 'xlsx') is
-- read as CSV is, rows under a header row (input_format 'csv'). A batch that names no format gets
-- its input_format.
CREATE TABLE input_formats (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9]*'),
    read_as     TEXT NOT NULL CHECK (read_as IN ('csv', 'tsv', 'json', 'ndjson')),
    description TEXT NOT NULL CHECK (description <> '')
) STRICT, WITHOUT ROWID;
INSERT INTO input_formats (code, read_as, description) VALUES
    ('csv', 'csv', 'delimited text with a header row (comma, semicolon or pipe separated)'),
    ('tsv', 'tsv', 'tab-separated text with a header row'),
    ('json', 'json', 'a JSON array of flat objects'),
    ('ndjson', 'ndjson', 'one flat JSON object a line'),
    ('xlsx', 'csv', 'an Office Open XML workbook (Excel): one sheet, a header row, then rows');

CREATE TRIGGER import_batches_known_format BEFORE INSERT ON import_batches
WHEN NEW.format IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM input_formats
                 WHERE code = NEW.format AND read_as = NEW.input_format)
BEGIN
    SELECT RAISE(ABORT, 'import batch format is not one of input_formats read as its input_format');
END;
CREATE TRIGGER import_batches_format_from_input_format AFTER INSERT ON import_batches
WHEN NEW.format IS NULL
BEGIN
    UPDATE import_batches SET format = NEW.input_format WHERE id = NEW.id;
END;
CREATE TRIGGER import_batches_format_is_fixed BEFORE UPDATE OF format ON import_batches
WHEN OLD.format IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an import batch keeps the format it was read in');
END;

-- What an import changed or removed in rows it did not create, so that undo puts back exactly
-- what was there: `row` is the whole earlier row and `key` the primary key that finds it (JSON
-- objects of column names to values). Rows a batch created carry its batch_id and need no entry
-- here. Undo replays the entries newest first.
CREATE TABLE import_changes (
    batch_id   INTEGER NOT NULL REFERENCES import_batches (id),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    table_name TEXT NOT NULL CHECK (table_name IN (
                   'roles', 'role_aliases', 'role_codes', 'role_titles', 'role_sources',
                   'role_skills', 'role_industries', 'responsibilities', 'role_relations',
                   'skills', 'skill_categories', 'industries', 'sources')),
    action     TEXT NOT NULL CHECK (action IN ('updated', 'deleted')),
    key        TEXT NOT NULL CHECK (json_valid(key) AND json_type(key) = 'object'),
    row        TEXT NOT NULL CHECK (json_valid(row) AND json_type(row) = 'object'),
    PRIMARY KEY (batch_id, seq)
) STRICT, WITHOUT ROWID;

-- amount_minor is in the currency's minor unit (cents, paise): money is never a float.
-- as_of is a date, or a year-month or year when the source is no more precise than that.
-- Dates go through julianday(): date() alone lets 2026-02-30 through on SQLite 3.40.
-- Rows are history: a newer figure is a new row; the trigger below forbids rewriting one.
CREATE TABLE salary_observations (
    id            INTEGER PRIMARY KEY,
    role_id       INTEGER NOT NULL REFERENCES roles (id),
    country_code  TEXT NOT NULL REFERENCES countries (code),
    currency_code TEXT NOT NULL REFERENCES currencies (code),
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    period        TEXT NOT NULL DEFAULT 'year' REFERENCES salary_periods (code),
    statistic     TEXT NOT NULL DEFAULT 'average' REFERENCES salary_statistics (code),
    as_of         TEXT NOT NULL CHECK (
                      as_of GLOB '[12][0-9][0-9][0-9]'
                      OR (as_of GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
                          AND substr(as_of, 6, 2) BETWEEN '01' AND '12')
                      OR as_of IS date(julianday(as_of))),
    source_id     INTEGER NOT NULL REFERENCES sources (id),
    note          TEXT,
    batch_id      INTEGER REFERENCES import_batches (id), -- NULL: seeded or entered by hand
    -- What the amount is: the figure itself, a bound (BLS's top code "#" is at least 239,200),
    -- or "around" it (0009_figure_qualifiers).
    qualifier     TEXT NOT NULL DEFAULT 'exact'
                  CHECK (qualifier IN ('exact', 'at_least', 'at_most', 'approximate')),
    -- The survey dimensions; NULL: the source does not say (0010_survey_dimensions).
    level TEXT REFERENCES experience_levels (code),
    employment TEXT REFERENCES employment_types (code),
    work_setting TEXT REFERENCES work_settings (code),
    company_size TEXT REFERENCES company_sizes (code),
    -- Which figure is current: the end of the period as_of covers, then its precision.
    as_of_key TEXT GENERATED ALWAYS AS (
    CASE length(as_of)
        WHEN 4 THEN as_of || '-12-31 1'
        WHEN 7 THEN date(as_of || '-01', '+1 month', '-1 day') || ' 2'
        ELSE as_of || ' 3'
    END
) VIRTUAL,
    -- The area in the country (0011_areas); NULL: the whole country.
    area_id INTEGER REFERENCES areas (id),
    -- The area and the dimensions as one key text ('' for none), salary_latest's key.
    dimensions TEXT GENERATED ALWAYS AS (
    coalesce('area=' || area_id || ';', '')
    || coalesce('level=' || level || ';', '') || coalesce('employment=' || employment || ';', '')
    || coalesce('setting=' || work_setting || ';', '') || coalesce('size=' || company_size || ';', '')
) VIRTUAL
) STRICT;
CREATE INDEX salary_observations_by_key
    ON salary_observations (role_id, country_code, statistic, period, dimensions, as_of_key, id);
CREATE INDEX salary_observations_by_level ON salary_observations (level) WHERE level IS NOT NULL;
CREATE INDEX salary_observations_by_source ON salary_observations (source_id);
CREATE INDEX salary_observations_by_batch ON salary_observations (batch_id);
CREATE INDEX salary_observations_by_area ON salary_observations (area_id)
    WHERE area_id IS NOT NULL;
-- A figure's area is in the figure's country (a foreign key cannot say so: the pair is no key).
CREATE TRIGGER salary_observations_area_in_country BEFORE INSERT ON salary_observations
WHEN NEW.area_id IS NOT NULL
 AND (SELECT country_code FROM areas WHERE id = NEW.area_id) IS NOT NEW.country_code
BEGIN
    SELECT RAISE(ABORT, 'the area of a salary observation must be in its country');
END;

-- Observations that count as current: seeded or hand-entered ones (no batch), and those of
-- batches that were not superseded.
CREATE VIEW current_observations AS
SELECT o.*
FROM salary_observations o
WHERE o.batch_id IS NULL
   OR o.batch_id IN (SELECT id FROM import_batches WHERE superseded_by IS NULL);

-- Observations stay history, but a merge (and its undo) moves them between the two roles it
-- names: role_id may change only between the roles of a merge not yet undone.
CREATE TRIGGER salary_observations_are_history BEFORE UPDATE OF
    id, role_id, country_code, currency_code, amount_minor, period, statistic, as_of, source_id,
    qualifier, level, employment, work_setting, company_size, area_id
ON salary_observations
WHEN NEW.id IS NOT OLD.id OR NEW.country_code IS NOT OLD.country_code
  OR NEW.currency_code IS NOT OLD.currency_code OR NEW.amount_minor IS NOT OLD.amount_minor
  OR NEW.period IS NOT OLD.period OR NEW.statistic IS NOT OLD.statistic
  OR NEW.as_of IS NOT OLD.as_of OR NEW.source_id IS NOT OLD.source_id
  OR NEW.qualifier IS NOT OLD.qualifier OR NEW.level IS NOT OLD.level
  OR NEW.employment IS NOT OLD.employment OR NEW.work_setting IS NOT OLD.work_setting
  OR NEW.company_size IS NOT OLD.company_size OR NEW.area_id IS NOT OLD.area_id
  OR (NEW.role_id IS NOT OLD.role_id AND NOT EXISTS (
          SELECT 1 FROM role_merges
          WHERE undone_at IS NULL
            AND ((from_role_id = OLD.role_id AND into_role_id = NEW.role_id)
                 OR (from_role_id = NEW.role_id AND into_role_id = OLD.role_id))))
BEGIN
    SELECT RAISE(ABORT, 'salary observations are history: insert a new observation instead');
END;

-- A moved observation takes its place in the latest figures of its new role, and its old role's
-- key falls back to what is left there.
CREATE TRIGGER salary_observations_move_latest AFTER UPDATE OF role_id ON salary_observations
WHEN NEW.role_id IS NOT OLD.role_id
BEGIN
    DELETE FROM salary_latest
    WHERE country_code = OLD.country_code AND statistic = OLD.statistic AND period = OLD.period
      AND dimensions = OLD.dimensions AND role_id IN (OLD.role_id, NEW.role_id);
    INSERT INTO salary_latest (role_id, country_code, statistic, period, dimensions, as_of_key,
                               observation_id)
    SELECT k.role_id, OLD.country_code, OLD.statistic, OLD.period, OLD.dimensions, best.as_of_key,
           best.id
    FROM (SELECT OLD.role_id AS role_id UNION SELECT NEW.role_id) k
    JOIN salary_observations best ON best.id = (
        SELECT c.id FROM current_observations c
        WHERE c.role_id = k.role_id AND c.country_code = OLD.country_code
          AND c.statistic = OLD.statistic AND c.period = OLD.period
          AND c.dimensions = OLD.dimensions
        ORDER BY c.as_of_key DESC, c.id DESC LIMIT 1);
END;

-- INSERT OR REPLACE would delete an observation without its delete trigger (unless
-- recursive_triggers is on) and put another in its place: refuse reusing an id instead.
CREATE TRIGGER salary_observations_are_not_replaced BEFORE INSERT ON salary_observations
WHEN EXISTS (SELECT 1 FROM salary_observations WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'salary observations are history: an observation with this id exists');
END;

-- The latest observation per role, country, statistic and period: the newest as_of wins, ties go
-- to the later row. Maintained by the triggers below; ranking all history on every read was slow.
CREATE TABLE salary_latest (
    role_id        INTEGER NOT NULL REFERENCES roles (id),
    country_code   TEXT NOT NULL REFERENCES countries (code),
    statistic      TEXT NOT NULL REFERENCES salary_statistics (code),
    period         TEXT NOT NULL REFERENCES salary_periods (code),
    dimensions     TEXT NOT NULL,
    as_of_key      TEXT NOT NULL,
    observation_id INTEGER NOT NULL REFERENCES salary_observations (id),
    PRIMARY KEY (role_id, country_code, statistic, period, dimensions)
) STRICT, WITHOUT ROWID;
CREATE INDEX salary_latest_by_country ON salary_latest (country_code, statistic, period);
-- Deleting an observation looks up the salary_latest row naming it (the foreign key; 0012).
CREATE INDEX salary_latest_by_observation ON salary_latest (observation_id);

-- Batches whose latest figures their importer maintains itself, once, after the batch's last row
-- (0012): the insert trigger skips their rows. Empty outside an import's transaction.
CREATE TABLE salary_latest_pending (
    batch_id INTEGER PRIMARY KEY REFERENCES import_batches (id)
) STRICT;

CREATE TRIGGER salary_observations_update_latest AFTER INSERT ON salary_observations
WHEN NEW.batch_id IS NULL
  OR (NOT EXISTS (SELECT 1 FROM salary_latest_pending WHERE batch_id = NEW.batch_id)
      AND (SELECT superseded_by FROM import_batches WHERE id = NEW.batch_id) IS NULL)
BEGIN
    INSERT INTO salary_latest (role_id, country_code, statistic, period, dimensions, as_of_key,
                               observation_id)
    VALUES (NEW.role_id, NEW.country_code, NEW.statistic, NEW.period, NEW.dimensions,
            NEW.as_of_key, NEW.id)
    ON CONFLICT (role_id, country_code, statistic, period, dimensions) DO UPDATE
    SET as_of_key = excluded.as_of_key, observation_id = excluded.observation_id
    WHERE excluded.as_of_key > salary_latest.as_of_key
       OR (excluded.as_of_key = salary_latest.as_of_key
           AND excluded.observation_id > salary_latest.observation_id);
END;

-- Both statements find the latest row by its primary key, so deleting many observations stays fast.
CREATE TRIGGER salary_observations_restore_latest AFTER DELETE ON salary_observations
WHEN EXISTS (SELECT 1 FROM salary_latest
             WHERE role_id = OLD.role_id AND country_code = OLD.country_code
               AND statistic = OLD.statistic AND period = OLD.period
               AND dimensions = OLD.dimensions AND observation_id = OLD.id)
BEGIN
    DELETE FROM salary_latest
    WHERE role_id = OLD.role_id AND country_code = OLD.country_code
      AND statistic = OLD.statistic AND period = OLD.period AND dimensions = OLD.dimensions;
    INSERT INTO salary_latest (role_id, country_code, statistic, period, dimensions, as_of_key,
                               observation_id)
    SELECT role_id, country_code, statistic, period, dimensions, as_of_key, id
    FROM current_observations
    WHERE role_id = OLD.role_id AND country_code = OLD.country_code
      AND statistic = OLD.statistic AND period = OLD.period AND dimensions = OLD.dimensions
    ORDER BY as_of_key DESC, id DESC
    LIMIT 1;
END;

-- Superseding a batch, or undoing what superseded it, recomputes the latest figure of every key
-- its observations touch.
CREATE TRIGGER import_batches_supersede AFTER UPDATE OF superseded_by ON import_batches
WHEN OLD.superseded_by IS NOT NEW.superseded_by
BEGIN
    DELETE FROM salary_latest
    WHERE (role_id, country_code, statistic, period, dimensions) IN
          (SELECT role_id, country_code, statistic, period, dimensions
           FROM salary_observations WHERE batch_id = NEW.id);
    INSERT INTO salary_latest (role_id, country_code, statistic, period, dimensions, as_of_key,
                               observation_id)
    SELECT k.role_id, k.country_code, k.statistic, k.period, k.dimensions, best.as_of_key, best.id
    FROM (SELECT DISTINCT role_id, country_code, statistic, period, dimensions
          FROM salary_observations WHERE batch_id = NEW.id) k
    JOIN salary_observations best ON best.id = (
        SELECT c.id FROM current_observations c
        WHERE c.role_id = k.role_id AND c.country_code = k.country_code
          AND c.statistic = k.statistic AND c.period = k.period
          AND c.dimensions = k.dimensions
        ORDER BY c.as_of_key DESC, c.id DESC LIMIT 1);
END;

-- A batch is superseded by one successor; only undoing that successor clears it again, or hands
-- it on to the successor's own successor.
CREATE TRIGGER import_batches_supersede_once BEFORE UPDATE OF superseded_by ON import_batches
WHEN OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS NOT NULL
 AND (SELECT undone_at FROM import_batches WHERE id = OLD.superseded_by) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an import batch can be superseded only once');
END;

-- Exchange rates and PPP factors: exact decimal text ('96.0755', never REAL), kept as history
-- with their batch; the value of the latest batch per key is the current one (0003).

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


-- Views for people who write SQL by hand.

-- The latest figure per role, country, statistic and period, with names and the source.
-- amount is the exact decimal text of amount_minor in the currency's major unit.
CREATE VIEW latest_salaries AS
SELECT r.name AS role,
       o.country_code AS country,
       o.statistic,
       o.period,
       o.currency_code AS currency,
       CASE c.minor_unit
           WHEN 0 THEN printf('%d', o.amount_minor)
           ELSE printf('%d.%0*d', o.amount_minor / f.factor, c.minor_unit,
                       o.amount_minor % f.factor)
       END AS amount,
       o.amount_minor,
       o.as_of,
       s.title AS source,
       o.note,
       o.id AS observation_id,
       o.role_id,
       o.qualifier,
       o.level,
       o.employment,
       o.work_setting,
       o.company_size,
       a.code AS area_code,
       a.name AS area
FROM salary_latest l
JOIN salary_observations o ON o.id = l.observation_id
JOIN roles r ON r.id = o.role_id
JOIN currencies c ON c.code = o.currency_code
JOIN (SELECT 0 AS minor_unit, 1 AS factor UNION ALL SELECT 1, 10 UNION ALL SELECT 2, 100
      UNION ALL SELECT 3, 1000 UNION ALL SELECT 4, 10000) f ON f.minor_unit = c.minor_unit
JOIN sources s ON s.id = o.source_id
LEFT JOIN areas a ON a.id = o.area_id;

-- One row per role: key skills and industries in the source's order, and the latest yearly
-- average per country (of the whole country, of no dimensions) as 'CC CUR amount' items
-- separated by '; '.
CREATE VIEW role_overview AS
SELECT r.id AS role_id,
       r.name AS role,
       r.summary,
       (SELECT group_concat(name, ', ') FROM (
            SELECT s.name FROM role_skills rs JOIN skills s ON s.id = rs.skill_id
            WHERE rs.role_id = r.id AND rs.relevance = 'key' ORDER BY rs.position)
       ) AS key_skills,
       (SELECT group_concat(name, ', ') FROM (
            SELECT i.name FROM role_industries ri JOIN industries i ON i.id = ri.industry_id
            WHERE ri.role_id = r.id ORDER BY ri.position)
       ) AS industries,
       (SELECT group_concat(item, '; ') FROM (
            SELECT country || ' ' || currency || ' ' || amount AS item
            FROM latest_salaries
            WHERE role_id = r.id AND statistic = 'average' AND period = 'year'
              AND level IS NULL AND employment IS NULL AND work_setting IS NULL
              AND company_size IS NULL AND area IS NULL
            ORDER BY country)
       ) AS latest_yearly_averages
FROM roles r;

-- The current exchange rate and PPP factor per key (the value of the latest batch), with names
-- and the source.
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

-- Full-text search (`jobkb search`).
-- search_documents holds one row per searchable text: an entity (role, skill or industry), the
-- field the text is (its name, an alias, a title, a summary, a source's description, a task, a
-- skill's category) and `ref`, which of the entity's texts of that field it is (the alias, the
-- title, the source id, the task's position; '' where an entity has one). The text goes to one of
-- three columns by field, so that bm25 weighs a name above a title above a task: `name` (names
-- and aliases), `title` (titles, a source's title) and `body` (everything longer).
-- search_index is an FTS5 index over those columns, with search_documents as its external
-- content. Triggers on every source table keep search_documents current (so imports, undo, merge
-- and hand-written SQL all keep it), and triggers on search_documents keep the index current.
-- search_expected is what search_documents should hold; `jobkb check` compares the two, and a
-- repair rebuilds both from it.
CREATE TABLE search_documents (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('role', 'skill', 'industry')),
    entity_id INTEGER NOT NULL,
    field     TEXT NOT NULL CHECK (field IN (
                  'name', 'alias', 'title', 'source title', 'summary', 'description', 'task',
                  'category')),
    ref       TEXT NOT NULL,
    text      TEXT NOT NULL CHECK (text <> ''),
    name      TEXT GENERATED ALWAYS AS (CASE WHEN field IN ('name', 'alias') THEN text END),
    title     TEXT GENERATED ALWAYS AS (
                  CASE WHEN field IN ('title', 'source title') THEN text END),
    body      TEXT GENERATED ALWAYS AS (
                  CASE WHEN field NOT IN ('name', 'alias', 'title', 'source title') THEN text END),
    UNIQUE (kind, entity_id, field, ref)
) STRICT;

-- porter: "chatbot" finds "chatbots", "engineer" finds "engineering"; remove_diacritics 2:
-- "resume" finds "résumé".
CREATE VIRTUAL TABLE search_index USING fts5(
    name, title, body,
    content = 'search_documents', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_documents_indexed AFTER INSERT ON search_documents
BEGIN
    INSERT INTO search_index (rowid, name, title, body)
    VALUES (NEW.id, NEW.name, NEW.title, NEW.body);
END;
CREATE TRIGGER search_documents_unindexed AFTER DELETE ON search_documents
BEGIN
    INSERT INTO search_index (search_index, rowid, name, title, body)
    VALUES ('delete', OLD.id, OLD.name, OLD.title, OLD.body);
END;
CREATE TRIGGER search_documents_reindexed AFTER UPDATE ON search_documents
BEGIN
    INSERT INTO search_index (search_index, rowid, name, title, body)
    VALUES ('delete', OLD.id, OLD.name, OLD.title, OLD.body);
    INSERT INTO search_index (rowid, name, title, body)
    VALUES (NEW.id, NEW.name, NEW.title, NEW.body);
END;

-- What search_documents should hold, read from the source tables.
CREATE VIEW search_expected (kind, entity_id, field, ref, text) AS
SELECT 'role', id, 'name', '', name FROM roles
UNION ALL SELECT 'role', id, 'summary', '', summary FROM roles WHERE summary IS NOT NULL
UNION ALL SELECT 'role', role_id, 'alias', alias, alias FROM role_aliases
UNION ALL SELECT 'role', role_id, 'title', title, title FROM role_titles
UNION ALL SELECT 'role', role_id, 'source title', CAST(source_id AS TEXT), title FROM role_sources
          WHERE title IS NOT NULL
UNION ALL SELECT 'role', role_id, 'description', CAST(source_id AS TEXT), description
          FROM role_sources
          WHERE description IS NOT NULL
UNION ALL SELECT 'role', role_id, 'task', CAST(position AS TEXT), description
          FROM responsibilities
UNION ALL SELECT 'skill', id, 'name', '', name FROM skills
UNION ALL SELECT 'skill', s.id, 'category', '', c.title
          FROM skills s JOIN skill_categories c ON c.id = s.category_id
UNION ALL SELECT 'skill', skill_id, 'alias', alias, alias FROM skill_aliases
UNION ALL SELECT 'industry', id, 'name', '', name FROM industries
UNION ALL SELECT 'industry', industry_id, 'alias', alias, alias FROM industry_aliases;

-- Roles: name and summary.
CREATE TRIGGER roles_searchable AFTER INSERT ON roles
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    SELECT 'role', NEW.id, 'name', '', NEW.name
    UNION ALL SELECT 'role', NEW.id, 'summary', '', NEW.summary WHERE NEW.summary IS NOT NULL;
END;
CREATE TRIGGER roles_search_updated AFTER UPDATE OF id, name, summary ON roles
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.id AND field IN ('name', 'summary') AND ref = '';
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    SELECT 'role', NEW.id, 'name', '', NEW.name
    UNION ALL SELECT 'role', NEW.id, 'summary', '', NEW.summary WHERE NEW.summary IS NOT NULL;
END;
CREATE TRIGGER roles_search_deleted AFTER DELETE ON roles
BEGIN
    DELETE FROM search_documents WHERE kind = 'role' AND entity_id = OLD.id;
END;

-- Role aliases.
CREATE TRIGGER role_aliases_searchable AFTER INSERT ON role_aliases
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('role', NEW.role_id, 'alias', NEW.alias, NEW.alias);
END;
CREATE TRIGGER role_aliases_search_updated AFTER UPDATE ON role_aliases
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.role_id AND field = 'alias' AND ref = OLD.alias;
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('role', NEW.role_id, 'alias', NEW.alias, NEW.alias);
END;
CREATE TRIGGER role_aliases_search_deleted AFTER DELETE ON role_aliases
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.role_id AND field = 'alias' AND ref = OLD.alias;
END;

-- Role titles.
CREATE TRIGGER role_titles_searchable AFTER INSERT ON role_titles
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('role', NEW.role_id, 'title', NEW.title, NEW.title);
END;
CREATE TRIGGER role_titles_search_updated AFTER UPDATE OF title, role_id ON role_titles
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.role_id AND field = 'title' AND ref = OLD.title;
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('role', NEW.role_id, 'title', NEW.title, NEW.title);
END;
CREATE TRIGGER role_titles_search_deleted AFTER DELETE ON role_titles
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.role_id AND field = 'title' AND ref = OLD.title;
END;

-- What sources say of roles: their title and description.
CREATE TRIGGER role_sources_searchable AFTER INSERT ON role_sources
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    SELECT 'role', NEW.role_id, 'source title', CAST(NEW.source_id AS TEXT), NEW.title
    WHERE NEW.title IS NOT NULL
    UNION ALL
    SELECT 'role', NEW.role_id, 'description', CAST(NEW.source_id AS TEXT), NEW.description
    WHERE NEW.description IS NOT NULL;
END;
CREATE TRIGGER role_sources_search_updated
AFTER UPDATE OF role_id, source_id, title, description ON role_sources
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.role_id
      AND field IN ('source title', 'description') AND ref = CAST(OLD.source_id AS TEXT);
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    SELECT 'role', NEW.role_id, 'source title', CAST(NEW.source_id AS TEXT), NEW.title
    WHERE NEW.title IS NOT NULL
    UNION ALL
    SELECT 'role', NEW.role_id, 'description', CAST(NEW.source_id AS TEXT), NEW.description
    WHERE NEW.description IS NOT NULL;
END;
CREATE TRIGGER role_sources_search_deleted AFTER DELETE ON role_sources
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.role_id
      AND field IN ('source title', 'description') AND ref = CAST(OLD.source_id AS TEXT);
END;

-- Responsibilities (O*NET's tasks).
CREATE TRIGGER responsibilities_searchable AFTER INSERT ON responsibilities
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('role', NEW.role_id, 'task', CAST(NEW.position AS TEXT), NEW.description);
END;
CREATE TRIGGER responsibilities_search_updated
AFTER UPDATE OF role_id, position, description ON responsibilities
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.role_id AND field = 'task'
      AND ref = CAST(OLD.position AS TEXT);
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('role', NEW.role_id, 'task', CAST(NEW.position AS TEXT), NEW.description);
END;
CREATE TRIGGER responsibilities_search_deleted AFTER DELETE ON responsibilities
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'role' AND entity_id = OLD.role_id AND field = 'task'
      AND ref = CAST(OLD.position AS TEXT);
END;

-- Skills: name and category.
CREATE TRIGGER skills_searchable AFTER INSERT ON skills
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    SELECT 'skill', NEW.id, 'name', '', NEW.name
    UNION ALL SELECT 'skill', NEW.id, 'category', '', title FROM skill_categories
    WHERE id = NEW.category_id;
END;
CREATE TRIGGER skills_search_updated AFTER UPDATE OF id, name, category_id ON skills
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'skill' AND entity_id = OLD.id AND field IN ('name', 'category') AND ref = '';
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    SELECT 'skill', NEW.id, 'name', '', NEW.name
    UNION ALL SELECT 'skill', NEW.id, 'category', '', title FROM skill_categories
    WHERE id = NEW.category_id;
END;
CREATE TRIGGER skills_search_deleted AFTER DELETE ON skills
BEGIN
    DELETE FROM search_documents WHERE kind = 'skill' AND entity_id = OLD.id;
END;
CREATE TRIGGER skill_categories_search_updated AFTER UPDATE OF id, title ON skill_categories
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'skill' AND field = 'category' AND ref = ''
      AND entity_id IN (SELECT id FROM skills WHERE category_id IN (OLD.id, NEW.id));
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    SELECT 'skill', s.id, 'category', '', c.title
    FROM skills s JOIN skill_categories c ON c.id = s.category_id
    WHERE s.category_id IN (OLD.id, NEW.id);
END;

-- Skill aliases.
CREATE TRIGGER skill_aliases_searchable AFTER INSERT ON skill_aliases
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('skill', NEW.skill_id, 'alias', NEW.alias, NEW.alias);
END;
CREATE TRIGGER skill_aliases_search_updated AFTER UPDATE ON skill_aliases
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'skill' AND entity_id = OLD.skill_id AND field = 'alias' AND ref = OLD.alias;
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('skill', NEW.skill_id, 'alias', NEW.alias, NEW.alias);
END;
CREATE TRIGGER skill_aliases_search_deleted AFTER DELETE ON skill_aliases
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'skill' AND entity_id = OLD.skill_id AND field = 'alias' AND ref = OLD.alias;
END;

-- Industries and their aliases.
CREATE TRIGGER industries_searchable AFTER INSERT ON industries
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('industry', NEW.id, 'name', '', NEW.name);
END;
CREATE TRIGGER industries_search_updated AFTER UPDATE OF id, name ON industries
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'industry' AND entity_id = OLD.id AND field = 'name' AND ref = '';
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('industry', NEW.id, 'name', '', NEW.name);
END;
CREATE TRIGGER industries_search_deleted AFTER DELETE ON industries
BEGIN
    DELETE FROM search_documents WHERE kind = 'industry' AND entity_id = OLD.id;
END;
CREATE TRIGGER industry_aliases_searchable AFTER INSERT ON industry_aliases
BEGIN
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('industry', NEW.industry_id, 'alias', NEW.alias, NEW.alias);
END;
CREATE TRIGGER industry_aliases_search_updated AFTER UPDATE ON industry_aliases
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'industry' AND entity_id = OLD.industry_id AND field = 'alias'
      AND ref = OLD.alias;
    INSERT INTO search_documents (kind, entity_id, field, ref, text)
    VALUES ('industry', NEW.industry_id, 'alias', NEW.alias, NEW.alias);
END;
CREATE TRIGGER industry_aliases_search_deleted AFTER DELETE ON industry_aliases
BEGIN
    DELETE FROM search_documents
    WHERE kind = 'industry' AND entity_id = OLD.industry_id AND field = 'alias'
      AND ref = OLD.alias;
END;
