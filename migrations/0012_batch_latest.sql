-- 0012_batch_latest: an import maintains the latest figures once for its whole batch, where the
-- insert trigger did it once per row.
--
-- The per-row trigger was more than half of an import's time (1,000,000 rows: 23.6 s with it,
-- 10.8 s without; one set-based statement after the rows does the same work in a fraction of the
-- difference). A batch listed in salary_latest_pending is skipped by the trigger; the importer
-- lists its batch before its first row and, in the same transaction, after its last row, upserts
-- the batch's figures into salary_latest by the rule of 0010 and removes the entry. Every other
-- writer (the seeder, hand-written SQL, an older build) inserts without an entry and keeps the
-- trigger's per-row upkeep. The transaction makes the entry invisible outside it and gone after
-- a crash; `jobkb check` reports an entry left behind, which no committed base may hold.
CREATE TABLE salary_latest_pending (
    batch_id INTEGER PRIMARY KEY REFERENCES import_batches (id)
) STRICT;

-- As in 0011, but a row of a pending batch is left to its importer. The pending test comes first:
-- for such a row it is one probe of a one-row table, and the trigger's body never runs.
DROP TRIGGER salary_observations_update_latest;
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

-- salary_latest.observation_id references salary_observations: deleting an observation (undo, a
-- role's removal) makes SQLite look for a salary_latest row naming it, which without an index
-- read the whole table once per deleted row (undoing 20,000 figures of a 100,000-role base:
-- 8.3 s; with the index 0.4 s).
CREATE INDEX salary_latest_by_observation ON salary_latest (observation_id);
