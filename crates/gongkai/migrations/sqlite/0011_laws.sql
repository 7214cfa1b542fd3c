-- 法规库: laws imported from a folder of markdown files, with their articles.
CREATE TABLE laws (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    level       TEXT NOT NULL DEFAULT '',
    publish     DATE,
    valid_from  DATE,
    expired     BOOLEAN NOT NULL DEFAULT FALSE,
    category    TEXT NOT NULL DEFAULT '',
    doc_number  TEXT NOT NULL DEFAULT '',
    info        TEXT NOT NULL DEFAULT '',
    outline     TEXT NOT NULL DEFAULT '[]',
    articles    INTEGER NOT NULL DEFAULT 0,
    sha256      TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL
);
CREATE INDEX laws_level ON laws(level, expired);

CREATE TABLE law_articles (
    id      INTEGER PRIMARY KEY,
    law_id  INTEGER NOT NULL REFERENCES laws(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number  TEXT NOT NULL,
    heading TEXT NOT NULL DEFAULT '',
    text    TEXT NOT NULL,
    UNIQUE (law_id, ordinal)
);
