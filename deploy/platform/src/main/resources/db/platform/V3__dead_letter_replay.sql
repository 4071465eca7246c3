-- Dead letters an administrator replayed (GET/POST /admin/dead-letters): the record itself stays on the
-- dead-letter topic; this says when and by whom it was applied again.
CREATE TABLE IF NOT EXISTS dead_letter_replay (
    topic       VARCHAR(249) NOT NULL,
    partition   INT          NOT NULL,
    record_offset BIGINT     NOT NULL,
    replayed_at TIMESTAMPTZ  NOT NULL,
    replayed_by VARCHAR(200) NOT NULL,
    times       INT          NOT NULL DEFAULT 1,
    PRIMARY KEY (topic, partition, record_offset)
);
