-- Zoom meetings the platform creates, moves and deletes with the séances
-- (issue 16), through Zoom's Server-to-Server OAuth API.

-- A formation that opts in gets one Zoom meeting per séance, and its own
-- link becomes optional (empty). SQLite cannot alter a CHECK: the table is
-- rebuilt, the way SQLite's documentation describes; `Db::migrate` runs
-- the migrations with foreign keys off (so dropping the old table deletes
-- nothing that refers to it) and checks them afterwards.
CREATE TABLE formations_new (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description          TEXT NOT NULL DEFAULT '',
    level                TEXT NOT NULL CHECK (level IN ('beginner', 'intermediate', 'advanced', 'expert')),
    platform             TEXT NOT NULL CHECK (platform IN ('zoom', 'google_meet', 'teams')),
    meeting_link         TEXT NOT NULL CHECK (meeting_link LIKE 'https://%' OR (meeting_link = '' AND zoom_auto_meetings = 1)),
    meeting_id           TEXT,
    meeting_password     TEXT,
    instructor_name      TEXT NOT NULL,
    schedule_description TEXT NOT NULL,
    timezone             TEXT NOT NULL DEFAULT 'Europe/Paris',
    archived             INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    certificate_min_attendance INTEGER NOT NULL DEFAULT 0 CHECK (certificate_min_attendance BETWEEN 0 AND 100),
    zoom_min_presence    INTEGER NOT NULL DEFAULT 50 CHECK (zoom_min_presence BETWEEN 0 AND 100),
    zoom_auto_meetings   INTEGER NOT NULL DEFAULT 0 CHECK (zoom_auto_meetings IN (0, 1))
);
INSERT INTO formations_new (id, name, description, level, platform, meeting_link, meeting_id,
    meeting_password, instructor_name, schedule_description, timezone, archived, version,
    created_at, updated_at, certificate_min_attendance, zoom_min_presence)
SELECT id, name, description, level, platform, meeting_link, meeting_id,
    meeting_password, instructor_name, schedule_description, timezone, archived, version,
    created_at, updated_at, certificate_min_attendance, zoom_min_presence
FROM formations;
DROP TABLE formations;
ALTER TABLE formations_new RENAME TO formations;
CREATE INDEX formations_archived_name ON formations (archived, name);

-- A séance's own meeting beside its own link: what learners with an active
-- enrollment see for that séance. Zoom's host-only `start_url` is never
-- stored.
ALTER TABLE formation_sessions ADD COLUMN meeting_id TEXT;
ALTER TABLE formation_sessions ADD COLUMN meeting_password TEXT;

-- The Zoom outbox: one row per séance of a formation with automatic
-- meetings, saying Zoom must be brought in step with it. Written in the
-- transaction that changes the séance (so a séance added by the command
-- line or another instance is seen by every server's runner), worked by
-- whichever instance claims it (`leased_until`). No foreign key: the row
-- outlives a deleted séance, to delete its meeting (`deleted`,
-- `zoom_meeting_id`). `generation` grows at each change, so a change made
-- while a call is in flight is not marked done by that call. `synced` is
-- what Zoom was last told (start, duration, zone, topic): a renumbering
-- that changes none of it calls nothing.
CREATE TABLE zoom_syncs (
    session_id           INTEGER PRIMARY KEY,
    formation_id         INTEGER NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    zoom_meeting_id      TEXT,
    state                TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    generation           INTEGER NOT NULL DEFAULT 1,
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TEXT NOT NULL,
    leased_until         TEXT,
    last_error           TEXT,
    synced               TEXT,
    recording_checked_at TEXT,
    recording_checks     INTEGER NOT NULL DEFAULT 0,
    updated_at           TEXT NOT NULL
);
CREATE INDEX zoom_syncs_due ON zoom_syncs (state, next_attempt_at);
CREATE INDEX zoom_syncs_formation ON zoom_syncs (formation_id);
