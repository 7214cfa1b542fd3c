-- An inspection plan belongs to a unit, and its draws and results with it: only
-- enforcers whose scope covers the unit act on them. Plans made before this change
-- go to the root unit (the first unit without parent).
ALTER TABLE inspect_plans ADD COLUMN unit_id INTEGER REFERENCES units(id);
UPDATE inspect_plans SET unit_id = (SELECT MIN(id) FROM units WHERE parent_id IS NULL);
CREATE INDEX inspect_plans_unit ON inspect_plans(unit_id);
