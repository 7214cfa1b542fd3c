-- 政府信息公开工作年度报告: the staff-written parts of each year's report and the
-- figures the platform does not hold (许可, 强制, 收费); the 行政复议 and 行政诉讼
-- brought over FOI cases (table 四); and the day a normative document was repealed
-- or replaced (table 二's 本年废止).
CREATE TABLE annual_reports (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL UNIQUE,
    overview      TEXT NOT NULL DEFAULT '',
    problems      TEXT NOT NULL DEFAULT '',
    other_matters TEXT NOT NULL DEFAULT '',
    licences      INTEGER NOT NULL DEFAULT 0,
    coercions     INTEGER NOT NULL DEFAULT 0,
    fees_yuan     INTEGER NOT NULL DEFAULT 0,
    document_id   INTEGER REFERENCES documents(id),
    updated_by    INTEGER REFERENCES users(id),
    updated_at    TIMESTAMP NOT NULL
);
CREATE TABLE foi_proceedings (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES foi_cases(id),
    kind          TEXT NOT NULL,
    filed_on      DATE NOT NULL,
    outcome       TEXT NOT NULL,
    concluded_on  DATE,
    note          TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX foi_proceedings_filed ON foi_proceedings(filed_on);
ALTER TABLE documents ADD COLUMN validity_changed_on DATE;
UPDATE documents SET validity_changed_on = DATE(updated_at) WHERE validity IN ('repealed', 'amended');
