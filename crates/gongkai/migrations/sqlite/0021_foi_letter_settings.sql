-- Per-organ settings of the letters to applicants (foi::letter_settings): the name
-- the organ signs with, its 行政复议机关 named in the remedy sentence, and the
-- pattern of its letter numbers ("沪城管执依复〔{year}〕{n}号").
CREATE TABLE foi_letter_settings (
    unit_id        INTEGER PRIMARY KEY REFERENCES units(id),
    signer         TEXT NOT NULL,
    review_organ   TEXT NOT NULL,
    number_pattern TEXT NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    updated_by     TEXT
);

-- The last number given per organ and year; bumped in the transaction that issues a letter.
CREATE TABLE foi_letter_sequences (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    year    INTEGER NOT NULL,
    last_n  INTEGER NOT NULL,
    PRIMARY KEY (unit_id, year)
);

-- Every numbered letter: one per case and kind, its number fixed once given.
CREATE TABLE foi_letters (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES foi_cases(id),
    kind      TEXT NOT NULL,
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    year      INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    number    TEXT NOT NULL,
    issued_on DATE NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    issued_by TEXT,
    UNIQUE (case_id, kind),
    UNIQUE (unit_id, year, n)
);
