-- 行政处罚案件公开. The party's real name and the unmasked texts stay in the back
-- office; the portal reads only the masked_* columns of published cases.
CREATE TABLE penalty_cases (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES units(id),
    decision_no     TEXT NOT NULL UNIQUE,
    party_kind      TEXT NOT NULL,
    party_name      TEXT NOT NULL,
    credit_code     TEXT NOT NULL DEFAULT '',
    legal_rep       TEXT NOT NULL DEFAULT '',
    facts           TEXT NOT NULL,
    basis           TEXT NOT NULL,
    penalty_kind    TEXT NOT NULL,
    penalty_content TEXT NOT NULL,
    fine_cents      INTEGER NOT NULL DEFAULT 0,
    decided_on      DATE NOT NULL,
    authority       TEXT NOT NULL,
    violation_type  TEXT NOT NULL,
    district        TEXT NOT NULL DEFAULT '',
    full_text       TEXT NOT NULL DEFAULT '',
    masked_party    TEXT NOT NULL,
    masked_facts    TEXT NOT NULL,
    masked_text     TEXT NOT NULL DEFAULT '',
    maskings        TEXT NOT NULL DEFAULT '[]',
    restriction     TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    created_by      INTEGER REFERENCES users(id),
    confirmed_by    INTEGER REFERENCES users(id),
    confirmed_at    TIMESTAMP,
    published_on    DATE,
    retention_until DATE,
    withdrawn_on    DATE,
    withdraw_kind   TEXT,
    withdraw_reason TEXT,
    event_on        DATE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX penalty_state_decided ON penalty_cases(state, decided_on);

-- 暂停通讯工具号码 (numbers suspended for illegal small advertisements).
CREATE TABLE suspended_numbers (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    number       TEXT NOT NULL,
    masked       TEXT NOT NULL,
    suspended_on DATE NOT NULL,
    reason       TEXT NOT NULL,
    status       TEXT NOT NULL,
    lifted_on    DATE,
    lift_reason  TEXT,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX suspended_numbers_on ON suspended_numbers(suspended_on);
