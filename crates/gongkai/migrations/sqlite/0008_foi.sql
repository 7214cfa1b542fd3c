-- Years of the working-day calendar added or replaced by administrators (the
-- built-in years 2004–2026 live in crates/workday); `schedule` is the text format.
CREATE TABLE workday_years (
    year       INTEGER PRIMARY KEY,
    schedule   TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT
);

-- 依申请公开 applications. The clock lives in foi_events; status, outcome,
-- received_on and concluded_on are caches rewritten from the events on every event
-- (for lists and table 三), the deadline is never stored.
CREATE TABLE foi_cases (
    id               INTEGER PRIMARY KEY,
    receipt_no       TEXT NOT NULL UNIQUE,
    query_code       TEXT NOT NULL,
    idempotency_key  TEXT UNIQUE,
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    handler_id       INTEGER REFERENCES users(id),
    channel          TEXT NOT NULL,
    applicant_kind   TEXT NOT NULL,
    applicant_name   TEXT NOT NULL,
    id_kind          TEXT NOT NULL,
    id_number        TEXT NOT NULL,
    legal_rep        TEXT NOT NULL DEFAULT '',
    contact_name     TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL,
    email            TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    postcode         TEXT NOT NULL DEFAULT '',
    info_title       TEXT NOT NULL DEFAULT '',
    info_doc_no      TEXT NOT NULL DEFAULT '',
    info_description TEXT NOT NULL,
    purpose          TEXT NOT NULL DEFAULT '',
    delivery_form    TEXT NOT NULL,
    delivery_method  TEXT NOT NULL,
    status           TEXT NOT NULL,
    outcome          TEXT,
    received_on      DATE,
    concluded_on     DATE,
    anonymised       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX foi_cases_unit_status ON foi_cases(unit_id, status);
CREATE INDEX foi_cases_received ON foi_cases(received_on);
CREATE INDEX foi_cases_applicant ON foi_cases(id_number);

CREATE TABLE foi_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES foi_cases(id),
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    data        TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users(id),
    actor       TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (case_id, seq)
);

-- Identity documents and other files sent with an application.
CREATE TABLE foi_files (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES foi_cases(id),
    file_name  TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX foi_files_case ON foi_files(case_id);

-- Editable letter templates; a kind without a row uses the built-in text.
CREATE TABLE foi_letter_templates (
    kind       TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT
);

-- Reminders raised by the daily job: one per case, kind and due date.
CREATE TABLE foi_reminders (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES foi_cases(id),
    kind       TEXT NOT NULL,
    due_on     DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (case_id, kind, due_on)
);
