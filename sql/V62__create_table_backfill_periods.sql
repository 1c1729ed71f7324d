-- The plan of a backfill and what became of each period.
CREATE TABLE backfill_periods (
    backfill_id   BIGINT       NOT NULL REFERENCES backfills (id) ON DELETE CASCADE,
    period        DATE         NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    state         VARCHAR(16)  NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'COMPLETED', 'SKIPPED', 'FAILED')),
    execution_id  BIGINT,
    exit_code     INTEGER,
    message       VARCHAR(2000),
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    PRIMARY KEY (backfill_id, period)
);
