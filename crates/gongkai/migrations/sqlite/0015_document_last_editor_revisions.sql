-- Four-eyes rule: whoever changed a document last counts as an author and may not
-- publish it. Revisions of published documents wait here until a reviewer approves
-- them; the published edition stays on the portal meanwhile (one pending revision
-- per document, replaced when the publisher revises again).
ALTER TABLE documents ADD COLUMN last_editor_id INTEGER REFERENCES users(id);

CREATE TABLE document_revisions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    input       TEXT NOT NULL,
    change_note TEXT NOT NULL,
    minor       BOOLEAN NOT NULL DEFAULT FALSE,
    editor_id   INTEGER REFERENCES users(id),
    created_at  TIMESTAMP NOT NULL
);
