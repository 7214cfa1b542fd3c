-- 网民留言. The writer's name, phone and e-mail stay in the back office; the portal
-- reads only the masked_* columns of published letters.
CREATE TABLE interact_messages (
    id               INTEGER PRIMARY KEY,
    receipt_no       TEXT NOT NULL UNIQUE,
    query_code       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    subject          TEXT NOT NULL,
    content          TEXT NOT NULL,
    writer_name      TEXT NOT NULL,
    phone            TEXT NOT NULL,
    email            TEXT NOT NULL DEFAULT '',
    consent          BOOLEAN NOT NULL DEFAULT FALSE,
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    status           TEXT NOT NULL,
    duplicate_of     INTEGER REFERENCES interact_messages(id),
    submitted_on     DATE NOT NULL,
    sign_due         DATE,
    reply_due        DATE,
    signed_on        DATE,
    extended         BOOLEAN NOT NULL DEFAULT FALSE,
    extension_reason TEXT NOT NULL DEFAULT '',
    reply            TEXT NOT NULL DEFAULT '',
    drafted_by       INTEGER REFERENCES users(id),
    reviewed_by      INTEGER REFERENCES users(id),
    replied_on       DATE,
    reject_reason    TEXT NOT NULL DEFAULT '',
    withhold_reason  TEXT NOT NULL DEFAULT '',
    masked_subject   TEXT NOT NULL DEFAULT '',
    masked_content   TEXT NOT NULL DEFAULT '',
    masked_reply     TEXT NOT NULL DEFAULT '',
    published_on     DATE,
    anonymised       BOOLEAN NOT NULL DEFAULT FALSE,
    rating           TEXT,
    rating_comment   TEXT NOT NULL DEFAULT '',
    reopened         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX interact_messages_status ON interact_messages(status, unit_id);
CREATE INDEX interact_messages_phone ON interact_messages(phone, created_at);
CREATE INDEX interact_messages_published ON interact_messages(published_on);

-- What happened to a letter, for the writer's progress page (labels only) and the
-- back office (notes too).
CREATE TABLE interact_message_steps (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES interact_messages(id),
    on_date    DATE NOT NULL,
    action     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX interact_message_steps_message ON interact_message_steps(message_id, id);

-- Files sent with a letter (content-checked images and PDF), kept by SHA-256.
CREATE TABLE interact_message_files (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES interact_messages(id),
    name       TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The arithmetic question of a public form: one use, short-lived, shared by every node.
CREATE TABLE interact_challenges (
    token      TEXT PRIMARY KEY,
    answer     INTEGER NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
