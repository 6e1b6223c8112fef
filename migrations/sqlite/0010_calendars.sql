-- Calendars (issue 13): each learner's subscription feed, the revision of
-- what a séance's calendar event shows, and the events to withdraw.

-- The secret of the learner's feed URL (256 random bits), kept so that the
-- "Mon agenda" page shows it again; "Régénérer" replaces it.
ALTER TABLE users ADD COLUMN calendar_token TEXT;
CREATE UNIQUE INDEX users_calendar_token ON users (calendar_token);

-- What the calendar event shows (number, title, start, duration and the
-- formation's name) as of its revision: after each write, the rows whose
-- snapshot differs get revision + 1 (the event's SEQUENCE) and revised_at
-- (its DTSTAMP), whichever write changed them (a renumbering too).
ALTER TABLE formation_sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE formation_sessions ADD COLUMN revised_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z';
ALTER TABLE formation_sessions ADD COLUMN shown TEXT NOT NULL DEFAULT '';

-- A séance deleted, or an enrollment cancelled, stays in the learner's
-- feed 30 days as STATUS:CANCELLED so calendar apps remove it.
CREATE TABLE calendar_tombstones (
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id       INTEGER NOT NULL,
    enrollment_id    INTEGER NOT NULL,
    summary_formation TEXT NOT NULL,
    session_number   INTEGER NOT NULL,
    title            TEXT NOT NULL,
    starts_at        TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    sequence         INTEGER NOT NULL,
    cancelled_at     TEXT NOT NULL,
    PRIMARY KEY (user_id, session_id)
);
CREATE INDEX calendar_tombstones_cancelled ON calendar_tombstones (user_id, cancelled_at);

-- The séances that exist now: shown as they are, changed now (so their
-- first feed carries a real DTSTAMP, and the next write bumps only what it
-- changes).
UPDATE formation_sessions SET
    revised_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    shown = CAST(session_number AS TEXT) || '|' || title || '|' || scheduled_date || '|'
        || CAST(duration_minutes AS TEXT) || '|'
        || (SELECT f.name FROM formations f WHERE f.id = formation_sessions.formation_id);
