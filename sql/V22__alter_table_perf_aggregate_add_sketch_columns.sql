-- skipped_count: non-cached tasks with status 'skipped' (neither in n nor in failed_count).
-- sketch_accuracy: the relative accuracy of the stored DDSketch; sketches merge only at equal accuracy.
ALTER TABLE perf_aggregate
    ADD COLUMN skipped_count   BIGINT           NOT NULL DEFAULT 0,
    ADD COLUMN sketch_accuracy DOUBLE PRECISION CHECK (sketch_accuracy > 0 AND sketch_accuracy < 1);
