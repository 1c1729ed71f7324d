package io.nightshift.platform.backfill;

import java.time.LocalDate;

import io.nightshift.platform.launch.Requester;

/**
 * A backfill command.
 *
 * @param job the job
 * @param from first day of the range (the period containing it is included)
 * @param to last day of the range
 * @param tenant a tenant id or {@code all}
 * @param reprocess which periods besides never-ran ones to run
 * @param maxParallel how many periods run at once (also bounded by the shared concurrency
 * budget)
 * @param reverse newest first instead of oldest first
 * @param requester who asks and why
 */
public record BackfillRequest(String job, LocalDate from, LocalDate to, String tenant, Reprocess reprocess,
		int maxParallel, boolean reverse, Requester requester) {
}
