-- A backfill: one command working through a range of periods of one job. Running the same command
-- again after a crash finds its RUNNING row (owner gone) and resumes it.
CREATE TABLE backfills (
    id            BIGSERIAL    PRIMARY KEY,
    job_name      VARCHAR(100) NOT NULL,
    tenant        VARCHAR(64)  NOT NULL,
    from_date     DATE         NOT NULL,
    to_date       DATE         NOT NULL CHECK (to_date >= from_date),
    reprocess     VARCHAR(8)   NOT NULL CHECK (reprocess IN ('none', 'failed', 'all')),
    reverse       BOOLEAN      NOT NULL,
    max_parallel  INTEGER      NOT NULL CHECK (max_parallel >= 1),
    status        VARCHAR(16)  NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    actor         VARCHAR(200) NOT NULL,
    reason        VARCHAR(2000),
    owner_host    VARCHAR(255) NOT NULL,
    owner_pid     BIGINT       NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);
CREATE INDEX backfills_command_idx ON backfills (job_name, tenant, from_date, to_date, reprocess, status);
