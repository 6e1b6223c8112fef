-- Zoom meetings the platform creates, moves and deletes with the séances
-- (issue 16), through Zoom's Server-to-Server OAuth API.

-- A formation that opts in gets one Zoom meeting per séance.
ALTER TABLE formations ADD COLUMN zoom_auto_meetings BIGINT NOT NULL DEFAULT 0
    CHECK (zoom_auto_meetings IN (0, 1));
-- Its own link becomes optional (empty) when the séances have theirs.
ALTER TABLE formations DROP CONSTRAINT formations_meeting_link_check;
ALTER TABLE formations ADD CONSTRAINT formations_meeting_link_check
    CHECK (meeting_link LIKE 'https://%' OR (meeting_link = '' AND zoom_auto_meetings = 1));

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
    session_id           BIGINT PRIMARY KEY,
    formation_id         BIGINT NOT NULL,
    deleted              BIGINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    zoom_meeting_id      TEXT,
    state                TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    generation           BIGINT NOT NULL DEFAULT 1,
    attempts             BIGINT NOT NULL DEFAULT 0,
    next_attempt_at      TEXT COLLATE "C" NOT NULL,
    leased_until         TEXT COLLATE "C",
    last_error           TEXT,
    synced               TEXT,
    recording_checked_at TEXT COLLATE "C",
    recording_checks     BIGINT NOT NULL DEFAULT 0,
    updated_at           TEXT COLLATE "C" NOT NULL
);
CREATE INDEX zoom_syncs_due ON zoom_syncs (state, next_attempt_at);
CREATE INDEX zoom_syncs_formation ON zoom_syncs (formation_id);
