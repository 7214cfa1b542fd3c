-- 双随机、一公开: directories, the item list, annual plans, draws and results.
CREATE TABLE inspect_entities (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,
    entity_type TEXT NOT NULL,
    district    TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT '',
    risk        TEXT NOT NULL DEFAULT 'normal',
    complaints  INTEGER NOT NULL DEFAULT 0,
    penalties   INTEGER NOT NULL DEFAULT 0,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE inspect_inspectors (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    cert_no    TEXT NOT NULL UNIQUE,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    district   TEXT NOT NULL,
    fields     TEXT NOT NULL DEFAULT '',
    conflicts  TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE inspect_items (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    basis        TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    method       TEXT NOT NULL,
    frequency    TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE inspect_plans (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL,
    item_id          INTEGER NOT NULL REFERENCES inspect_items(id),
    ratio_permille   INTEGER NOT NULL,
    high_risk_factor INTEGER NOT NULL,
    per_entity       INTEGER NOT NULL,
    exclude_own      BOOLEAN NOT NULL,
    strata           TEXT NOT NULL,
    required_strata  TEXT NOT NULL DEFAULT '',
    schedule         TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL
);

-- A draw: committed (input frozen, commitment published), then drawn (seed revealed).
-- The record is immutable once drawn.
CREATE TABLE inspect_draws (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES inspect_plans(id),
    state       TEXT NOT NULL,
    input_json  TEXT NOT NULL,
    input_hash  TEXT NOT NULL,
    commitment  TEXT NOT NULL,
    seed        TEXT NOT NULL,
    record_json TEXT,
    result_hash TEXT,
    committed_at TIMESTAMP NOT NULL,
    drawn_at    TIMESTAMP
);

CREATE TABLE inspect_results (
    id           INTEGER PRIMARY KEY,
    draw_id      INTEGER NOT NULL REFERENCES inspect_draws(id),
    credit_code  TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    inspected_on DATE NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    published    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (draw_id, credit_code)
);
