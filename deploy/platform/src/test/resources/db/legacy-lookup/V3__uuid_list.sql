-- The uuids of a list parameter, one row each: uuid_list($1, $2, ...). Hibernate binds a list parameter as
-- separate values (see messaging/ProcessedEvents for why a list and not one array); VARIADIC uuid[] gives
-- each of them its type, which PostgreSQL could not infer for an ARRAY[...] Hibernate puts in parentheses.
CREATE FUNCTION uuid_list(VARIADIC ids uuid[]) RETURNS SETOF uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS 'SELECT unnest(ids)';
