-- 依申请公开 routing (issue 13); see migrations/sqlite/0020_foi_routing.sql.
ALTER TABLE units ADD COLUMN accepts_foi BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE units ADD COLUMN foi_office_id BIGINT REFERENCES units(id);

ALTER TABLE foi_cases ADD COLUMN office_id BIGINT REFERENCES units(id);
UPDATE foi_cases SET office_id = unit_id;
ALTER TABLE foi_cases ALTER COLUMN office_id SET NOT NULL;
CREATE INDEX foi_cases_office_status ON foi_cases(office_id, status);

UPDATE units SET accepts_foi = TRUE, foi_office_id = id WHERE parent_id IS NULL AND active;
ALTER TABLE units ADD CONSTRAINT units_foi_office CHECK (NOT accepts_foi OR foi_office_id IS NOT NULL);

ALTER TABLE foi_cases ADD COLUMN forwarded_by TEXT;
ALTER TABLE foi_cases ADD COLUMN forwarded_ref TEXT;
ALTER TABLE foi_cases ADD COLUMN submitted_at TIMESTAMPTZ;

CREATE TABLE foi_calendar_alerts (
    day        DATE PRIMARY KEY,
    year       BIGINT NOT NULL,
    open_cases BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
