-- Same shape as the SQLite migration, column for column.

CREATE TABLE enrollment_requests (
    id            BIGSERIAL PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    formation_id  BIGINT NOT NULL REFERENCES formations (id) ON DELETE CASCADE,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
    reason        TEXT,
    enrollment_id BIGINT REFERENCES enrollments (id) ON DELETE SET NULL,
    created_at    TEXT COLLATE "C" NOT NULL,
    decided_at    TEXT COLLATE "C",
    decided_by    BIGINT REFERENCES users (id) ON DELETE SET NULL
);
-- One pending request per learner and formation.
CREATE UNIQUE INDEX enrollment_requests_one_pending ON enrollment_requests (user_id, formation_id) WHERE status = 'pending';
CREATE INDEX enrollment_requests_status ON enrollment_requests (status, created_at);
CREATE INDEX enrollment_requests_user_id ON enrollment_requests (user_id);

CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    actor_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor_email TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   BIGINT,
    before_json TEXT,
    after_json  TEXT,
    at          TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
