-- Admin pages at a million enrollments (issue 19).

-- A formation's enrollments are paged newest first by id, and the dashboard
-- counts them by effective status from these four columns alone: the index
-- covers both, so neither reads the table.
DROP INDEX enrollments_formation_id;
CREATE INDEX enrollments_formation_page ON enrollments (formation_id, id);
CREATE INDEX enrollments_formation_dates ON enrollments (formation_id, status, start_date, end_date);
