package io.nightshift.platform.query;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One execution as {@code status} lists it.
 *
 * @param id the execution id
 * @param job the job name
 * @param date the logical period
 * @param tenant the tenant or {@code all}
 * @param attempt the attempt of the period
 * @param status the batch status (COMPLETED, FAILED, STARTED, ...)
 * @param exitStatus the job's exit status code (COMPLETED, NOTHING_TO_DO, CHECK_FAILED,
 * ...)
 * @param exitCode what a command that waited for it would have exited with
 * @param startTime when it started
 * @param endTime when it ended, or null while running
 * @param durationMs run time so far or in all
 * @param trigger schedule, operator, ci, backfill, api or reaper
 * @param actor who launched it
 * @param reason why, if given
 */
public record ExecutionSummary(long id, String job, LocalDate date, String tenant, Long attempt, String status,
		String exitStatus, int exitCode, Instant startTime, Instant endTime, Long durationMs, String trigger,
		String actor, String reason) {
}
