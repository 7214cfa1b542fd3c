-- 依申请公开 routing (issue 13). An administrative organ (the bureau, a district
-- bureau) that accepts applications names its designated FOI office, the unit whose
-- 依申请办理人 see and assign its applications; an organ that accepts without an
-- office is refused by the database. Each case records the office it was routed to
-- at creation and can never be without one.
ALTER TABLE units ADD COLUMN accepts_foi BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE units ADD COLUMN foi_office_id INTEGER REFERENCES units(id);
CREATE TRIGGER units_foi_office_insert BEFORE INSERT ON units
WHEN NEW.accepts_foi AND NEW.foi_office_id IS NULL
BEGIN SELECT RAISE(ABORT, 'units_foi_office: a unit that accepts applications needs an FOI office'); END;
CREATE TRIGGER units_foi_office_update BEFORE UPDATE ON units
WHEN NEW.accepts_foi AND NEW.foi_office_id IS NULL
BEGIN SELECT RAISE(ABORT, 'units_foi_office: a unit that accepts applications needs an FOI office'); END;

ALTER TABLE foi_cases ADD COLUMN office_id INTEGER REFERENCES units(id);
-- Cases from before routing stay with the unit they were filed at.
UPDATE foi_cases SET office_id = unit_id;
CREATE TRIGGER foi_cases_routed_insert BEFORE INSERT ON foi_cases
WHEN NEW.office_id IS NULL
BEGIN SELECT RAISE(ABORT, 'foi_cases_routed: an application must be routed to an FOI office'); END;
CREATE TRIGGER foi_cases_routed_update BEFORE UPDATE OF office_id ON foi_cases
WHEN NEW.office_id IS NULL
BEGIN SELECT RAISE(ABORT, 'foi_cases_routed: an application must be routed to an FOI office'); END;
CREATE INDEX foi_cases_office_status ON foi_cases(office_id, status);

-- Existing installations keep accepting at their root unit(s), routed to themselves,
-- until an administrator names the FOI office.
UPDATE units SET accepts_foi = TRUE, foi_office_id = id WHERE parent_id IS NULL AND active;

-- Applications forwarded by another platform (一网通办, 12345): who forwarded it, its
-- number there and when the applicant submitted it there (UTC).
ALTER TABLE foi_cases ADD COLUMN forwarded_by TEXT;
ALTER TABLE foi_cases ADD COLUMN forwarded_ref TEXT;
ALTER TABLE foi_cases ADD COLUMN submitted_at TIMESTAMP;

-- The daily job's record, from 1 November while next year's working-day schedule is
-- missing: how many open cases then had a deadline that cannot be computed.
CREATE TABLE foi_calendar_alerts (
    day        DATE PRIMARY KEY,
    year       INTEGER NOT NULL,
    open_cases INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
