-- Idempotent consumers: an event id is recorded in the same transaction as its effect.
CREATE TABLE IF NOT EXISTS processed_event (
    event_id     UUID PRIMARY KEY,
    topic        VARCHAR(100) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The uuids of a list parameter, one row each: uuid_list($1, $2, ...). Hibernate binds a list parameter as
-- separate values; VARIADIC uuid[] gives each of them its type.
CREATE OR REPLACE FUNCTION uuid_list(VARIADIC ids uuid[]) RETURNS SETOF uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS 'SELECT unnest(ids)';
