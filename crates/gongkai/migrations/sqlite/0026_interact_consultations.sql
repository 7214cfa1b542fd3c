-- 意见征集: a draft open for comments between two dates, comments per article,
-- and the adoption feedback published after it closes. Commenters' names and
-- phones stay in the back office.
CREATE TABLE interact_consultations (
    id               INTEGER PRIMARY KEY,
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    title            TEXT NOT NULL,
    kind             TEXT NOT NULL,
    draft            TEXT NOT NULL,
    explanation      TEXT NOT NULL DEFAULT '',
    opens_on         DATE NOT NULL,
    closes_on        DATE NOT NULL,
    short_reason     TEXT NOT NULL DEFAULT '',
    contact          TEXT NOT NULL DEFAULT '',
    document_id      INTEGER REFERENCES documents(id),
    feedback         TEXT NOT NULL DEFAULT '',
    feedback_on      DATE,
    created_by       INTEGER REFERENCES users(id),
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX interact_consultations_dates ON interact_consultations(opens_on, closes_on);

CREATE TABLE interact_comments (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES interact_consultations(id),
    article         INTEGER,
    passage         TEXT NOT NULL DEFAULT '',
    content         TEXT NOT NULL,
    masked_content  TEXT NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL,
    decision        TEXT,
    reason          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX interact_comments_consultation ON interact_comments(consultation_id, article);
