-- The request from ask to pay (issue 17): what a formation costs, when it
-- runs, how many it takes and how to pay, shown in the catalogue; and a
-- learner may withdraw a request still waiting for the payment.

-- Price in cents (NULL: free) and its ISO 4217 currency.
ALTER TABLE formations ADD COLUMN price_cents BIGINT
    CHECK (price_cents IS NULL OR price_cents BETWEEN 0 AND 1000000000);
ALTER TABLE formations ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
-- The period it runs, as announced (YYYY-MM-DD, both or neither).
ALTER TABLE formations ADD COLUMN starts_on TEXT COLLATE "C";
ALTER TABLE formations ADD COLUMN ends_on TEXT COLLATE "C";
-- Places offered (NULL: not limited).
ALTER TABLE formations ADD COLUMN seats BIGINT CHECK (seats IS NULL OR seats > 0);
-- What the learner reads after asking (bank transfer details…).
ALTER TABLE formations ADD COLUMN payment_instructions TEXT NOT NULL DEFAULT '';

-- Requests gain 'withdrawn'.
ALTER TABLE enrollment_requests DROP CONSTRAINT enrollment_requests_status_check;
ALTER TABLE enrollment_requests ADD CONSTRAINT enrollment_requests_status_check
    CHECK (status IN ('pending', 'confirmed', 'rejected', 'withdrawn'));

-- A formation an admin is still preparing: never in the catalogue until
-- published. The admin form creates drafts; the command line, the demo and
-- rows written without this column are published.
ALTER TABLE formations ADD COLUMN draft BIGINT NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
