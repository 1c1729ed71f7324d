-- Every request through the launch service, accepted or refused: who, why, from where, with which
-- code. execution_id is the execution a run/rerun/restart created (set once Spring Batch created
-- it); target_execution_id the execution a restart/stop/abandon/recover acted on.
CREATE TABLE launch_audit (
    id            BIGSERIAL    PRIMARY KEY,
    execution_id  BIGINT       UNIQUE,
    target_execution_id BIGINT,
    action        VARCHAR(16)  NOT NULL CHECK (action IN ('run', 'rerun', 'restart', 'stop', 'abandon', 'recover')),
    job_name      VARCHAR(100) NOT NULL,
    period        DATE,
    tenant        VARCHAR(64),
    attempt       INTEGER,
    trigger       VARCHAR(16)  NOT NULL CHECK (trigger IN ('schedule', 'operator', 'ci', 'backfill', 'api', 'reaper')),
    actor         VARCHAR(200) NOT NULL,
    reason        VARCHAR(2000),
    host          VARCHAR(255) NOT NULL,
    pid           BIGINT       NOT NULL,
    app_version   VARCHAR(64)  NOT NULL,
    settings      TEXT,
    outcome       VARCHAR(32)  NOT NULL,
    exit_code     INTEGER,
    message       VARCHAR(2000),
    requested_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);
CREATE INDEX launch_audit_period_idx ON launch_audit (job_name, period, tenant);
CREATE INDEX launch_audit_requested_idx ON launch_audit (requested_at);
CREATE INDEX launch_audit_target_idx ON launch_audit (target_execution_id);
