-- 0006_search_index: full-text search over roles, skills and industries (`jobkb search`).
-- Before this, responsibilities, summaries and titles could be searched only with hand-written
-- LIKE queries, and a name lookup could suggest only names that are spelled alike.
--
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

-- The texts already in the base.
INSERT INTO search_documents (kind, entity_id, field, ref, text)
SELECT kind, entity_id, field, ref, text FROM search_expected;
