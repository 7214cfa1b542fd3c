-- 培训记录: the 政府信息公开 training sessions of the year (date, topic, audience,
-- attendance, organiser); the annual report's text draws on them and warns when a
-- year has none.
CREATE TABLE trainings (
    id          INTEGER PRIMARY KEY,
    held_on     DATE NOT NULL,
    topic       TEXT NOT NULL,
    audience    TEXT NOT NULL,
    attendance  INTEGER NOT NULL,
    organiser   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX trainings_held_on ON trainings(held_on);
