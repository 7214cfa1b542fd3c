-- API tokens expire: set at issue (security.api_token_days after created_at). Tokens
-- issued before this column existed have NULL and expire api_token_days after
-- created_at (computed by the application).
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
