-- Whom a notification is for (decision 0061): the reservation's contact (CUSTOMER), or the clinic's own recipient
-- (CLINIC: an appointment awaits approval). One notification per source event and audience.
ALTER TABLE notification ADD COLUMN audience VARCHAR(20) NOT NULL DEFAULT 'CUSTOMER'
    CHECK (audience IN ('CUSTOMER', 'CLINIC'));
ALTER TABLE notification DROP CONSTRAINT notification_event_id_key;
ALTER TABLE notification ADD CONSTRAINT notification_event_audience_key UNIQUE (event_id, audience);
-- Staff's work list by status (e.g. FAILED), newest pages last.
CREATE INDEX notification_by_status ON notification (status, created_at);
