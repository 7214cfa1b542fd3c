-- 会议公开: decision meetings opened to citizens. Seats per category, applications
-- (name and phone private; the name is published only with consent), a verifiable
-- draw per category, attendance, opinions with their adoption, decisions per topic.
CREATE TABLE meetings (
    id                INTEGER PRIMARY KEY,
    body              TEXT NOT NULL,
    title             TEXT NOT NULL,
    held_at           TIMESTAMP NOT NULL,
    place             TEXT NOT NULL DEFAULT '',
    apply_opens_at    TIMESTAMP NOT NULL,
    apply_closes_at   TIMESTAMP NOT NULL,
    published         BOOLEAN NOT NULL DEFAULT FALSE,
    summary           TEXT NOT NULL DEFAULT '',
    unit_id           INTEGER NOT NULL REFERENCES units(id),
    draw_beacon       TEXT,
    draw_commitment   TEXT,
    draw_secret       TEXT,
    draw_committed_at TIMESTAMP,
    draw_record       TEXT,
    drawn_at          TIMESTAMP,
    created_at        TIMESTAMP NOT NULL
);

CREATE TABLE meeting_topics (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id),
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    document_url TEXT NOT NULL DEFAULT '',
    decision     TEXT NOT NULL DEFAULT '',
    decision_url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_topics_meeting ON meeting_topics(meeting_id, position);

CREATE TABLE meeting_seats (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    category   TEXT NOT NULL,
    seats      INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, category)
);

CREATE TABLE meeting_applications (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id),
    category     TEXT NOT NULL,
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    credit_code  TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL,
    publish_name BOOLEAN NOT NULL DEFAULT FALSE,
    status       TEXT NOT NULL,
    attended     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX meeting_applications_phone ON meeting_applications(meeting_id, phone);

CREATE TABLE meeting_opinions (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings(id),
    topic_id       INTEGER NOT NULL REFERENCES meeting_topics(id),
    application_id INTEGER REFERENCES meeting_applications(id),
    content        TEXT NOT NULL,
    adoption       TEXT NOT NULL DEFAULT 'pending',
    reason         TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX meeting_opinions_meeting ON meeting_opinions(meeting_id);
