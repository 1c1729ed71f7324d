CREATE TABLE users (
    id         BIGINT       NOT NULL,
    tenant_id  VARCHAR(64)  NOT NULL REFERENCES tenants (id),
    email      VARCHAR(320) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, email)
);
