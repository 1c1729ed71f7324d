-- The quality runs ingested so far, one row per runId: what makes ingest idempotent by runId (also for
-- runs without tasks, and after retention removed a run's build_metrics rows) and what ties a runId to
-- one tenant. source_digest is the SHA-256 of the report file the run came from.
CREATE TABLE ingested_quality_runs (
    run_id        VARCHAR(128)  PRIMARY KEY,
    tenant_id     VARCHAR(64)   NOT NULL REFERENCES tenants (id),
    generated_at  TIMESTAMPTZ   NOT NULL,
    task_count    INTEGER       NOT NULL CHECK (task_count >= 0),
    source_file   VARCHAR(1024) NOT NULL,
    source_digest CHAR(64)      NOT NULL,
    execution_id  BIGINT,
    ingested_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX ingested_quality_runs_tenant_idx ON ingested_quality_runs (tenant_id, generated_at);
