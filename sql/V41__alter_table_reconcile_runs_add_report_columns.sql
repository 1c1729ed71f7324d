-- A reconcile run's report belongs to its job instance (date, tenant, attempt): a restarted
-- execution continues the same report instead of starting a second one.
-- repair / discrepancy_cap: the settings the run used; outcome: clean, drift or repaired once finished.
ALTER TABLE reconcile_runs
    ADD COLUMN job_instance_id BIGINT,
    ADD COLUMN repair          BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN discrepancy_cap INTEGER,
    ADD COLUMN outcome         VARCHAR(16) CHECK (outcome IN ('clean', 'drift', 'repaired'));
