-- 公众开放日 and other public events: sessions with capacity, registrations with a
-- waitlist and check-in, and an optional verifiable draw per oversubscribed session.
-- Names and phones stay in the back office; public pages show counts only.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    programme     TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    audience      TEXT NOT NULL DEFAULT 'anyone',
    max_group     INTEGER NOT NULL DEFAULT 1,
    opens_at      TIMESTAMP NOT NULL,
    closes_at     TIMESTAMP NOT NULL,
    published     BOOLEAN NOT NULL DEFAULT FALSE,
    report        TEXT NOT NULL DEFAULT '',
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE event_sessions (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events(id),
    place             TEXT NOT NULL,
    starts_at         TIMESTAMP NOT NULL,
    capacity          INTEGER NOT NULL,
    seats_taken       INTEGER NOT NULL DEFAULT 0,
    selection         TEXT NOT NULL DEFAULT 'first_come',
    draw_beacon       TEXT,
    draw_commitment   TEXT,
    draw_secret       TEXT,
    draw_committed_at TIMESTAMP,
    draw_record       TEXT,
    drawn_at          TIMESTAMP
);
CREATE INDEX event_sessions_event ON event_sessions(event_id);

CREATE TABLE event_registrations (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES event_sessions(id),
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL,
    group_size    INTEGER NOT NULL,
    id_type       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    queue_pos     INTEGER NOT NULL DEFAULT 0,
    promoted_at   TIMESTAMP,
    checked_in_at TIMESTAMP,
    cancelled_at  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL
);
-- One live registration per phone per session.
CREATE UNIQUE INDEX event_registrations_phone ON event_registrations(session_id, phone)
    WHERE status <> 'cancelled';
CREATE INDEX event_registrations_session ON event_registrations(session_id, status);
