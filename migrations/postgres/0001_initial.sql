-- Same shape as the SQLite schema, column for column, so one set of queries
-- serves both: dates are ISO text, instants UTC RFC 3339 text, integers BIGINT.
-- attended_sessions and next_session_date are derived by the queries that
-- read enrollments, so they can never drift from the attendance rows.

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
    name          TEXT NOT NULL CHECK (length(btrim(name)) > 0),
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'learner' CHECK (role IN ('learner', 'admin')),
    created_at    TEXT COLLATE "C" NOT NULL
);

CREATE TABLE auth_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('cookie', 'bearer')),
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX auth_sessions_user_id ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expires_at ON auth_sessions (expires_at);

CREATE TABLE formations (
    id                   BIGSERIAL PRIMARY KEY,
    name                 TEXT NOT NULL CHECK (length(btrim(name)) > 0),
    description          TEXT NOT NULL DEFAULT '',
    level                TEXT NOT NULL CHECK (level IN ('beginner', 'intermediate', 'advanced', 'expert')),
    platform             TEXT NOT NULL CHECK (platform IN ('zoom', 'google_meet', 'teams')),
    meeting_link         TEXT NOT NULL CHECK (meeting_link LIKE 'https://%'),
    meeting_id           TEXT,
    meeting_password     TEXT,
    instructor_name      TEXT NOT NULL,
    schedule_description TEXT NOT NULL,
    timezone             TEXT NOT NULL DEFAULT 'Europe/Paris',
    archived             BIGINT NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    version              BIGINT NOT NULL DEFAULT 1,
    created_at           TEXT COLLATE "C" NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX formations_archived_name ON formations (archived, name);

CREATE TABLE formation_sessions (
    id               BIGSERIAL PRIMARY KEY,
    formation_id     BIGINT NOT NULL REFERENCES formations (id) ON DELETE CASCADE,
    session_number   BIGINT NOT NULL CHECK (session_number > 0),
    title            TEXT NOT NULL CHECK (length(btrim(title)) > 0),
    scheduled_date   TEXT COLLATE "C" NOT NULL CHECK (scheduled_date ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$'),
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    meeting_link     TEXT CHECK (meeting_link IS NULL OR meeting_link LIKE 'https://%'),
    recording_link   TEXT CHECK (recording_link IS NULL OR recording_link LIKE 'https://%'),
    UNIQUE (formation_id, session_number)
);
CREATE INDEX formation_sessions_formation_date ON formation_sessions (formation_id, scheduled_date);

CREATE TABLE enrollments (
    id                     BIGSERIAL PRIMARY KEY,
    user_id                BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    formation_id           BIGINT NOT NULL REFERENCES formations (id) ON DELETE RESTRICT,
    start_date             TEXT COLLATE "C" NOT NULL CHECK (start_date ~ '^\d{4}-\d{2}-\d{2}$'),
    end_date               TEXT COLLATE "C" NOT NULL CHECK (end_date ~ '^\d{4}-\d{2}-\d{2}$'),
    status                 TEXT NOT NULL DEFAULT 'upcoming' CHECK (status IN ('upcoming', 'active', 'completed', 'cancelled')),
    total_sessions         BIGINT NOT NULL DEFAULT 0 CHECK (total_sessions >= 0),
    completion_certificate TEXT,
    created_at             TEXT COLLATE "C" NOT NULL,
    CHECK (end_date >= start_date)
);
-- One live enrollment per learner and formation; a cancelled one may be redone.
CREATE UNIQUE INDEX enrollments_one_live_per_user ON enrollments (user_id, formation_id) WHERE status <> 'cancelled';
CREATE INDEX enrollments_user_id ON enrollments (user_id);
CREATE INDEX enrollments_formation_id ON enrollments (formation_id);

CREATE TABLE session_attendance (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL REFERENCES formation_sessions (id) ON DELETE CASCADE,
    marked_at  TEXT COLLATE "C" NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('manual', 'self')),
    UNIQUE (user_id, session_id)
);
CREATE INDEX session_attendance_session_id ON session_attendance (session_id);
