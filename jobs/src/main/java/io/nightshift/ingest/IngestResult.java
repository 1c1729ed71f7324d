package io.nightshift.ingest;

import java.time.LocalDate;
import java.util.List;

import io.nightshift.platform.launch.LaunchOutcome;

/**
 * What {@code nightshift ingest} came to.
 *
 * @param exitCode the process exit code: 2 when any file was rejected (the others were
 * still ingested), 3 when nothing was new, 1 or 4 when the run failed or could not start,
 * 0 otherwise
 * @param message one line for the operator
 * @param files files found
 * @param accepted files that passed validation
 * @param duplicates identical copies of accepted files, dropped
 * @param rejected files refused, each with the JSON pointer of its first problem
 * @param input the run's input key (SHA-256 over the accepted files' digests); null when
 * nothing was accepted
 * @param outcome the launch of the ingest job; null when nothing was accepted
 * @param runsRead runs read by the job (over all its executions)
 * @param newRuns runs that were new
 * @param knownRuns runs already ingested before
 * @param newTasks build_metrics rows written
 * @param days the days (of perf-aggregate) that received new tasks, with whether they
 * were already aggregated
 */
public record IngestResult(int exitCode, String message, int files, int accepted, int duplicates,
		List<Rejection> rejected, String input, LaunchOutcome outcome, long runsRead, long newRuns, long knownRuns,
		long newTasks, List<TouchedDay> days) {

	/**
	 * A day that received new tasks.
	 *
	 * @param tenant the tenant
	 * @param day the day (in perf-aggregate's zone)
	 * @param tasks new tasks that finished that day
	 * @param aggregated whether perf-aggregate already has rows for it (rerun it to count
	 * them)
	 * @param rerun the command that brings the day's aggregate up to date, when needed
	 */
	public record TouchedDay(String tenant, LocalDate day, long tasks, boolean aggregated, String rerun) {
	}

}
