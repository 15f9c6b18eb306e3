-- 0010_survey_dimensions: the dimensions a salary survey reports carry, and which figure is
-- current when dates have different precision.
--
-- Survey files (the data-science salary survey: experience_level, employment_type, remote_ratio,
-- company_size) describe each report by who earns it. Dropping those columns mixed part-time
-- reports into full-time summaries, and a senior figure replaced an entry-level one as "the"
-- current figure. Each dimension is a vocabulary table, like salary_periods (a later migration
-- can add terms), referenced by a nullable column of salary_observations: NULL means the source
-- does not say (every figure before this migration, and every published table without the
-- dimension). survey_code is the survey's own abbreviation (EN, FT, S), accepted on import;
-- position orders the terms in listings (entry before senior).
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

ALTER TABLE salary_observations ADD COLUMN level TEXT REFERENCES experience_levels (code);
ALTER TABLE salary_observations ADD COLUMN employment TEXT REFERENCES employment_types (code);
ALTER TABLE salary_observations ADD COLUMN work_setting TEXT REFERENCES work_settings (code);
ALTER TABLE salary_observations ADD COLUMN company_size TEXT REFERENCES company_sizes (code);

-- The dimensions as one key text ('' when the figure has none), so that salary_latest (WITHOUT
-- ROWID, a NOT NULL primary key) keeps figures of different dimensions apart with one column.
ALTER TABLE salary_observations ADD COLUMN dimensions TEXT GENERATED ALWAYS AS (
    coalesce('level=' || level || ';', '') || coalesce('employment=' || employment || ';', '')
    || coalesce('setting=' || work_setting || ';', '') || coalesce('size=' || company_size || ';', '')
) VIRTUAL;

-- Which figure is current when dates have different precision (a year, a month, a day): the one
-- whose period ends last (2026 runs to 2026-12-31, so it is newer than 2026-04-06 and than
-- 2026-11); at the same end the more precise date (2026-12-31 before 2026-12 before 2026), then
-- the later row. As text the dates compared wrongly ('2026' < '2026-04-06'). as_of_key is that
-- order as text: the end date and the precision (1 year, 2 month, 3 day), e.g. '2026-12-31 1'.
ALTER TABLE salary_observations ADD COLUMN as_of_key TEXT GENERATED ALWAYS AS (
    CASE length(as_of)
        WHEN 4 THEN as_of || '-12-31 1'
        WHEN 7 THEN date(as_of || '-01', '+1 month', '-1 day') || ' 2'
        ELSE as_of || ' 3'
    END
) VIRTUAL;

DROP INDEX salary_observations_by_key;
CREATE INDEX salary_observations_by_key
    ON salary_observations (role_id, country_code, statistic, period, dimensions, as_of_key, id);
CREATE INDEX salary_observations_by_level ON salary_observations (level) WHERE level IS NOT NULL;

-- The dimensions are facts of the figure: they cannot change either. The article's FAQ figures,
-- quoted as "around" an amount, become approximate here (seed/article/salaries.tsv says so for
-- new bases), the one rewrite of history this migration makes, before the trigger is back.
DROP TRIGGER salary_observations_are_history;
UPDATE salary_observations SET qualifier = 'approximate'
WHERE batch_id IS NULL AND qualifier = 'exact'
  AND note = 'FAQ Q2: quoted as "around" this figure'
  AND source_id = (SELECT id FROM sources WHERE slug = 'igmguru-ml-engineer-jobs-2026');
CREATE TRIGGER salary_observations_are_history BEFORE UPDATE OF
    id, role_id, country_code, currency_code, amount_minor, period, statistic, as_of, source_id,
    qualifier, level, employment, work_setting, company_size
ON salary_observations
WHEN NEW.id IS NOT OLD.id OR NEW.country_code IS NOT OLD.country_code
  OR NEW.currency_code IS NOT OLD.currency_code OR NEW.amount_minor IS NOT OLD.amount_minor
  OR NEW.period IS NOT OLD.period OR NEW.statistic IS NOT OLD.statistic
  OR NEW.as_of IS NOT OLD.as_of OR NEW.source_id IS NOT OLD.source_id
  OR NEW.qualifier IS NOT OLD.qualifier OR NEW.level IS NOT OLD.level
  OR NEW.employment IS NOT OLD.employment OR NEW.work_setting IS NOT OLD.work_setting
  OR NEW.company_size IS NOT OLD.company_size
  OR (NEW.role_id IS NOT OLD.role_id AND NOT EXISTS (
          SELECT 1 FROM role_merges
          WHERE undone_at IS NULL
            AND ((from_role_id = OLD.role_id AND into_role_id = NEW.role_id)
                 OR (from_role_id = NEW.role_id AND into_role_id = OLD.role_id))))
BEGIN
    SELECT RAISE(ABORT, 'salary observations are history: insert a new observation instead');
END;

-- salary_latest again, keyed by the dimensions too and ordered by as_of_key: rebuilt (nothing
-- references it) from the observations that count, with every trigger that maintains it.
DROP TRIGGER salary_observations_update_latest;
DROP TRIGGER salary_observations_restore_latest;
DROP TRIGGER salary_observations_move_latest;
DROP TRIGGER import_batches_supersede;
DROP VIEW role_overview;
DROP VIEW latest_salaries;
DROP TABLE salary_latest;

-- The latest observation per role, country, statistic, period and dimensions (as_of_key's rule).
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

INSERT INTO salary_latest (role_id, country_code, statistic, period, dimensions, as_of_key,
                           observation_id)
SELECT role_id, country_code, statistic, period, dimensions, as_of_key, id
FROM (SELECT role_id, country_code, statistic, period, dimensions, as_of_key, id,
             row_number() OVER (PARTITION BY role_id, country_code, statistic, period, dimensions
                                ORDER BY as_of_key DESC, id DESC) AS rank
      FROM current_observations)
WHERE rank = 1;

CREATE TRIGGER salary_observations_update_latest AFTER INSERT ON salary_observations
WHEN NEW.batch_id IS NULL
  OR (SELECT superseded_by FROM import_batches WHERE id = NEW.batch_id) IS NULL
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

-- The latest figure per role, country, statistic, period and dimensions, with names and the
-- source; as before 0010, with the qualifier and the four dimensions (NULL: not said) at the end.
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
       o.company_size
FROM salary_latest l
JOIN salary_observations o ON o.id = l.observation_id
JOIN roles r ON r.id = o.role_id
JOIN currencies c ON c.code = o.currency_code
JOIN (SELECT 0 AS minor_unit, 1 AS factor UNION ALL SELECT 1, 10 UNION ALL SELECT 2, 100
      UNION ALL SELECT 3, 1000 UNION ALL SELECT 4, 10000) f ON f.minor_unit = c.minor_unit
JOIN sources s ON s.id = o.source_id;

-- One row per role: key skills and industries in the source's order, and the latest yearly
-- average per country (of figures without dimensions) as 'CC CUR amount' items separated by '; '.
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
              AND company_size IS NULL
            ORDER BY country)
       ) AS latest_yearly_averages
FROM roles r;
