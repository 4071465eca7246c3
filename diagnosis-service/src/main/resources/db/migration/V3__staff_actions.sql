-- Who on the staff did what, and when (SPEC §2: every staff action records who did it): the token's subject and
-- the person's name, one set of columns per kind of action. Empty in rows from before this migration, and for what
-- no person did (bookings and moves are reservation-service's calls, cancellations arrive as events).
ALTER TABLE schedule
    ADD COLUMN created_by_subject   TEXT,
    ADD COLUMN created_by_name      TEXT,
    ADD COLUMN created_by_at        TIMESTAMPTZ,
    ADD COLUMN updated_by_subject   TEXT,
    ADD COLUMN updated_by_name      TEXT,
    ADD COLUMN updated_by_at        TIMESTAMPTZ,
    ADD COLUMN withdrawn_by_subject TEXT,
    ADD COLUMN withdrawn_by_name    TEXT,
    ADD COLUMN withdrawn_by_at      TIMESTAMPTZ;

ALTER TABLE appointment
    ADD COLUMN approved_by_subject TEXT,
    ADD COLUMN approved_by_name    TEXT,
    ADD COLUMN approved_by_at      TIMESTAMPTZ,
    ADD COLUMN declined_by_subject TEXT,
    ADD COLUMN declined_by_name    TEXT,
    ADD COLUMN declined_by_at      TIMESTAMPTZ,
    ADD COLUMN recorded_by_subject TEXT,
    ADD COLUMN recorded_by_name    TEXT,
    ADD COLUMN recorded_by_at      TIMESTAMPTZ;
