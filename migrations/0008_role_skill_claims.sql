-- 0008_role_skill_claims: a role may have one skill both as a source's key (or mentioned) skill
-- and as an occupation's technology skill. 0003 kept one row per role and skill, so importing
-- O*NET could not say that Python is a Hot Technology of 15-2051.00 "Data Scientists" once the
-- article had made Python a key skill of Data Scientist: the technology row, its flags and its
-- source had nowhere to go. The key becomes (role, skill, relevance); a role still has a skill as
-- key or as mentioned, not both (a unique index), and readers take a skill's strongest relevance
-- (key, then mentioned, then technology). SQLite cannot change a primary key in place, so the
-- table is rebuilt, and role_overview, which reads it, is dropped and made again around the
-- rebuild as in 0003.
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
    PRIMARY KEY (role_id, skill_id, relevance)
) STRICT, WITHOUT ROWID;
INSERT INTO role_skills_new (role_id, skill_id, relevance, position, hot_technology, in_demand,
                             source_id, batch_id)
SELECT role_id, skill_id, relevance, position, hot_technology, in_demand, source_id, batch_id
FROM role_skills;
DROP TABLE role_skills;
ALTER TABLE role_skills_new RENAME TO role_skills;
CREATE UNIQUE INDEX role_skills_key_or_mentioned ON role_skills (role_id, skill_id)
    WHERE relevance IN ('key', 'mentioned');
CREATE INDEX role_skills_by_skill ON role_skills (skill_id, relevance, role_id);
CREATE INDEX role_skills_by_batch ON role_skills (batch_id) WHERE batch_id IS NOT NULL;

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
