-- Change records for the city-wide library, scheduled publishing, 转化公开 reviews.

-- Every publication, change or withdrawal of a proactive document, in order.
-- `seq` is the cursor of GET /api/v1/documents/changes?since=.
CREATE TABLE document_changes (
    seq         INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    change      TEXT NOT NULL,
    at          TIMESTAMP NOT NULL
);
CREATE INDEX document_changes_doc ON document_changes(document_id);

-- Publish at a set time, once a reviewer has approved it.
ALTER TABLE documents ADD COLUMN publish_at TIMESTAMP;
-- The next periodic review of a document not proactively disclosed (转化公开).
ALTER TABLE documents ADD COLUMN conversion_due DATE;

CREATE TABLE conversion_reviews (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    decision    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    next_review DATE,
    reviewer_id INTEGER REFERENCES users(id),
    at          TIMESTAMP NOT NULL
);
CREATE INDEX conversion_reviews_at ON conversion_reviews(decision, at);
