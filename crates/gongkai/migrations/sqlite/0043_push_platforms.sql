-- 政策精准推送 to platforms (一网通办 enterprise page, 随申办·企业云): each platform
-- takes a signed JSON push at its URL (HMAC-SHA256 with its own secret, as
-- `crate::webhook`); subscribers reached through a platform (imported from the
-- registration authority's list, no e-mail) name it. Bounces: a message refused
-- for good by the recipient's server is `bounced`; a subscriber whose mail bounces
-- repeatedly is `suspended`. Retries wait until `next_at` (backoff).
CREATE TABLE push_platforms (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

ALTER TABLE push_subscribers ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
ALTER TABLE push_subscribers ADD COLUMN platform_id INTEGER REFERENCES push_platforms(id);
ALTER TABLE push_subscribers ADD COLUMN bounces INTEGER NOT NULL DEFAULT 0;
CREATE INDEX push_subscribers_platform ON push_subscribers(platform_id, credit_code);

ALTER TABLE push_messages ADD COLUMN next_at TIMESTAMP;
ALTER TABLE push_messages ADD COLUMN bounced_at TIMESTAMP;
