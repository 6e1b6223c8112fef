-- Attendance that arrives by itself (issue 15): Zoom's webhooks and the
-- attendance reports Google Meet and Microsoft Teams export.

-- The share of a séance a learner must attend, in Zoom's records, to be
-- marked present (percent of the séance's duration).
ALTER TABLE formations ADD COLUMN zoom_min_presence INTEGER NOT NULL DEFAULT 50
    CHECK (zoom_min_presence BETWEEN 0 AND 100);

-- The Zoom meeting of one séance, when it has its own (issue 16 creates
-- them); a webhook about that meeting id is about this séance.
ALTER TABLE formation_sessions ADD COLUMN zoom_meeting_id TEXT;
CREATE INDEX formation_sessions_zoom_meeting ON formation_sessions (zoom_meeting_id);

-- Marks now say where they come from (zoom, import beside manual and
-- self) and, for the automatic ones, how many minutes the learner was
-- there. SQLite cannot alter a CHECK: the table is rebuilt.
CREATE TABLE session_attendance_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES formation_sessions (id) ON DELETE CASCADE,
    marked_at  TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('manual', 'self', 'zoom', 'import')),
    minutes    INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    UNIQUE (user_id, session_id)
);
INSERT INTO session_attendance_new (id, user_id, session_id, marked_at, source)
    SELECT id, user_id, session_id, marked_at, source FROM session_attendance;
DROP TABLE session_attendance;
ALTER TABLE session_attendance_new RENAME TO session_attendance;
CREATE INDEX session_attendance_session_id ON session_attendance (session_id);

-- An admin's decision on one learner's presence at one séance (marked or
-- unmarked by hand): it wins over every automatic source, now and later.
CREATE TABLE attendance_overrides (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES formation_sessions (id) ON DELETE CASCADE,
    present    INTEGER NOT NULL CHECK (present IN (0, 1)),
    decided_at TEXT NOT NULL,
    PRIMARY KEY (user_id, session_id)
);

-- Every Zoom webhook event received, kept as sent. Zoom gives no event id
-- and retries: `dedupe_key` (type, occurrence, participant, time) makes a
-- redelivery a no-op. Presence is recomputed from these rows, so the order
-- of arrival does not matter. `session_id` is null for a meeting the
-- platform does not know (kept for the admin).
CREATE TABLE zoom_events (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key        TEXT UNIQUE,
    event             TEXT NOT NULL,
    meeting_id        TEXT,
    meeting_uuid      TEXT,
    session_id        INTEGER REFERENCES formation_sessions (id) ON DELETE SET NULL,
    participant_key   TEXT,
    participant_name  TEXT,
    participant_email TEXT,
    occurred_at       TEXT,
    received_at       TEXT NOT NULL,
    body              TEXT NOT NULL
);
CREATE INDEX zoom_events_session ON zoom_events (session_id, participant_key);
CREATE INDEX zoom_events_meeting ON zoom_events (meeting_uuid);

-- A Zoom participant whose e-mail matched no learner, attached by an admin
-- to one: their presence at that séance counts for that learner.
CREATE TABLE zoom_participant_links (
    session_id      INTEGER NOT NULL REFERENCES formation_sessions (id) ON DELETE CASCADE,
    participant_key TEXT NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at       TEXT NOT NULL,
    PRIMARY KEY (session_id, participant_key)
);

-- An uploaded Meet or Teams report, parsed, waiting for the admin to
-- confirm the preview (then applied once).
CREATE TABLE attendance_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  INTEGER NOT NULL REFERENCES formation_sessions (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    entries     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    applied_at  TEXT
);
