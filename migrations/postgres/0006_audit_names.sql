-- The audit log names what an entry touched in the words of the moment
-- (a formation renamed later keeps its old name in its old entries), and
-- keeps the changed fields worked out when the change was written, with
-- the real values at hand: a secret field is named there, never valued.
-- All nullable: entries written before stay valid and show their ids.
ALTER TABLE audit_log ADD COLUMN formation_id BIGINT;
ALTER TABLE audit_log ADD COLUMN formation_name TEXT;
ALTER TABLE audit_log ADD COLUMN learner_name TEXT;
ALTER TABLE audit_log ADD COLUMN learner_email TEXT;
ALTER TABLE audit_log ADD COLUMN seance_number BIGINT;
ALTER TABLE audit_log ADD COLUMN seance_title TEXT;
ALTER TABLE audit_log ADD COLUMN changes_json TEXT;
-- The log page's filters, each walked newest first.
CREATE INDEX audit_log_formation ON audit_log (formation_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_email, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
