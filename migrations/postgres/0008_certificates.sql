-- Completion certificates (issue 12). A certificate is a frozen row: the
-- learner's name, the formation's name, level and instructor, the period
-- and the attendance as they were at issue. Exactly one current (not
-- replaced) certificate per enrollment: the partial unique index below, so
-- concurrent first reads and several instances insert one at most.

-- The attendance (percent of the enrollment's sessions) a formation asks
-- for its certificate; 0 asks nothing.
ALTER TABLE formations ADD COLUMN certificate_min_attendance BIGINT NOT NULL DEFAULT 0 CHECK (certificate_min_attendance BETWEEN 0 AND 100);

CREATE TABLE certificates (
    id                BIGSERIAL PRIMARY KEY,
    -- 16 Crockford base32 characters (80 bits), stored without dashes.
    code              TEXT NOT NULL UNIQUE CHECK (length(code) = 16),
    enrollment_id     BIGINT NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    user_id           BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    formation_id      BIGINT NOT NULL REFERENCES formations (id) ON DELETE CASCADE,
    learner_name      TEXT NOT NULL,
    formation_name    TEXT NOT NULL,
    level             TEXT NOT NULL,
    instructor_name   TEXT NOT NULL,
    start_date        TEXT COLLATE "C" NOT NULL,
    end_date          TEXT COLLATE "C" NOT NULL,
    attended_sessions BIGINT NOT NULL,
    total_sessions    BIGINT NOT NULL,
    attended_minutes  BIGINT NOT NULL,
    issued_at         TEXT COLLATE "C" NOT NULL,
    by_exception      BIGINT NOT NULL DEFAULT 0 CHECK (by_exception IN (0, 1)),
    revoked_at        TEXT COLLATE "C",
    revoked_reason    TEXT,
    -- Set together when an admin reissues: the old row stops being current.
    replaced_at       TEXT COLLATE "C",
    replaced_by       BIGINT REFERENCES certificates (id) ON DELETE SET NULL,
    -- Claimed by the one sweep that mails it (NULL again if sending failed).
    mailed_at         TEXT COLLATE "C"
);
CREATE UNIQUE INDEX certificates_one_current ON certificates (enrollment_id) WHERE replaced_at IS NULL;
CREATE INDEX certificates_user_id ON certificates (user_id);
CREATE INDEX certificates_formation ON certificates (formation_id, issued_at);
CREATE INDEX certificates_unmailed ON certificates (mailed_at);
