-- One row per task of a quality run (one project/target pair), ingested from quality reports.
CREATE TABLE build_metrics (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL REFERENCES tenants (id),
    run_id      VARCHAR(128) NOT NULL,
    project     VARCHAR(200) NOT NULL,
    target      VARCHAR(200) NOT NULL,
    status      VARCHAR(16)  NOT NULL CHECK (status IN ('success', 'failed', 'skipped')),
    duration_ms BIGINT       NOT NULL CHECK (duration_ms >= 0),
    cached      BOOLEAN      NOT NULL,
    started_at  TIMESTAMPTZ  NOT NULL,
    finished_at TIMESTAMPTZ  NOT NULL,
    CHECK (finished_at >= started_at),
    UNIQUE (tenant_id, run_id, project, target)
);
CREATE INDEX build_metrics_finished_idx ON build_metrics (tenant_id, finished_at);
