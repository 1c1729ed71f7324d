-- projection-rebuild and reconcile read enrollments by program id range (their partitions); the
-- included columns let the per-program counts and watermark come from the index alone.
CREATE INDEX enrollments_program_id_idx ON enrollments (program_id) INCLUDE (status, updated_at);
