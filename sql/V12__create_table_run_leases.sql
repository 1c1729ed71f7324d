-- One lease per (job, period, tenant): a run holds it while it executes, renewing lease_until
-- by heartbeat. epoch increases on every acquisition so a stale holder can be fenced off.
CREATE TABLE run_leases (
    job_name      VARCHAR(100) NOT NULL,
    period        DATE         NOT NULL,
    tenant        VARCHAR(64)  NOT NULL,
    execution_id  BIGINT,
    owner_host    VARCHAR(255) NOT NULL,
    owner_pid     BIGINT       NOT NULL,
    epoch         BIGINT       NOT NULL,
    acquired_at   TIMESTAMPTZ  NOT NULL,
    renewed_at    TIMESTAMPTZ  NOT NULL,
    lease_until   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (job_name, period, tenant)
);
CREATE INDEX run_leases_until_idx ON run_leases (lease_until);
