-- 0009_figure_qualifiers: a published figure may be a bound rather than an exact amount. BLS
-- writes "#" for wages at or above its top code (239,200 a year, 115.00 an hour): storing 239,200
-- as if it were the median would be wrong, and leaving the cell out loses that the pay is at
-- least that. qualifier says what the amount is:
--   exact        the figure itself (every figure before this migration)
--   at_least     the figure is this amount or more (a top code)
--   at_most      the figure is this amount or less (a bottom code)
--   approximate  the source gives it as "around" this amount
-- A CHECK, not a vocabulary table: the four words are logic the code branches on (how a bound is
-- shown, "≥ $239,200"), not a list a later import extends; and SQLite cannot add a REFERENCES
-- column with a non-NULL default to a table while foreign keys are on.
ALTER TABLE salary_observations ADD COLUMN qualifier TEXT NOT NULL DEFAULT 'exact'
    CHECK (qualifier IN ('exact', 'at_least', 'at_most', 'approximate'));

-- Observations stay history: the qualifier is a fact of the figure, so it cannot change either.
DROP TRIGGER salary_observations_are_history;
CREATE TRIGGER salary_observations_are_history BEFORE UPDATE OF
    id, role_id, country_code, currency_code, amount_minor, period, statistic, as_of, source_id,
    qualifier
ON salary_observations
WHEN NEW.id IS NOT OLD.id OR NEW.country_code IS NOT OLD.country_code
  OR NEW.currency_code IS NOT OLD.currency_code OR NEW.amount_minor IS NOT OLD.amount_minor
  OR NEW.period IS NOT OLD.period OR NEW.statistic IS NOT OLD.statistic
  OR NEW.as_of IS NOT OLD.as_of OR NEW.source_id IS NOT OLD.source_id
  OR NEW.qualifier IS NOT OLD.qualifier
  OR (NEW.role_id IS NOT OLD.role_id AND NOT EXISTS (
          SELECT 1 FROM role_merges
          WHERE undone_at IS NULL
            AND ((from_role_id = OLD.role_id AND into_role_id = NEW.role_id)
                 OR (from_role_id = NEW.role_id AND into_role_id = OLD.role_id))))
BEGIN
    SELECT RAISE(ABORT, 'salary observations are history: insert a new observation instead');
END;
