-- Bills (SPEC §2 "Bill and payment"): one per treated reservation, amounts in whole units of the currency.
CREATE TABLE bill (
    id               UUID         PRIMARY KEY,
    reservation_id   UUID         NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    total            BIGINT       NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    issued_at        TIMESTAMPTZ  NOT NULL,
    paid_at          TIMESTAMPTZ,
    payment_method   VARCHAR(20),
    treated_event_id UUID         NOT NULL,
    -- Exactly one bill per reservation, whatever the consumer does (duplicate or concurrent Treated events).
    CONSTRAINT bill_one_per_reservation UNIQUE (reservation_id),
    CONSTRAINT bill_status_known CHECK (status IN ('ISSUED', 'PAID')),
    CONSTRAINT bill_total_not_negative CHECK (total >= 0),
    CONSTRAINT bill_paid_has_payment CHECK ((status = 'PAID') = (paid_at IS NOT NULL AND payment_method IS NOT NULL))
);

CREATE TABLE bill_line (
    bill_id     UUID         NOT NULL REFERENCES bill (id) ON DELETE CASCADE,
    line_no     INTEGER      NOT NULL,
    code        VARCHAR(100) NOT NULL,
    description VARCHAR(300) NOT NULL,
    quantity    INTEGER      NOT NULL CHECK (quantity > 0),
    unit_price  BIGINT       NOT NULL CHECK (unit_price >= 0),
    amount      BIGINT       NOT NULL CHECK (amount = unit_price * quantity),
    PRIMARY KEY (bill_id, line_no)
);

-- The payment of a bill and the Idempotency-Key it was made under; a bill is paid once.
CREATE TABLE payment (
    id              UUID         PRIMARY KEY,
    bill_id         UUID         NOT NULL REFERENCES bill (id),
    idempotency_key VARCHAR(255) NOT NULL,
    amount          BIGINT       NOT NULL,
    method          VARCHAR(20)  NOT NULL,
    paid_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT payment_one_per_bill UNIQUE (bill_id)
);
