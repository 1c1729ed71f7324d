-- perf-aggregate reads one day of every tenant (tenant 'all'): build_metrics_finished_idx leads with
-- tenant_id and cannot serve that range; this one can, and carries project for the partition filter.
CREATE INDEX build_metrics_day_idx ON build_metrics (finished_at, project);
