-- Text the confirming officer marked by hand on the comparison page as personal
-- (penalty::review): one item a line, remembered as known parties of this document
-- and masked wherever it appears when the case is masked again.
ALTER TABLE penalty_cases ADD COLUMN extra_masks TEXT NOT NULL DEFAULT '';
