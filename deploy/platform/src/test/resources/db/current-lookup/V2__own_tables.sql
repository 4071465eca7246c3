-- The service's own tables (stands for a service's V2).
CREATE TABLE own_thing (id UUID PRIMARY KEY);
