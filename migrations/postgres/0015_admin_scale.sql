-- Admin pages at a million enrollments (issue 19).

-- A formation's enrollments are paged newest first by id: the page reads
-- its 50 rows from this index, whatever the formation's size.
DROP INDEX enrollments_formation_id;
CREATE INDEX enrollments_formation_page ON enrollments (formation_id, id);

-- How many enrollments each formation has per period and cancelled or
-- not: what the dashboard counts by effective status and the formations
-- list counts, in a few hundred rows instead of a million. Kept by the
-- trigger below in the transaction of every write to `enrollments`
-- (whichever path makes it), so it is never out of step.
CREATE TABLE enrollment_counts (
    formation_id BIGINT NOT NULL REFERENCES formations (id) ON DELETE CASCADE,
    start_date   TEXT COLLATE "C" NOT NULL,
    end_date     TEXT COLLATE "C" NOT NULL,
    cancelled    BIGINT NOT NULL CHECK (cancelled IN (0, 1)),
    n            BIGINT NOT NULL CHECK (n >= 0),
    PRIMARY KEY (formation_id, start_date, end_date, cancelled)
);
INSERT INTO enrollment_counts (formation_id, start_date, end_date, cancelled, n)
SELECT formation_id, start_date, end_date, CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END, COUNT(*)
FROM enrollments
GROUP BY formation_id, start_date, end_date, CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END;

CREATE FUNCTION enrollment_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE enrollment_counts SET n = n - 1
        WHERE formation_id = OLD.formation_id AND start_date = OLD.start_date AND end_date = OLD.end_date
          AND cancelled = CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO enrollment_counts (formation_id, start_date, end_date, cancelled, n)
        VALUES (NEW.formation_id, NEW.start_date, NEW.end_date, CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END, 1)
        ON CONFLICT (formation_id, start_date, end_date, cancelled)
        DO UPDATE SET n = enrollment_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER enrollment_counts_track
AFTER INSERT OR DELETE OR UPDATE OF formation_id, start_date, end_date, status ON enrollments
FOR EACH ROW EXECUTE FUNCTION enrollment_counts_track();
