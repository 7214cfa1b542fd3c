-- 年度报告 per organ: each administrative organ (the bureau, a 区局) publishes its
-- own report, so a draft belongs to a year *and* an organ. Drafts saved before are
-- the root unit's. Training sessions name the organ whose report counts them
-- (NULL, for sessions entered before: the root unit).
ALTER TABLE annual_reports ADD COLUMN organ_id BIGINT REFERENCES units(id);
UPDATE annual_reports SET organ_id = (SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1);
ALTER TABLE annual_reports ALTER COLUMN organ_id SET NOT NULL;
ALTER TABLE annual_reports DROP CONSTRAINT annual_reports_year_key;
ALTER TABLE annual_reports ADD CONSTRAINT annual_reports_year_organ_key UNIQUE (year, organ_id);
ALTER TABLE trainings ADD COLUMN unit_id BIGINT REFERENCES units(id);
