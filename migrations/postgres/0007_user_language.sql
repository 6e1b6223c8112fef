-- The language a user chose with the FR/EN switch; NULL for one who never
-- chose (their pages follow the browser's Accept-Language).
ALTER TABLE users ADD COLUMN language TEXT;
