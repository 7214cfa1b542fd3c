-- 年度报告 per organ: each administrative organ (the bureau, a 区局) publishes its
-- own report, so a draft belongs to a year *and* an organ. Drafts saved before are
-- the root unit's. Training sessions name the organ whose report counts them
-- (NULL, for sessions entered before: the root unit).
CREATE TABLE annual_reports_new (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL,
    organ_id      INTEGER NOT NULL REFERENCES units(id),
    overview      TEXT NOT NULL DEFAULT '',
    problems      TEXT NOT NULL DEFAULT '',
    other_matters TEXT NOT NULL DEFAULT '',
    licences      INTEGER NOT NULL DEFAULT 0,
    coercions     INTEGER NOT NULL DEFAULT 0,
    fees_yuan     INTEGER NOT NULL DEFAULT 0,
    document_id   INTEGER REFERENCES documents(id),
    updated_by    INTEGER REFERENCES users(id),
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (year, organ_id)
);
INSERT INTO annual_reports_new (id, year, organ_id, overview, problems, other_matters, licences,
    coercions, fees_yuan, document_id, updated_by, updated_at)
SELECT id, year, (SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1), overview, problems,
    other_matters, licences, coercions, fees_yuan, document_id, updated_by, updated_at
FROM annual_reports;
DROP TABLE annual_reports;
ALTER TABLE annual_reports_new RENAME TO annual_reports;
ALTER TABLE trainings ADD COLUMN unit_id INTEGER REFERENCES units(id);
