package io.nightshift.platform.query;

import java.time.Instant;

/**
 * One step execution with its counters.
 *
 * @param id the step execution id
 * @param name the step name
 * @param status the batch status
 * @param read items read
 * @param written items written
 * @param filtered items filtered by the processor
 * @param readSkips items skipped on read
 * @param processSkips items skipped on process
 * @param writeSkips items skipped on write
 * @param commits transactions committed
 * @param rollbacks transactions rolled back
 * @param startTime when it started
 * @param endTime when it ended
 * @param durationMs how long it ran
 * @param exitStatus the step's exit status code
 * @param exitMessage the step's exit description (a failure's stack trace is cut to its
 * first line)
 */
public record StepSummary(long id, String name, String status, long read, long written, long filtered, long readSkips,
		long processSkips, long writeSkips, long commits, long rollbacks, Instant startTime, Instant endTime,
		Long durationMs, String exitStatus, String exitMessage) {
}
