-- 0005_workbook_input: import batches read from Excel workbooks (.xlsx).
--
-- import_batches.input_format has a CHECK (csv, tsv, json, ndjson) that SQLite cannot widen
-- without rebuilding import_batches, which observations, rates, factors, roles, skills and aliases
-- all refer to. So the format a batch was read in is a new column, `format`, checked against a
-- vocabulary table (a later format is an INSERT, as import_contents is for contents), and
-- input_format keeps its CHECK and says how the records were read: a workbook's sheet is read as
-- rows under a header row, as CSV is, so an xlsx batch has format 'xlsx' and input_format 'csv'
-- (the format's read_as). Every earlier batch, and any INSERT that names no format, gets its
-- input_format as its format.
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

ALTER TABLE import_batches ADD COLUMN format TEXT;
UPDATE import_batches SET format = input_format;
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
