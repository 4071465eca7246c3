-- The contact of each reservation, copied from reservation-events: bills carry no contact of their own.
CREATE TABLE reservation_contact (
    reservation_id UUID PRIMARY KEY,
    owner_name     VARCHAR(100),
    phone          VARCHAR(30),
    email          VARCHAR(254),
    pet_name       VARCHAR(100),
    vet            VARCHAR(100),
    visit_date     DATE,
    -- The snapshot's updatedAt: an older snapshot (a replay) never overwrites a newer one.
    updated_at     TIMESTAMPTZ NOT NULL
);

-- One notification per source event (unique event_id), with its delivery state.
CREATE TABLE notification (
    id              UUID PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    event_type      VARCHAR(100) NOT NULL,
    reservation_id  UUID         NOT NULL,
    -- NULL recipient/channel/message: a bill event whose contact has not arrived yet.
    recipient       VARCHAR(254),
    phone           VARCHAR(30),
    channel         VARCHAR(20),
    language        VARCHAR(5)   NOT NULL,
    message         VARCHAR(2000),
    -- The source event, kept until the contact arrives so the message can be written then.
    pending_event   JSONB,
    status          VARCHAR(20)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    last_error      VARCHAR(1000),
    -- When the next delivery attempt is due; NULL when none is (awaiting contact, SENT, FAILED).
    next_attempt_at TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX notification_by_reservation ON notification (reservation_id, created_at);
CREATE INDEX notification_by_recipient ON notification (recipient, created_at);
CREATE INDEX notification_by_phone ON notification (phone, created_at);
-- The delivery worker's queue: only due PENDING rows are scanned.
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING' AND next_attempt_at IS NOT NULL;
CREATE INDEX notification_awaiting_contact ON notification (reservation_id) WHERE recipient IS NULL AND status = 'PENDING';
