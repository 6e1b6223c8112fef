-- The request from ask to pay (issue 17): what a formation costs, when it
-- runs, how many it takes and how to pay, shown in the catalogue; and a
-- learner may withdraw a request still waiting for the payment.

-- Price in cents (NULL: free) and its ISO 4217 currency.
ALTER TABLE formations ADD COLUMN price_cents INTEGER
    CHECK (price_cents IS NULL OR price_cents BETWEEN 0 AND 1000000000);
ALTER TABLE formations ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
-- The period it runs, as announced (YYYY-MM-DD, both or neither).
ALTER TABLE formations ADD COLUMN starts_on TEXT CHECK (starts_on IS NULL OR date(starts_on) IS starts_on);
ALTER TABLE formations ADD COLUMN ends_on TEXT CHECK (ends_on IS NULL OR date(ends_on) IS ends_on);
-- Places offered (NULL: not limited).
ALTER TABLE formations ADD COLUMN seats INTEGER CHECK (seats IS NULL OR seats > 0);
-- What the learner reads after asking (bank transfer details…).
ALTER TABLE formations ADD COLUMN payment_instructions TEXT NOT NULL DEFAULT '';

-- Requests gain 'withdrawn'. SQLite cannot alter a CHECK: the table is
-- rebuilt (foreign keys are off while migrations run, see `Db::migrate`).
CREATE TABLE enrollment_requests_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    formation_id  INTEGER NOT NULL REFERENCES formations (id) ON DELETE CASCADE,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected', 'withdrawn')),
    reason        TEXT,
    enrollment_id INTEGER REFERENCES enrollments (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    decided_at    TEXT,
    decided_by    INTEGER REFERENCES users (id) ON DELETE SET NULL
);
INSERT INTO enrollment_requests_new
    (id, user_id, formation_id, status, reason, enrollment_id, created_at, decided_at, decided_by)
SELECT id, user_id, formation_id, status, reason, enrollment_id, created_at, decided_at, decided_by
FROM enrollment_requests;
DROP TABLE enrollment_requests;
ALTER TABLE enrollment_requests_new RENAME TO enrollment_requests;
CREATE UNIQUE INDEX enrollment_requests_one_pending ON enrollment_requests (user_id, formation_id) WHERE status = 'pending';
CREATE INDEX enrollment_requests_status ON enrollment_requests (status, created_at);
CREATE INDEX enrollment_requests_user_id ON enrollment_requests (user_id);

-- A formation an admin is still preparing: never in the catalogue until
-- published. The admin form creates drafts; the command line, the demo and
-- rows written without this column are published.
ALTER TABLE formations ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
