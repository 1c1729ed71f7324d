-- The discrepancies a reconcile run found, up to its cap (the rest are counted in reconcile_runs).
-- entity_key: the program id (documents) or enrollment id (meta hashes); diff: canonical JSON of the
-- fields that differ.
CREATE TABLE reconcile_discrepancies (
    id          BIGSERIAL    PRIMARY KEY,
    run_id      BIGINT       NOT NULL REFERENCES reconcile_runs (id) ON DELETE CASCADE,
    tenant_id   VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL CHECK (kind IN ('missing', 'extra', 'mismatched', 'meta_hash')),
    entity_key  VARCHAR(128) NOT NULL,
    diff        TEXT,
    repaired    BOOLEAN      NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX reconcile_discrepancies_run_idx ON reconcile_discrepancies (run_id, kind);
