-- An idempotency key is bound to the SHA-256 of the application it first came with
-- (foi::input::NewCase::payload_hash): a retry with the same key and the same data
-- gets the original receipt back, the same key with other data is refused (409).
-- Rows from before this column have no hash and are never replayed.
ALTER TABLE foi_cases ADD COLUMN idempotency_hash TEXT;
