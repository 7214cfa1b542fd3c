-- 智能小城: the FAQ bank staff edit (each change a new version, kept whole in
-- qa_entry_versions), and the questions asked (de-identified before they are stored)
-- with their 有用 / 没用 feedback.
CREATE TABLE qa_entries (
    id          INTEGER PRIMARY KEY,
    faq_id      TEXT NOT NULL UNIQUE,
    category    TEXT NOT NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    sources     TEXT NOT NULL DEFAULT '[]',
    paraphrases TEXT NOT NULL DEFAULT '',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    version     INTEGER NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE qa_entry_versions (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES qa_entries(id),
    version     INTEGER NOT NULL,
    category    TEXT NOT NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    sources     TEXT NOT NULL,
    paraphrases TEXT NOT NULL,
    active      BOOLEAN NOT NULL,
    actor       TEXT NOT NULL,
    at          TIMESTAMP NOT NULL,
    UNIQUE (entry_id, version)
);

CREATE TABLE qa_questions (
    id         INTEGER PRIMARY KEY,
    question   TEXT NOT NULL,
    faq_id     TEXT,
    confidence REAL NOT NULL,
    declined   BOOLEAN NOT NULL,
    feedback   TEXT NOT NULL DEFAULT '',
    handled    BOOLEAN NOT NULL DEFAULT FALSE,
    asked_at   TIMESTAMP NOT NULL
);
CREATE INDEX qa_questions_open ON qa_questions(handled, asked_at);
