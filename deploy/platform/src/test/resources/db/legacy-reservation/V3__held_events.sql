-- An event can be held back until a time: a placement writes its NOT_CONFIRMED cancellation before it calls
-- diagnosis, held. Confirming the placement deletes it; a failed placement releases it at once; a placement
-- cut off by a crash, a database outage or a customer hanging up leaves it to go out when the hold ends.
ALTER TABLE outbox_event ADD COLUMN held_until TIMESTAMPTZ;

-- Wake the relay only for rows it may publish now: on insert without a hold, and on release.
DROP TRIGGER outbox_event_inserted ON outbox_event;
CREATE TRIGGER outbox_event_inserted AFTER INSERT ON outbox_event
    FOR EACH ROW WHEN (NEW.held_until IS NULL) EXECUTE FUNCTION notify_outbox_event();
CREATE TRIGGER outbox_event_released AFTER UPDATE OF held_until ON outbox_event
    FOR EACH ROW WHEN (NEW.held_until IS NULL) EXECUTE FUNCTION notify_outbox_event();
