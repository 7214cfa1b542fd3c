-- 网站巡检: each run of the crawler, what it found (broken links, pages without a
-- title, images without alt, mixed content, oversized pages, stale or empty
-- columns), and the update rule of each column (政府网站与政务新媒体检查指标 defaults).
CREATE TABLE sitecheck_runs (
    id            INTEGER PRIMARY KEY,
    trigger_kind  TEXT NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    pages         INTEGER NOT NULL DEFAULT 0,
    links         INTEGER NOT NULL DEFAULT 0,
    externals     INTEGER NOT NULL DEFAULT 0,
    failures      INTEGER NOT NULL DEFAULT 0,
    warnings      INTEGER NOT NULL DEFAULT 0,
    new_failures  INTEGER NOT NULL DEFAULT 0,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sitecheck_findings (
    id       INTEGER PRIMARY KEY,
    run_id   INTEGER NOT NULL REFERENCES sitecheck_runs(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    url      TEXT NOT NULL,
    page     TEXT NOT NULL DEFAULT '',
    status   INTEGER,
    detail   TEXT NOT NULL DEFAULT '',
    is_new   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sitecheck_findings_run ON sitecheck_findings(run_id, kind);
CREATE TABLE sitecheck_columns (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    path        TEXT NOT NULL,
    source      TEXT NOT NULL,
    source_ref  TEXT NOT NULL DEFAULT '',
    every_n     INTEGER NOT NULL,
    every_unit  TEXT NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    sort_order  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sitecheck_columns (name, path, source, source_ref, every_n, every_unit, sort_order) VALUES
    ('法定主动公开内容', '/xxgk/proactive', 'doc_column', 'general', 6, 'month', 10),
    ('政府信息公开指南', '/xxgk/guide', 'doc_column', 'guide', 1, 'year', 20),
    ('政府信息公开制度', '/xxgk/rules', 'doc_column', 'rules', 1, 'year', 30),
    ('政府信息公开年报', '/xxgk/annual-reports', 'doc_column', 'annual_report', 1, 'year', 40),
    ('行政处罚案件公开', '/enforcement/penalties', 'penalties', '', 6, 'month', 50);
