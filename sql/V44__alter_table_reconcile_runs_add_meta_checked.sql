-- How many enrollments' meta hashes a reconcile run recomputed: shows the check covered the scope.
ALTER TABLE reconcile_runs ADD COLUMN meta_checked BIGINT NOT NULL DEFAULT 0;
