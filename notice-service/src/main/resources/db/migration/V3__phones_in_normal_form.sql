-- Phone numbers in their one normal form (SPEC §3, io.animalhospital.platform.security.PhoneNumbers): what was
-- stored before is converted, so that a customer finds every notification by the phone of their account.
-- phone_normal_form() does PhoneNumbers.normalise's conversion in SQL and keeps what it cannot convert as it is:
-- separators (space . ( ) -) dropped, +82 → 0, then 02 + 7/8 digits → 02-xxx(x)-xxxx, other 0xx + 7/8 digits →
-- 0xx-xxx(x)-xxxx. It stays for later migrations (the tests compare it with PhoneNumbers).
CREATE FUNCTION phone_normal_form(phone TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE AS $$
    WITH stripped AS (
        SELECT regexp_replace(btrim(phone, E' \t\r\n'), '[ .()-]', '', 'g') AS d
    ), national AS (
        SELECT CASE WHEN d LIKE '+82%'
                    THEN CASE WHEN substr(d, 4, 1) = '0' THEN substr(d, 4) ELSE '0' || substr(d, 4) END
                    ELSE d END AS d
        FROM stripped
    )
    SELECT CASE
        WHEN phone IS NULL THEN NULL
        WHEN d !~ '^0[0-9]{8,10}$' THEN phone
        WHEN d LIKE '02%' AND length(d) IN (9, 10)
            THEN substr(d, 1, 2) || '-' || substr(d, 3, length(d) - 6) || '-' || right(d, 4)
        WHEN d LIKE '02%' THEN phone
        WHEN length(d) IN (10, 11)
            THEN substr(d, 1, 3) || '-' || substr(d, 4, length(d) - 7) || '-' || right(d, 4)
        ELSE phone
    END
    FROM national
$$;

UPDATE reservation_contact SET phone = phone_normal_form(phone) WHERE phone IS DISTINCT FROM phone_normal_form(phone);
UPDATE notification SET phone = phone_normal_form(phone) WHERE phone IS DISTINCT FROM phone_normal_form(phone);
-- The recipient is the phone on every channel but e-mail.
UPDATE notification SET recipient = phone_normal_form(recipient)
    WHERE channel IS DISTINCT FROM 'EMAIL' AND recipient IS DISTINCT FROM phone_normal_form(recipient);
