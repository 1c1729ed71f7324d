package io.nightshift.platform.backfill;

import java.time.LocalDate;
import java.util.List;

/**
 * What a backfill did.
 *
 * @param backfillId its record
 * @param plan the plan it followed
 * @param periods one result per period, in plan order
 * @param exitCode 0 when every period completed or was skipped, 1 when any failed
 * @param millis how long it took
 */
public record BackfillResult(long backfillId, BackfillPlan plan, List<PeriodResult> periods, int exitCode,
		long millis) {

	/**
	 * What became of one period.
	 *
	 * @param period the period
	 * @param action what was planned
	 * @param state COMPLETED, SKIPPED or FAILED
	 * @param exitCode the launch's exit code (or 0 for a skip)
	 * @param executionId the execution that ran, if any
	 * @param message the launch's message or why it was skipped
	 * @param millis how long it took
	 */
	public record PeriodResult(LocalDate period, Action action, String state, int exitCode, Long executionId,
			String message, long millis) {
	}

}
