-- A day whose p95 exceeded its trailing baseline (median p95 of the previous baseline_window days with
-- data) by more than the tolerance. magnitude = p95 / baseline_p95 - 1 (0.35 = 35% slower). Replaced
-- with the day's perf_aggregate rows.
CREATE TABLE perf_regressions (
    tenant_id       VARCHAR(64)      NOT NULL REFERENCES tenants (id),
    day             DATE             NOT NULL,
    project         VARCHAR(200)     NOT NULL,
    target          VARCHAR(200)     NOT NULL,
    p95             DOUBLE PRECISION NOT NULL,
    baseline_p95    DOUBLE PRECISION NOT NULL,
    baseline_days   INTEGER          NOT NULL,
    baseline_window INTEGER          NOT NULL,
    tolerance       DOUBLE PRECISION NOT NULL,
    magnitude       DOUBLE PRECISION NOT NULL,
    detected_at     TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (tenant_id, day, project, target)
);
CREATE INDEX perf_regressions_series_idx ON perf_regressions (tenant_id, project, target, day);
