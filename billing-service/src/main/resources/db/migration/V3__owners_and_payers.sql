-- Whose a bill is (SPEC §7): the phone of each reservation, learnt from reservation-events (billing never asks
-- reservation-service). A customer reads and pays the bills of reservations made with their phone; a bill whose
-- reservation's owner has not arrived yet is the clinic's only until it does.
CREATE TABLE reservation_owner (
    reservation_id UUID        PRIMARY KEY,
    -- In the one normal form (010-1234-5678), as customers' tokens carry it after normalisation.
    phone          VARCHAR(30) NOT NULL,
    -- The snapshot's updatedAt: an older snapshot (a late or replayed event) never overwrites a newer one.
    updated_at     TIMESTAMPTZ NOT NULL
);

-- Who paid (the customer) or recorded the payment at the desk (staff): the token's subject and name. Kept on the
-- payment (the record) and on the bill (its representation), like the method and time; NULL for payments taken
-- before identities existed.
ALTER TABLE payment
    ADD COLUMN paid_by_subject VARCHAR(255),
    ADD COLUMN paid_by_name    VARCHAR(255),
    ADD COLUMN paid_at_desk    BOOLEAN;
ALTER TABLE bill
    ADD COLUMN paid_by_subject VARCHAR(255),
    ADD COLUMN paid_by_name    VARCHAR(255),
    ADD COLUMN paid_at_desk    BOOLEAN;
