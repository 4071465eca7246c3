CREATE TABLE reservation (
    id          UUID PRIMARY KEY,
    status      VARCHAR(30)  NOT NULL,
    schedule_id UUID         NOT NULL,
    vet         VARCHAR(100) NOT NULL,
    date        DATE         NOT NULL,
    owner_name  VARCHAR(100) NOT NULL,
    phone       VARCHAR(30)  NOT NULL,
    email       VARCHAR(254),
    pet_name    VARCHAR(100) NOT NULL,
    species     VARCHAR(50)  NOT NULL,
    reason      VARCHAR(1000),
    cancel_reason VARCHAR(30),
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX reservation_by_phone ON reservation (phone, created_at);
