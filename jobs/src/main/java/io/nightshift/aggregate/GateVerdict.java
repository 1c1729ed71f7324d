package io.nightshift.aggregate;

import java.time.LocalDate;
import java.util.List;

/**
 * What the gate found, with the numbers behind it.
 *
 * @param verdict {@code pass}, {@code fail} or {@code no-data}
 * @param exitCode 0 pass, 6 fail, 5 no data
 * @param tenant the tenant
 * @param project the project
 * @param target the target
 * @param day the day judged (the latest with data)
 * @param n non-cached successful tasks that day
 * @param p95 that day's exact p95 in ms
 * @param threshold the threshold check
 * @param regression the regression check
 * @param reasons why it failed (empty when it passed)
 * @param statusLine the line written to the status file
 * @param statusFile where it was written
 */
public record GateVerdict(String verdict, int exitCode, String tenant, String project, String target, LocalDate day,
		Long n, Double p95, ThresholdCheck threshold, RegressionCheck regression, List<String> reasons,
		String statusLine, String statusFile) {

	/**
	 * @param thresholdMs the p95 threshold; null when none is configured (the check is
	 * off)
	 * @param source where it came from: flag, job-config, or none
	 * @param consecutiveDays how many consecutive days above it fail the gate
	 * @param recent the latest days with data, newest first
	 * @param streak how many of them, from the newest, were above the threshold
	 * @param breached whether the streak reached consecutiveDays
	 */
	public record ThresholdCheck(Long thresholdMs, String source, int consecutiveDays, List<DayP95> recent, int streak,
			boolean breached) {
	}

	/**
	 * @param baselineP95 the median p95 of the baseline days; null when there are too few
	 * @param baselineDays how many days with data the baseline is the median of
	 * @param baselineWindow the calendar days before the judged day it looks at
	 * @param tolerance how far above the baseline the p95 may be
	 * @param magnitude p95 / baseline - 1; null without a baseline
	 * @param regressed whether magnitude exceeded the tolerance
	 */
	public record RegressionCheck(Double baselineP95, Integer baselineDays, int baselineWindow, double tolerance,
			Double magnitude, boolean regressed) {
	}

	/**
	 * @param day a day
	 * @param n its non-cached successful tasks
	 * @param p95 its exact p95 in ms
	 */
	public record DayP95(LocalDate day, long n, double p95) {
	}

}
