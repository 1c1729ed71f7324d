-- One row per reconcile run: what was compared and what differed, by kind.
CREATE TABLE reconcile_runs (
    id                      BIGSERIAL    PRIMARY KEY,
    execution_id            BIGINT,
    run_date                DATE         NOT NULL,
    tenant                  VARCHAR(64)  NOT NULL,
    expected                BIGINT       NOT NULL DEFAULT 0,
    actual                  BIGINT       NOT NULL DEFAULT 0,
    missing                 BIGINT       NOT NULL DEFAULT 0,
    extra                   BIGINT       NOT NULL DEFAULT 0,
    mismatched              BIGINT       NOT NULL DEFAULT 0,
    meta_hash_mismatches    BIGINT       NOT NULL DEFAULT 0,
    repaired                BIGINT       NOT NULL DEFAULT 0,
    skipped_newer           BIGINT       NOT NULL DEFAULT 0,
    discrepancies_recorded  BIGINT       NOT NULL DEFAULT 0,
    discrepancies_beyond_cap BIGINT      NOT NULL DEFAULT 0,
    started_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at             TIMESTAMPTZ,
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX reconcile_runs_date_idx ON reconcile_runs (run_date, tenant);
CREATE INDEX reconcile_runs_created_idx ON reconcile_runs (created_at);
