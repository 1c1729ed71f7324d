-- Daily performance aggregate per tenant, project and target over non-cached successful runs.
-- sketch: a serialized mergeable quantile sketch; method names how the percentiles were computed.
CREATE TABLE perf_aggregate (
    tenant_id     VARCHAR(64)      NOT NULL REFERENCES tenants (id),
    day           DATE             NOT NULL,
    project       VARCHAR(200)     NOT NULL,
    target        VARCHAR(200)     NOT NULL,
    n             BIGINT           NOT NULL CHECK (n >= 0),
    cached_count  BIGINT           NOT NULL DEFAULT 0,
    failed_count  BIGINT           NOT NULL DEFAULT 0,
    p50           DOUBLE PRECISION,
    p95           DOUBLE PRECISION,
    p99           DOUBLE PRECISION,
    mean          DOUBLE PRECISION,
    max           DOUBLE PRECISION,
    sketch        BYTEA,
    method        VARCHAR(64)      NOT NULL,
    computed_at   TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (tenant_id, day, project, target)
);
CREATE INDEX perf_aggregate_series_idx ON perf_aggregate (tenant_id, project, target, day);
