-- Tenants of the platform. Every domain row references one (tenant isolation).
CREATE TABLE tenants (
    id         VARCHAR(64)  PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$' AND id <> 'all'),
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
