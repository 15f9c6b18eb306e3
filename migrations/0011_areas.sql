-- 0011_areas: a place below the country (a state, province, district, metro area or city) for
-- salary figures.
--
-- BLS publishes OEWS by state and by metro area: the same occupation in Alabama and in Alaska are
-- two figures, and without a place below the country the second replaced the first as "the"
-- current US figure. An area belongs to one country and has a code: the ISO 3166-2 code for the
-- subdivisions that come as reference data (US-AL; seed/reference/areas.tsv, from Debian's
-- iso-codes), or the publisher's own (BLS metro area 10180) for an area an import creates. NULL
-- in salary_observations.area_id means the figure is for the whole country (every figure before
-- this migration).

-- batch_id: NULL for reference data; else the import batch that created the area, so undoing the
-- batch removes it again (unless another batch's figures are in it). A code is unique in its
-- country in any letter case; an area an import created from a name alone has none. kind is a
-- lower-case word: ISO 3166-2's subdivision type (state, province, district, region, ...) or
-- metro or city.
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

ALTER TABLE salary_observations ADD COLUMN area_id INTEGER REFERENCES areas (id);
CREATE INDEX salary_observations_by_area ON salary_observations (area_id)
    WHERE area_id IS NOT NULL;

-- A figure's area is in the figure's country (a foreign key cannot say so: the pair is no key).
CREATE TRIGGER salary_observations_area_in_country BEFORE INSERT ON salary_observations
WHEN NEW.area_id IS NOT NULL
 AND (SELECT country_code FROM areas WHERE id = NEW.area_id) IS NOT NEW.country_code
BEGIN
    SELECT RAISE(ABORT, 'the area of a salary observation must be in its country');
END;

-- The area is a fact of the figure: it cannot change either.
DROP TRIGGER salary_observations_are_history;
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

-- The key text `dimensions` takes the area too ('area=ID;' first), so salary_latest keeps the
-- figures of two areas apart without a key column of its own, and everything that compares
-- figures by `dimensions` (the change report, jobkb check) does as well. A generated column
-- cannot be redefined, only dropped and added again, and only once nothing refers to it: the
-- index, the triggers and the views that do go first and come back as 0010 made them.
DROP TRIGGER salary_observations_update_latest;
DROP TRIGGER salary_observations_restore_latest;
DROP TRIGGER salary_observations_move_latest;
DROP TRIGGER import_batches_supersede;
DROP VIEW role_overview;
DROP VIEW latest_salaries;
DROP INDEX salary_observations_by_key;

ALTER TABLE salary_observations DROP COLUMN dimensions;
-- A figure without an area has the same text as before, so salary_latest's keys stay as they were.
ALTER TABLE salary_observations ADD COLUMN dimensions TEXT GENERATED ALWAYS AS (
    coalesce('area=' || area_id || ';', '')
    || coalesce('level=' || level || ';', '') || coalesce('employment=' || employment || ';', '')
    || coalesce('setting=' || work_setting || ';', '') || coalesce('size=' || company_size || ';', '')
) VIRTUAL;

CREATE INDEX salary_observations_by_key
    ON salary_observations (role_id, country_code, statistic, period, dimensions, as_of_key, id);

-- Rebuilt from the observations that count by the rule of 0010, so it is consistent with the new
-- key text whatever the base held.
DELETE FROM salary_latest;
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

-- As 0010 made it, with the area's code and name at the end (NULL: the whole country).
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

-- As 0010 made it: the latest yearly averages are the whole country's, of no dimensions and no
-- area.
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
