package io.nightshift.aggregate;

import java.time.LocalDate;

/**
 * One day's figures of one tenant, project and target (a perf_aggregate row). The
 * percentiles, mean and max cover the non-cached successful tasks (n of them); they are
 * null when there are none.
 *
 * @param tenantId the tenant
 * @param day the day the tasks finished on
 * @param project the project
 * @param target the target
 * @param n non-cached successful tasks
 * @param cachedCount tasks served from a cache (whatever their status)
 * @param failedCount non-cached failed tasks
 * @param skippedCount non-cached skipped tasks
 * @param p50 exact median (percentile_cont)
 * @param p95 exact 95th percentile
 * @param p99 exact 99th percentile
 * @param mean mean duration
 * @param max longest duration
 * @param sketch the DDSketch of the n durations, encoded; null when n = 0
 * @param sketchAccuracy its relative accuracy
 * @param method how the figures were computed
 */
record PerfAggregateRow(String tenantId, LocalDate day, String project, String target, long n, long cachedCount,
		long failedCount, long skippedCount, Double p50, Double p95, Double p99, Double mean, Double max, byte[] sketch,
		Double sketchAccuracy, String method) {

	static final String METHOD = "percentile_cont+ddsketch";

	/** The key rows are emitted and resumed in. */
	String key() {
		return this.tenantId + '\u001f' + this.project + '\u001f' + this.target;
	}

}
