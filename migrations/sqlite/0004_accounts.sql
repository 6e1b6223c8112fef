-- Accounts people manage themselves: e-mail confirmation, password reset,
-- e-mail change (single-use links whose tokens are stored hashed) and the
-- device of each login session.

-- NULL until the owner follows the confirmation link. Every account that
-- existed before this migration was made by an admin or the demo: confirmed.
ALTER TABLE users ADD COLUMN email_confirmed_at TEXT;
UPDATE users SET email_confirmed_at = created_at;

-- The browser or client that opened the session (User-Agent), for the list
-- of active sessions on /compte.
ALTER TABLE auth_sessions ADD COLUMN user_agent TEXT;

CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset', 'email_change')),
    -- The address an e-mail change moves to, once its link is followed.
    new_email  TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX account_tokens_user_id ON account_tokens (user_id, purpose);
CREATE INDEX account_tokens_expires_at ON account_tokens (expires_at);
