-- 发文机构 is the issuing organ (the bureau = the root unit, or a 区局), never a
-- department: documents stored under a department's name (办公室, 执法总队 …) take
-- the name of the department's nearest organ ancestor. The owning unit
-- (issuer_unit_id) is unchanged, so who may see and change a document is too.
WITH RECURSIVE walk(unit_id, at_id, depth) AS (
    SELECT id, id, 0 FROM units
    UNION ALL
    SELECT w.unit_id, u.parent_id, w.depth + 1
    FROM walk w JOIN units u ON u.id = w.at_id
    WHERE u.parent_id IS NOT NULL AND u.kind <> 'district' AND w.depth < 32
)
UPDATE documents SET issuer_name = (
    SELECT o.name FROM walk w JOIN units o ON o.id = w.at_id
    WHERE w.unit_id = documents.issuer_unit_id
      AND (o.parent_id IS NULL OR o.kind = 'district')
)
WHERE issuer_unit_id IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM walk w JOIN units o ON o.id = w.at_id
    WHERE w.unit_id = documents.issuer_unit_id
      AND (o.parent_id IS NULL OR o.kind = 'district')
  );

-- The description of an interpretation's image (its alt text), asked for at upload;
-- images uploaded before have none (shown with an empty alt and their caption).
ALTER TABLE attachments ADD COLUMN description TEXT NOT NULL DEFAULT '';
