-- The admin area: learners' enrollment requests (waiting for the payment to
-- be confirmed) and the audit log of every admin change.

CREATE TABLE enrollment_requests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    formation_id  INTEGER NOT NULL REFERENCES formations (id) ON DELETE CASCADE,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
    reason        TEXT,
    enrollment_id INTEGER REFERENCES enrollments (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    decided_at    TEXT,
    decided_by    INTEGER REFERENCES users (id) ON DELETE SET NULL
);
-- One pending request per learner and formation.
CREATE UNIQUE INDEX enrollment_requests_one_pending ON enrollment_requests (user_id, formation_id) WHERE status = 'pending';
CREATE INDEX enrollment_requests_status ON enrollment_requests (status, created_at);
CREATE INDEX enrollment_requests_user_id ON enrollment_requests (user_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_email TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    before_json TEXT,
    after_json  TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
