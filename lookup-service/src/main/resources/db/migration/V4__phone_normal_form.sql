-- Phone numbers in one normal form (SPEC §3, issue 17): what look-ups by phone and a customer's ownership match
-- on. New events are normalised as they are consumed (ViewParts.Details); this converts the documents stored
-- before. V4, not V3: a database that ran the former V3 (uuid_list, now the platform's) still lists it.
--
-- phone_normal_form does what io.animalhospital.platform.security.PhoneNumbers.normalise does, for the shapes
-- that occur: separators (space . ( ) -) dropped, +82 turned into the leading 0, then 02-XXX(X)-XXXX for Seoul
-- and XXX-XXX(X)-XXXX otherwise. Anything else is kept exactly as it is (the view shows what the events said).
-- Kept after the migration: the tests check it against PhoneNumbers, and an operator may use it.
CREATE OR REPLACE FUNCTION phone_normal_form(phone TEXT) RETURNS TEXT
    LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    digits TEXT;
    n      INT;
BEGIN
    IF phone IS NULL THEN
        RETURN NULL;
    END IF;
    digits := regexp_replace(regexp_replace(phone, '^\s+|\s+$', '', 'g'), '[ .()-]', '', 'g');
    IF digits LIKE '+82%' THEN
        digits := substr(digits, 4);
        IF digits NOT LIKE '0%' THEN
            digits := '0' || digits;
        END IF;
    END IF;
    IF digits !~ '^0[0-9]{8,10}$' THEN
        RETURN phone;
    END IF;
    n := length(digits);
    IF digits LIKE '02%' THEN
        IF n IN (9, 10) THEN
            RETURN substr(digits, 1, 2) || '-' || substr(digits, 3, n - 6) || '-' || substr(digits, n - 3);
        END IF;
        RETURN phone;
    END IF;
    IF n IN (10, 11) THEN
        RETURN substr(digits, 1, 3) || '-' || substr(digits, 4, n - 7) || '-' || substr(digits, n - 3);
    END IF;
    RETURN phone;
END;
$$;

UPDATE reservation_status SET phone = phone_normal_form(phone)
WHERE phone IS DISTINCT FROM phone_normal_form(phone);
