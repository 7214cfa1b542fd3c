-- 公文库: documents, interpretations, topics, 索引号 counters, editions (SQLite).

CREATE TABLE topics (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES topics(id),
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX topics_name ON topics(COALESCE(parent_id, 0), name);

-- The last 索引号 sequence used per organisation code and year.
CREATE TABLE index_counters (
    org_code TEXT NOT NULL,
    year     INTEGER NOT NULL,
    last     INTEGER NOT NULL,
    PRIMARY KEY (org_code, year)
);

CREATE TABLE documents (
    id                   INTEGER PRIMARY KEY,
    title                TEXT NOT NULL,
    issuer_unit_id       INTEGER REFERENCES units(id),
    issuer_name          TEXT NOT NULL,
    disclosure           TEXT NOT NULL,
    disclosure_ground    TEXT,
    index_no             TEXT NOT NULL UNIQUE,
    doc_no               TEXT,
    written_on           DATE,
    published_on         DATE,
    genre                TEXT NOT NULL,
    topic_id             INTEGER REFERENCES topics(id),
    column_kind          TEXT NOT NULL DEFAULT 'general',
    normative            BOOLEAN NOT NULL DEFAULT FALSE,
    provisional          BOOLEAN NOT NULL DEFAULT FALSE,
    effective_on         DATE,
    valid_until          DATE,
    validity_reason      TEXT,
    validity             TEXT,
    validity_decision    TEXT,
    replaced_by          INTEGER REFERENCES documents(id),
    needs_interpretation BOOLEAN NOT NULL DEFAULT FALSE,
    body                 TEXT NOT NULL,
    state                TEXT NOT NULL DEFAULT 'draft',
    review_note          TEXT,
    withdraw_reason      TEXT,
    withdraw_public      BOOLEAN NOT NULL DEFAULT FALSE,
    author_id            INTEGER REFERENCES users(id),
    reviewer_id          INTEGER REFERENCES users(id),
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    published_at         TIMESTAMP
);
CREATE INDEX documents_public ON documents(state, disclosure, published_on);
CREATE INDEX documents_topic ON documents(topic_id);
CREATE INDEX documents_issuer ON documents(issuer_name);
CREATE INDEX documents_unit ON documents(issuer_unit_id, state);

CREATE TABLE interpretations (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    title        TEXT NOT NULL,
    form         TEXT NOT NULL,
    body         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'draft',
    author_id    INTEGER REFERENCES users(id),
    approved_by  INTEGER REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);

-- Every published edition of a document, with its change note.
CREATE TABLE document_editions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    edition     INTEGER NOT NULL,
    change_note TEXT NOT NULL,
    minor       BOOLEAN NOT NULL DEFAULT FALSE,
    snapshot    TEXT NOT NULL,
    author_id   INTEGER REFERENCES users(id),
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (document_id, edition)
);
