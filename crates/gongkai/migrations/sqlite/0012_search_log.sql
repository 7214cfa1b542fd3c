-- Search query log (queries de-identified before they are stored) and the
-- administrators' synonym dictionary.
CREATE TABLE search_log (
    id      INTEGER PRIMARY KEY,
    query   TEXT NOT NULL,
    kind    TEXT NOT NULL DEFAULT '',
    results INTEGER NOT NULL,
    clicked TEXT,
    at      TIMESTAMP NOT NULL
);
CREATE INDEX search_log_at ON search_log(at);

CREATE TABLE search_synonyms (
    term       TEXT PRIMARY KEY,
    expands_to TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
