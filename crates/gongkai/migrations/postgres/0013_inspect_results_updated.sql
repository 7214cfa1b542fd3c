-- When a random-inspection result was last written (the search index follows it).
ALTER TABLE inspect_results ADD COLUMN updated_at TIMESTAMPTZ;
