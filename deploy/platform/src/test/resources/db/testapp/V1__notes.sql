CREATE TABLE note (
    id             UUID PRIMARY KEY,
    reservation_id UUID         NOT NULL,
    text           VARCHAR(100) NOT NULL
);
CREATE TABLE applied_note (
    reservation_id UUID PRIMARY KEY,
    times          INT NOT NULL
);
