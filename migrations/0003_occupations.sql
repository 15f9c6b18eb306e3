-- 0003_occupations: roles as occupations of classification schemes, the titles people use for
-- them, what each source says of a role, skill categories and flags, related roles as a source
-- states them, role merges, and the source and batch of everything an import adds.
-- Before this, a role had a name, aliases and the article's links only, so an O*NET release or a
-- team's role catalogue could enter only through hand-written SQL, roles could not be matched by
-- occupation code, and a survey's job titles could only become aliases (one role each) or new roles.

-- What an import batch holds, so that `imports` and undo know what to list and to take back.
-- A vocabulary table rather than a CHECK, so that later migrations add kinds with an INSERT
-- (SQLite cannot change a CHECK without rebuilding import_batches, which everything refers to).
CREATE TABLE import_contents (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z-]*'),
    description TEXT NOT NULL CHECK (description <> '')
) STRICT, WITHOUT ROWID;
INSERT INTO import_contents (code, description) VALUES
    ('salaries', 'salary figures (import salaries)'),
    ('roles', 'roles with their codes, names, skills, industries and responsibilities (import roles)'),
    ('onet', 'an O*NET database release (import onet)');

ALTER TABLE import_batches ADD COLUMN content TEXT NOT NULL DEFAULT 'salaries';
CREATE TRIGGER import_batches_known_content BEFORE INSERT ON import_batches
WHEN NOT EXISTS (SELECT 1 FROM import_contents WHERE code = NEW.content)
BEGIN
    SELECT RAISE(ABORT, 'import batch content is not one of import_contents');
END;
CREATE TRIGGER import_batches_content_is_fixed BEFORE UPDATE OF content ON import_batches
BEGIN
    SELECT RAISE(ABORT, 'an import batch keeps the content it was made with');
END;

-- What a licence asks to be shown with the data (O*NET: CC BY 4.0 and its attribution line).
ALTER TABLE sources ADD COLUMN version TEXT CHECK (version <> '');
ALTER TABLE sources ADD COLUMN licence TEXT CHECK (licence <> '');
ALTER TABLE sources ADD COLUMN attribution TEXT CHECK (attribution <> '');

-- Which batch created a row (NULL: seeded, or added by hand or by a command that is no import).
-- Undo removes what its batch created; a row another batch created stays.
ALTER TABLE roles ADD COLUMN batch_id INTEGER REFERENCES import_batches (id);
ALTER TABLE skills ADD COLUMN batch_id INTEGER REFERENCES import_batches (id);
ALTER TABLE industries ADD COLUMN batch_id INTEGER REFERENCES import_batches (id);
ALTER TABLE role_aliases ADD COLUMN batch_id INTEGER REFERENCES import_batches (id);
CREATE INDEX roles_by_batch ON roles (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX skills_by_batch ON skills (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX industries_by_batch ON industries (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX role_aliases_by_batch ON role_aliases (batch_id) WHERE batch_id IS NOT NULL;

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

-- Skill categories: O*NET's commodity titles ("Data base user interface and query software")
-- with their UNSPSC commodity code.
CREATE TABLE skill_categories (
    id       INTEGER PRIMARY KEY,
    code     TEXT UNIQUE CHECK (code <> ''),
    title    TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (title <> '' AND title = trim(title)),
    batch_id INTEGER REFERENCES import_batches (id)
) STRICT;
ALTER TABLE skills ADD COLUMN category_id INTEGER REFERENCES skill_categories (id);
CREATE INDEX skills_by_category ON skills (category_id) WHERE category_id IS NOT NULL;

-- role_skills gains a third relevance, 'technology' (a technology skill a source lists for the
-- occupation, as O*NET does), the source's flags (Hot Technology, In Demand), and its source and
-- batch. SQLite cannot widen a CHECK in place, so the table is rebuilt; role_overview reads it
-- and is dropped and made again around the rebuild (a view naming a missing table stops the
-- rename).
DROP VIEW role_overview;
CREATE TABLE role_skills_new (
    role_id        INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    skill_id       INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    relevance      TEXT NOT NULL CHECK (relevance IN ('key', 'mentioned', 'technology')),
    position       INTEGER NOT NULL CHECK (position >= 1),
    hot_technology INTEGER NOT NULL DEFAULT 0 CHECK (hot_technology IN (0, 1)),
    in_demand      INTEGER NOT NULL DEFAULT 0 CHECK (in_demand IN (0, 1)),
    source_id      INTEGER REFERENCES sources (id),
    batch_id       INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (role_id, skill_id)
) STRICT, WITHOUT ROWID;
INSERT INTO role_skills_new (role_id, skill_id, relevance, position, source_id)
SELECT rs.role_id, rs.skill_id, rs.relevance, rs.position, r.source_id
FROM role_skills rs JOIN roles r ON r.id = rs.role_id;
DROP TABLE role_skills;
ALTER TABLE role_skills_new RENAME TO role_skills;
CREATE INDEX role_skills_by_skill ON role_skills (skill_id, relevance, role_id);
CREATE INDEX role_skills_by_batch ON role_skills (batch_id) WHERE batch_id IS NOT NULL;

ALTER TABLE role_industries ADD COLUMN source_id INTEGER REFERENCES sources (id);
ALTER TABLE role_industries ADD COLUMN batch_id INTEGER REFERENCES import_batches (id);
CREATE INDEX role_industries_by_batch ON role_industries (batch_id) WHERE batch_id IS NOT NULL;
UPDATE role_industries SET source_id = (SELECT source_id FROM roles WHERE id = role_id);

-- Responsibilities gain their source and batch, and O*NET's task id and type ('core' tasks are
-- listed before 'supplemental' ones).
ALTER TABLE responsibilities ADD COLUMN source_id INTEGER REFERENCES sources (id);
ALTER TABLE responsibilities ADD COLUMN batch_id INTEGER REFERENCES import_batches (id);
ALTER TABLE responsibilities ADD COLUMN task_id INTEGER CHECK (task_id >= 1);
ALTER TABLE responsibilities ADD COLUMN task_type TEXT
    CHECK (task_type IN ('core', 'supplemental'));
CREATE INDEX responsibilities_by_batch ON responsibilities (batch_id) WHERE batch_id IS NOT NULL;
UPDATE responsibilities SET source_id = (SELECT source_id FROM roles WHERE id = role_id);

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

-- What an import changed or removed in rows it did not create, so that undo puts back exactly
-- what was there: `row` is the whole earlier row as a JSON object, `key` the primary key that
-- finds it (both as JSON objects of column names to values). Rows a batch created carry its
-- batch_id and need no entry here. Undo replays the entries newest first.
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

-- Observations stay history, but a merge (and its undo) moves them between the two roles it
-- names: role_id may change only between the roles of a merge not yet undone.
DROP TRIGGER salary_observations_are_history;
CREATE TRIGGER salary_observations_are_history BEFORE UPDATE OF
    id, role_id, country_code, currency_code, amount_minor, period, statistic, as_of, source_id
ON salary_observations
WHEN NEW.id IS NOT OLD.id OR NEW.country_code IS NOT OLD.country_code
  OR NEW.currency_code IS NOT OLD.currency_code OR NEW.amount_minor IS NOT OLD.amount_minor
  OR NEW.period IS NOT OLD.period OR NEW.statistic IS NOT OLD.statistic
  OR NEW.as_of IS NOT OLD.as_of OR NEW.source_id IS NOT OLD.source_id
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
      AND role_id IN (OLD.role_id, NEW.role_id);
    INSERT INTO salary_latest (role_id, country_code, statistic, period, as_of, observation_id)
    SELECT k.role_id, OLD.country_code, OLD.statistic, OLD.period, best.as_of, best.id
    FROM (SELECT OLD.role_id AS role_id UNION SELECT NEW.role_id) k
    JOIN salary_observations best ON best.id = (
        SELECT c.id FROM current_observations c
        WHERE c.role_id = k.role_id AND c.country_code = OLD.country_code
          AND c.statistic = OLD.statistic AND c.period = OLD.period
        ORDER BY c.as_of DESC, c.id DESC LIMIT 1);
END;

-- role_overview as before, on the rebuilt role_skills.
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
            ORDER BY country)
       ) AS latest_yearly_averages
FROM roles r;
