-- Users created by `formations demo`: the only accounts it may use again at
-- its next run. An account someone else made with a demo e-mail is never
-- touched (no enrollment, no attendance, nothing reset).
ALTER TABLE users ADD COLUMN created_by_demo BIGINT NOT NULL DEFAULT 0 CHECK (created_by_demo IN (0, 1));
