-- Same shape as the SQLite migration, column for column.

ALTER TABLE users ADD COLUMN email_confirmed_at TEXT COLLATE "C";
UPDATE users SET email_confirmed_at = created_at;

ALTER TABLE auth_sessions ADD COLUMN user_agent TEXT;

CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset', 'email_change')),
    new_email  TEXT,
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    used_at    TEXT COLLATE "C"
);
CREATE INDEX account_tokens_user_id ON account_tokens (user_id, purpose);
CREATE INDEX account_tokens_expires_at ON account_tokens (expires_at);
