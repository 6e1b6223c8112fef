-- Reminders (issue 13): a durable outbox. A reminder is derived from a
-- séance and an enrollment; its identity is (channel, learner, séance, the
-- séance's start it was computed for), the unique key below, so a sweep
-- run by several instances at once inserts each reminder once, and a moved
-- séance gets a new reminder at its new time while the old one expires.

-- When the séance's time last changed (its creation counts): a reminder
-- whose moment lies before it is never sent. Séances older than this
-- column carry the epoch: nothing to hold back.
ALTER TABLE formation_sessions ADD COLUMN moved_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z';

CREATE TABLE reminders (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'in_app', 'push')),
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id      INTEGER NOT NULL REFERENCES formation_sessions (id) ON DELETE CASCADE,
    -- The séance's start this reminder was computed for.
    starts_at       TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    -- pending: to deliver (again); sent; failed: gave up after the last
    -- attempt (an admin may send it again); expired: no longer useful (the
    -- séance started, moved, or the learner left or opted out).
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'expired')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    -- Set by the worker that claimed the row; another may take it once
    -- this instant has passed (the first one died).
    leased_until    TEXT,
    last_error      TEXT,
    sent_at         TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (channel, user_id, session_id, starts_at)
);
CREATE INDEX reminders_ready ON reminders (state, next_attempt_at);
CREATE INDEX reminders_session_id ON reminders (session_id);
CREATE INDEX reminders_user_id ON reminders (user_id);
CREATE INDEX reminders_created ON reminders (created_at);

-- A learner's channels are all on until they turn one off: a row here.
CREATE TABLE reminder_opt_outs (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'in_app', 'push')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, channel)
);

-- The secret of the one-click unsubscribe link of reminder mails (RFC
-- 8058): made at the first reminder mail, never shown anywhere else.
ALTER TABLE users ADD COLUMN unsubscribe_token TEXT;
CREATE UNIQUE INDEX users_unsubscribe_token ON users (unsubscribe_token);
