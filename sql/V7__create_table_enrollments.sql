-- meta_hash: SHA-256 (hex) of the canonical JSON form of meta, kept by the writer of the row
-- and recomputed by reconcile.
CREATE TABLE enrollments (
    id         BIGINT       NOT NULL,
    tenant_id  VARCHAR(64)  NOT NULL,
    user_id    BIGINT       NOT NULL,
    program_id BIGINT       NOT NULL,
    status     VARCHAR(16)  NOT NULL CHECK (status IN ('invited', 'active', 'paused', 'completed', 'withdrawn')),
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    meta       JSONB        NOT NULL DEFAULT '{}'::jsonb,
    meta_hash  CHAR(64),
    PRIMARY KEY (id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id),
    CHECK (updated_at >= created_at)
);
CREATE INDEX enrollments_program_idx ON enrollments (tenant_id, program_id, status);
CREATE INDEX enrollments_updated_at_idx ON enrollments (tenant_id, updated_at);
