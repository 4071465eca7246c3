-- The trace context current when the event was written (W3C traceparent): the relay publishes the event as part of
-- that trace, however late (decision 0095). Null for rows written without one.
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS trace_parent VARCHAR(128);
