-- The evidence ledger: per tenant and kind (daily, weekly) an append-only hash chain of snapshots.
-- payload holds the snapshot's canonical JSON (RFC 8785) bytes, never jsonb (which reorders keys);
-- it becomes NULL when retention redacts the entry, while its hashes stay so the chain still verifies.
-- seq is the entry's position in its chain (1, 2, ...); prev_hash is the chain_hash of the entry
-- before it (64 zeros for the first); a changed period appends a new revision that supersedes the
-- previous one.
CREATE TABLE ledger_snapshots (
    id               BIGSERIAL    PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL REFERENCES tenants (id),
    kind             VARCHAR(8)   NOT NULL CHECK (kind IN ('daily', 'weekly')),
    period           DATE         NOT NULL,
    revision         INTEGER      NOT NULL CHECK (revision >= 1),
    supersedes       BIGINT       REFERENCES ledger_snapshots (id),
    seq              BIGINT       NOT NULL CHECK (seq >= 1),
    schema_version   INTEGER      NOT NULL,
    coverage         VARCHAR(8)   NOT NULL CHECK (coverage IN ('COMPLETE', 'PARTIAL')),
    coverage_reasons TEXT,
    payload          BYTEA,
    content_hash     CHAR(64)     NOT NULL,
    prev_hash        CHAR(64)     NOT NULL,
    chain_hash       CHAR(64)     NOT NULL,
    captured_at      TIMESTAMPTZ  NOT NULL,
    execution_id     BIGINT,
    redacted_at      TIMESTAMPTZ,
    UNIQUE (tenant_id, kind, seq),
    UNIQUE (tenant_id, kind, period, revision),
    CHECK ((payload IS NULL) = (redacted_at IS NOT NULL))
);
CREATE INDEX ledger_snapshots_period_idx ON ledger_snapshots (tenant_id, kind, period);
