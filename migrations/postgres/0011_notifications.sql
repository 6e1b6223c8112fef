-- Notifications (issue 14): the in-app notice of a séance 15 minutes
-- before it starts, and the browsers' Web Push subscriptions for the one 1
-- hour before. Both channels are rows of the reminder outbox of 0009; a
-- notice is what the in-app reminder leaves behind when delivered.

-- One notice per delivered reminder (the unique key makes a redelivery
-- harmless). Its words are rendered when read, in the reader's language,
-- from the séance it names: the store keeps no sentences.
CREATE TABLE notifications (
    id            BIGSERIAL PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('seance_soon')),
    session_id    BIGINT NOT NULL REFERENCES formation_sessions (id) ON DELETE CASCADE,
    -- The enrollment whose page the notice opens.
    enrollment_id BIGINT NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    reminder_id   BIGINT UNIQUE REFERENCES reminders (id) ON DELETE SET NULL,
    created_at    TEXT COLLATE "C" NOT NULL,
    read_at       TEXT COLLATE "C"
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);

-- A browser (or phone) that accepted notifications: where its push service
-- takes messages for it, and the keys that encrypt them (RFC 8291). An
-- endpoint belongs to whoever subscribed on it last.
CREATE TABLE push_subscriptions (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint   TEXT NOT NULL UNIQUE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- Secrets the instances make once and share: the VAPID key pair (RFC 8292)
-- every push is signed with. The first instance to start writes it; the
-- others read the same row.
CREATE TABLE server_keys (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
