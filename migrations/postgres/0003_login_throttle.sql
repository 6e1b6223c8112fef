-- Failed logins per normalised e-mail (known or not), shared by every
-- instance; the rule is in src/domain/throttle.rs.
CREATE TABLE login_throttle (
    email            TEXT PRIMARY KEY,
    failures         BIGINT NOT NULL,
    first_failure_at TEXT COLLATE "C" NOT NULL,
    last_failure_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX login_throttle_last_failure_at ON login_throttle (last_failure_at);

-- Idle timeout: when the session was last used (written at most once a minute).
ALTER TABLE auth_sessions ADD COLUMN last_seen_at TEXT COLLATE "C";
UPDATE auth_sessions SET last_seen_at = created_at;
-- The cookie session opened by a REST login points at that login's token,
-- so that logging the token out ends the cookie session too.
ALTER TABLE auth_sessions ADD COLUMN opened_with TEXT;
CREATE INDEX auth_sessions_opened_with ON auth_sessions (opened_with);
