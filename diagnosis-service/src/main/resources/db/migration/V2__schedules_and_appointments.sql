-- A vet's clinic day. booked <= capacity is enforced by the database itself: whatever the concurrency and
-- however many replicas run, taking a seat is one conditional UPDATE that this constraint guards.
CREATE TABLE schedule (
    id                UUID PRIMARY KEY,
    vet               VARCHAR(100) NOT NULL,
    date              DATE         NOT NULL,
    capacity          INT          NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    booked            INT          NOT NULL DEFAULT 0 CHECK (booked >= 0),
    approval_required BOOLEAN      NOT NULL DEFAULT FALSE,
    withdrawn         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT schedule_not_overbooked CHECK (booked <= capacity)
);
CREATE INDEX schedule_by_date ON schedule (date, vet);

-- One appointment per reservation; active ones (AWAITING_APPROVAL, BOOKED) hold a seat.
CREATE TABLE appointment (
    reservation_id  UUID PRIMARY KEY,
    schedule_id     UUID         NOT NULL REFERENCES schedule (id),
    status          VARCHAR(20)  NOT NULL,
    pet_name        VARCHAR(100) NOT NULL,
    reason          VARCHAR(1000),
    doctor          VARCHAR(100),
    medical_opinion TEXT,
    treatment       TEXT,
    prescription    TEXT,
    items           TEXT,  -- JSON array of {code, quantity}
    cancel_reason   VARCHAR(30),
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX appointment_by_schedule ON appointment (schedule_id, status);

-- Reservations cancelled before their appointment existed (a booking whose answer was lost may commit after
-- the cancellation arrives): such a booking is refused, so no seat stays taken.
CREATE TABLE cancelled_reservation (
    reservation_id UUID PRIMARY KEY,
    cancelled_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
