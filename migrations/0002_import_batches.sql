-- 0002_import_batches: imports as batches with provenance, and superseded snapshots.
-- Every imported observation points to its batch (file name, SHA-256, source, counts, time), so an
-- import can be listed, undone, or superseded by a newer snapshot of the same source. A superseded
-- batch's observations stay as history but no longer count for salary_latest, so the triggers
-- that maintain it are recreated to skip them.

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
    CHECK (superseded_by IS NULL OR superseded_by > id)
) STRICT;
CREATE INDEX import_batches_by_source ON import_batches (source_id);
CREATE INDEX import_batches_by_digest ON import_batches (sha256);

ALTER TABLE salary_observations ADD COLUMN batch_id INTEGER REFERENCES import_batches (id);
CREATE INDEX salary_observations_by_batch ON salary_observations (batch_id);

-- Observations that count as current: seeded or hand-entered ones (no batch), and those of
-- batches that were not superseded.
CREATE VIEW current_observations AS
SELECT o.*
FROM salary_observations o
WHERE o.batch_id IS NULL
   OR o.batch_id IN (SELECT id FROM import_batches WHERE superseded_by IS NULL);

DROP TRIGGER salary_observations_update_latest;
CREATE TRIGGER salary_observations_update_latest AFTER INSERT ON salary_observations
WHEN NEW.batch_id IS NULL
  OR (SELECT superseded_by FROM import_batches WHERE id = NEW.batch_id) IS NULL
BEGIN
    INSERT INTO salary_latest (role_id, country_code, statistic, period, as_of, observation_id)
    VALUES (NEW.role_id, NEW.country_code, NEW.statistic, NEW.period, NEW.as_of, NEW.id)
    ON CONFLICT (role_id, country_code, statistic, period) DO UPDATE
    SET as_of = excluded.as_of, observation_id = excluded.observation_id
    WHERE excluded.as_of > salary_latest.as_of
       OR (excluded.as_of = salary_latest.as_of
           AND excluded.observation_id > salary_latest.observation_id);
END;

DROP TRIGGER salary_observations_restore_latest;
CREATE TRIGGER salary_observations_restore_latest AFTER DELETE ON salary_observations
WHEN EXISTS (SELECT 1 FROM salary_latest
             WHERE role_id = OLD.role_id AND country_code = OLD.country_code
               AND statistic = OLD.statistic AND period = OLD.period
               AND observation_id = OLD.id)
BEGIN
    DELETE FROM salary_latest
    WHERE role_id = OLD.role_id AND country_code = OLD.country_code
      AND statistic = OLD.statistic AND period = OLD.period;
    INSERT INTO salary_latest (role_id, country_code, statistic, period, as_of, observation_id)
    SELECT role_id, country_code, statistic, period, as_of, id
    FROM current_observations
    WHERE role_id = OLD.role_id AND country_code = OLD.country_code
      AND statistic = OLD.statistic AND period = OLD.period
    ORDER BY as_of DESC, id DESC
    LIMIT 1;
END;

-- Superseding a batch, or undoing what superseded it, recomputes the latest figure of every key
-- its observations touch.
CREATE TRIGGER import_batches_supersede AFTER UPDATE OF superseded_by ON import_batches
WHEN OLD.superseded_by IS NOT NEW.superseded_by
BEGIN
    DELETE FROM salary_latest
    WHERE (role_id, country_code, statistic, period) IN
          (SELECT role_id, country_code, statistic, period
           FROM salary_observations WHERE batch_id = NEW.id);
    INSERT INTO salary_latest (role_id, country_code, statistic, period, as_of, observation_id)
    SELECT k.role_id, k.country_code, k.statistic, k.period, best.as_of, best.id
    FROM (SELECT DISTINCT role_id, country_code, statistic, period
          FROM salary_observations WHERE batch_id = NEW.id) k
    JOIN salary_observations best ON best.id = (
        SELECT c.id FROM current_observations c
        WHERE c.role_id = k.role_id AND c.country_code = k.country_code
          AND c.statistic = k.statistic AND c.period = k.period
        ORDER BY c.as_of DESC, c.id DESC LIMIT 1);
END;

-- A batch is superseded by one successor; only undoing that successor clears it again, or hands
-- it on to the successor's own successor.
CREATE TRIGGER import_batches_supersede_once BEFORE UPDATE OF superseded_by ON import_batches
WHEN OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS NOT NULL
 AND (SELECT undone_at FROM import_batches WHERE id = OLD.superseded_by) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an import batch can be superseded only once');
END;
