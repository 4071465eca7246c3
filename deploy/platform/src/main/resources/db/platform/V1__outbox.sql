-- Transactional outbox: events written with the state change, relayed to Kafka after commit.
-- IF NOT EXISTS throughout: a service's own migrations created these tables before the platform took them over.
CREATE TABLE IF NOT EXISTS outbox_event (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(100) NOT NULL,
    record_key  VARCHAR(100) NOT NULL,
    event_type  VARCHAR(100) NOT NULL,
    payload     JSONB        NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL
);
-- A held row is published when its time comes or when it is released (Outbox.hold).
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS held_until TIMESTAMPTZ;

-- NOTIFY is delivered on commit only: the relay wakes when there is something committed it may publish now.
CREATE OR REPLACE FUNCTION notify_outbox_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS outbox_event_inserted ON outbox_event;
CREATE TRIGGER outbox_event_inserted AFTER INSERT ON outbox_event
    FOR EACH ROW WHEN (NEW.held_until IS NULL) EXECUTE FUNCTION notify_outbox_event();
DROP TRIGGER IF EXISTS outbox_event_released ON outbox_event;
CREATE TRIGGER outbox_event_released AFTER UPDATE OF held_until ON outbox_event
    FOR EACH ROW WHEN (NEW.held_until IS NULL) EXECUTE FUNCTION notify_outbox_event();
