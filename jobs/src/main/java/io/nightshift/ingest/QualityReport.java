package io.nightshift.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One quality report: one CI run of a tenant with its tasks (one per project and target)
 * and per-project summaries. The format is documented in
 * docs/schemas/quality-report.schema.json.
 *
 * @param runId the run's id, unique across tenants
 * @param generatedAt when the report was written
 * @param tenant the tenant the run belongs to
 * @param tasks the tasks, at most one per project and target
 * @param aggregates per-project summaries of the tasks
 */
record QualityReport(String runId, Instant generatedAt, String tenant, List<Task> tasks,
		List<ProjectAggregate> aggregates) {

	/**
	 * @param project the project
	 * @param target the target (build, test, lint...)
	 * @param status success, failed or skipped
	 * @param durationMs how long the task ran
	 * @param cached whether its result came from a cache
	 * @param startedAt when it started
	 * @param endedAt when it ended; its day is the day the task counts for
	 */
	record Task(String project, String target, String status, long durationMs, boolean cached, Instant startedAt,
			Instant endedAt) {
	}

	/**
	 * @param project the project
	 * @param tasks its tasks in the run
	 * @param failed those with status failed
	 * @param cached those served from a cache
	 * @param durationMs the sum of their durations
	 */
	record ProjectAggregate(String project, long tasks, long failed, long cached, long durationMs) {
	}

	/** The per-project summaries as the tasks define them. */
	static List<ProjectAggregate> aggregatesOf(List<Task> tasks) {
		Map<String, long[]> sums = new LinkedHashMap<>();
		for (Task task : tasks) {
			long[] sum = sums.computeIfAbsent(task.project(), (project) -> new long[4]);
			sum[0]++;
			sum[1] += "failed".equals(task.status()) ? 1 : 0;
			sum[2] += task.cached() ? 1 : 0;
			sum[3] += task.durationMs();
		}
		return sums.entrySet()
			.stream()
			.map((entry) -> new ProjectAggregate(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
					entry.getValue()[2], entry.getValue()[3]))
			.toList();
	}

}
