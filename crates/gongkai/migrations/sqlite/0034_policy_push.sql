-- 政策精准推送 and 集成式发布: applicability tags, 轻微免罚清单 items, enterprise
-- subscriptions, the message outbox, theme pages of measures (SQLite).

-- Applicability of a document (with its interpretation) or a measure: one row per
-- tag. kind: industry (GB/T 4754 code) | district (GB/T 2260) | scale | subject | theme.
CREATE TABLE push_tags (
    object_type TEXT NOT NULL,
    object_id   INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    code        TEXT NOT NULL,
    PRIMARY KEY (object_type, object_id, kind, code)
);
CREATE INDEX push_tags_code ON push_tags(kind, code);

-- 轻微违法行为免罚清单: the items of a list published as a document.
CREATE TABLE push_exemptions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    seq         INTEGER NOT NULL,
    violation   TEXT NOT NULL,
    conditions  TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    UNIQUE (document_id, seq)
);

-- An enterprise's subscription (no account): double opt-in by the link in the
-- confirmation mail; `token` opens its personal page and unsubscribes.
CREATE TABLE push_subscribers (
    id           INTEGER PRIMARY KEY,
    credit_code  TEXT NOT NULL,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL,
    industries   TEXT NOT NULL,
    district     TEXT NOT NULL,
    scale        TEXT NOT NULL,
    subject      TEXT NOT NULL,
    themes       TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL,
    token        TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX push_subscribers_state ON push_subscribers(state);
CREATE INDEX push_subscribers_code ON push_subscribers(credit_code);

-- The outbox: one message per recipient, policy and channel (dedupe_key is unique,
-- so a matcher run twice queues nothing new). state: queued | sending | sent | failed.
CREATE TABLE push_messages (
    id            INTEGER PRIMARY KEY,
    dedupe_key    TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    subscriber_id INTEGER NOT NULL REFERENCES push_subscribers(id),
    document_id   INTEGER REFERENCES documents(id),
    channel       TEXT NOT NULL,
    why           TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL,
    open_token    TEXT NOT NULL UNIQUE,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    created_at    TIMESTAMP NOT NULL,
    claimed_at    TIMESTAMP,
    sent_at       TIMESTAMP,
    opened_at     TIMESTAMP
);
CREATE INDEX push_messages_state ON push_messages(state, id);
CREATE INDEX push_messages_doc ON push_messages(document_id);
CREATE INDEX push_messages_sub ON push_messages(subscriber_id);

-- 集成式发布: a theme page holds measures, each with its basis document.
CREATE TABLE push_themes (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    intro      TEXT NOT NULL DEFAULT '',
    published  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE push_measures (
    id                INTEGER PRIMARY KEY,
    theme_id          INTEGER NOT NULL REFERENCES push_themes(id),
    seq               INTEGER NOT NULL,
    title             TEXT NOT NULL,
    gives             TEXT NOT NULL,
    conditions        TEXT NOT NULL DEFAULT '',
    how_to_apply      TEXT NOT NULL DEFAULT '',
    contact           TEXT NOT NULL DEFAULT '',
    basis_document_id INTEGER REFERENCES documents(id),
    basis_article     TEXT NOT NULL DEFAULT '',
    valid_until       DATE,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX push_measures_theme ON push_measures(theme_id, seq);
