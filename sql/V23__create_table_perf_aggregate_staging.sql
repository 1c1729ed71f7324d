-- perf-aggregate partitions write their rows here, keyed by the job instance (stable across restarts);
-- the publish step then replaces the day's perf_aggregate rows from it in one transaction and clears it.
CREATE TABLE perf_aggregate_staging (
    job_instance_id BIGINT           NOT NULL,
    tenant_id       VARCHAR(64)      NOT NULL REFERENCES tenants (id),
    day             DATE             NOT NULL,
    project         VARCHAR(200)     NOT NULL,
    target          VARCHAR(200)     NOT NULL,
    n               BIGINT           NOT NULL CHECK (n >= 0),
    cached_count    BIGINT           NOT NULL,
    failed_count    BIGINT           NOT NULL,
    skipped_count   BIGINT           NOT NULL,
    p50             DOUBLE PRECISION,
    p95             DOUBLE PRECISION,
    p99             DOUBLE PRECISION,
    mean            DOUBLE PRECISION,
    max             DOUBLE PRECISION,
    sketch          BYTEA,
    sketch_accuracy DOUBLE PRECISION,
    method          VARCHAR(64)      NOT NULL,
    computed_at     TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (job_instance_id, tenant_id, day, project, target)
);
