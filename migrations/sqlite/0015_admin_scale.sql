-- Admin pages at a million enrollments (issue 19).

-- A formation's enrollments are paged newest first by id: the page reads
-- its 50 rows from this index, whatever the formation's size.
DROP INDEX enrollments_formation_id;
CREATE INDEX enrollments_formation_page ON enrollments (formation_id, id);

-- How many enrollments each formation has per period and cancelled or
-- not: what the dashboard counts by effective status and the formations
-- list counts, in a few hundred rows instead of a million. Kept by the
-- triggers below in the transaction of every write to `enrollments`
-- (whichever path makes it), so it is never out of step.
CREATE TABLE enrollment_counts (
    formation_id INTEGER NOT NULL REFERENCES formations (id) ON DELETE CASCADE,
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL,
    cancelled    INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
    n            INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (formation_id, start_date, end_date, cancelled)
);
INSERT INTO enrollment_counts (formation_id, start_date, end_date, cancelled, n)
SELECT formation_id, start_date, end_date, CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END, COUNT(*)
FROM enrollments
GROUP BY formation_id, start_date, end_date, CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END;

CREATE TRIGGER enrollment_counts_insert AFTER INSERT ON enrollments
BEGIN
    INSERT INTO enrollment_counts (formation_id, start_date, end_date, cancelled, n)
    VALUES (NEW.formation_id, NEW.start_date, NEW.end_date, CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END, 1)
    ON CONFLICT (formation_id, start_date, end_date, cancelled) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER enrollment_counts_update AFTER UPDATE OF formation_id, start_date, end_date, status ON enrollments
BEGIN
    UPDATE enrollment_counts SET n = n - 1
    WHERE formation_id = OLD.formation_id AND start_date = OLD.start_date AND end_date = OLD.end_date
      AND cancelled = CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END;
    INSERT INTO enrollment_counts (formation_id, start_date, end_date, cancelled, n)
    VALUES (NEW.formation_id, NEW.start_date, NEW.end_date, CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END, 1)
    ON CONFLICT (formation_id, start_date, end_date, cancelled) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER enrollment_counts_delete AFTER DELETE ON enrollments
BEGIN
    UPDATE enrollment_counts SET n = n - 1
    WHERE formation_id = OLD.formation_id AND start_date = OLD.start_date AND end_date = OLD.end_date
      AND cancelled = CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END;
END;
