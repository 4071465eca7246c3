-- The reservation status view (SPEC §2): one row per reservation, built only from events.
-- Scalar facts are columns, so they can be looked up (phone) and compared under the row lock; each part
-- keeps the occurredAt of the event it came from, which decides whether a late event may still change it.
-- Nested parts (treatment, last notification, history) are JSONB, always read and written with the row.
-- Text columns are unbounded: the values come from other services' events, and a length limit here
-- would send a valid event to the DLQ.
CREATE TABLE reservation_status (
    reservation_id        UUID PRIMARY KEY,
    owner_name            TEXT,
    phone                 TEXT,
    pet_name              TEXT,
    vet                   TEXT,
    date                  DATE,
    details_at            TIMESTAMPTZ,
    reservation_status    TEXT,
    reservation_status_at TIMESTAMPTZ,
    appointment_status    TEXT,
    appointment_status_at TIMESTAMPTZ,
    treatment             JSONB,
    treatment_at          TIMESTAMPTZ,
    bill_id               UUID,
    bill_total            BIGINT,
    bill_status           TEXT,
    bill_at               TIMESTAMPTZ,
    last_notification     JSONB,
    last_notification_at  TIMESTAMPTZ,
    -- Status changes, ordered by time; each entry keeps its event id, so a redelivery adds nothing.
    -- (JSON objects around the arrays: Hibernate Reactive reads a top-level JSONB array back as a failure.)
    history               JSONB       NOT NULL DEFAULT '{"entries": []}',
    -- Every event id applied to this document (status changes and the rest): the per-document guard.
    applied_events        JSONB       NOT NULL DEFAULT '{"ids": []}',
    -- The latest occurredAt applied: deterministic, so a rebuild yields the same document.
    updated_at            TIMESTAMPTZ,
    -- Number of distinct events applied; orders the pushes of the live stream.
    version               BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX reservation_status_by_phone ON reservation_status (phone);
