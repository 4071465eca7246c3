-- Phone numbers in one normal form (SPEC §3; io.animalhospital.platform.security.PhoneNumbers): 010-1234-5678,
-- 02-123-4567, 031-123-4567. Ownership is matched on it, so the reservations stored before are converted, as the
-- Java code does it; a number of another shape is kept as it is (no account's phone matches it; staff still find it).
CREATE OR REPLACE FUNCTION normalised_phone(raw TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    digits TEXT := regexp_replace(btrim(raw), '[ .()-]', '', 'g');
    n INTEGER;
BEGIN
    IF raw IS NULL THEN
        RETURN NULL;
    END IF;
    IF digits LIKE '+82%' THEN
        digits := substr(digits, 4);
        IF left(digits, 1) <> '0' THEN
            digits := '0' || digits;
        END IF;
    END IF;
    IF digits !~ '^0[0-9]{8,10}$' THEN
        RETURN raw;
    END IF;
    n := length(digits);
    IF left(digits, 2) = '02' THEN
        -- Seoul: 02-XXX-XXXX or 02-XXXX-XXXX
        IF n IN (9, 10) THEN
            RETURN '02-' || substr(digits, 3, n - 6) || '-' || right(digits, 4);
        END IF;
        RETURN raw;
    END IF;
    -- Mobile (01X), other areas and 070: a three-digit prefix, then 3 or 4 digits, then 4
    IF n IN (10, 11) THEN
        RETURN left(digits, 3) || '-' || substr(digits, 4, n - 7) || '-' || right(digits, 4);
    END IF;
    RETURN raw;
END
$$;

UPDATE reservation SET phone = normalised_phone(phone) WHERE phone <> normalised_phone(phone);

-- The Idempotency-Keys of placements (docs/decisions/0018-idempotent-placement.md): one claim per customer and key,
-- whatever the concurrency.
CREATE TABLE placement_key (
    owner_phone     VARCHAR(30)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    reservation_id  UUID         NOT NULL,
    claimed_until   TIMESTAMPTZ  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (owner_phone, idempotency_key)
);
