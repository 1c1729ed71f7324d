CREATE UNIQUE INDEX reconcile_runs_job_instance_idx ON reconcile_runs (job_instance_id);
