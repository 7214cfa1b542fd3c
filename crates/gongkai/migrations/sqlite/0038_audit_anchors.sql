-- Audit anchors: the head of the audit hash chain (seq, hash) recorded once a day
-- and published at /audit/anchors and /audit/anchors.atom. Kept forever: the
-- database refuses updates and deletes.
CREATE TABLE audit_anchors (
    id   INTEGER PRIMARY KEY,
    day  DATE NOT NULL UNIQUE,
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL,
    at   TIMESTAMP NOT NULL
);
CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE ON audit_anchors
BEGIN SELECT RAISE(ABORT, 'audit_anchors is append-only'); END;
CREATE TRIGGER audit_anchors_no_delete BEFORE DELETE ON audit_anchors
BEGIN SELECT RAISE(ABORT, 'audit_anchors is append-only'); END;
