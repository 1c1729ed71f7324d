package io.nightshift.aggregate;

import java.time.LocalDate;
import java.util.List;

/**
 * The performance of one series over the last 28 days: daily figures, and rolling 7-day
 * and 28-day and ISO-week percentiles merged from the stored daily sketches (not
 * recomputed from raw rows), each labelled with its error bound.
 *
 * @param tenant the tenant, or {@code all} for every tenant's series merged
 * @param project the project
 * @param target the target
 * @param asOf the last day of the windows
 * @param windows the rolling windows: {@code 7d} and {@code 28d} ending at asOf
 * @param weeks the ISO weeks overlapping the 28-day window (clipped to it)
 * @param days the days with data, oldest first
 * @param regressions the recorded regressions in the 28-day window
 */
public record Trends(String tenant, String project, String target, LocalDate asOf, List<Window> windows,
		List<Window> weeks, List<Day> days, List<Regression> regressions) {

	/**
	 * Figures merged over several days.
	 *
	 * @param name {@code 7d}, {@code 28d} or the ISO week ({@code 2026-W47})
	 * @param from first day
	 * @param to last day
	 * @param daysWithData how many days in it have data
	 * @param n non-cached successful tasks (exact)
	 * @param p50 estimated median
	 * @param p95 estimated 95th percentile
	 * @param p99 estimated 99th percentile
	 * @param mean mean duration (exact: weighted by n)
	 * @param max longest duration (exact)
	 * @param relativeAccuracy α: every estimate is within α of the exact percentile_cont
	 * over all the window's durations
	 * @param method how the percentiles were obtained
	 * @param excludedDays days with data left out because their sketch has another
	 * accuracy (sketches merge only at equal accuracy)
	 */
	public record Window(String name, LocalDate from, LocalDate to, int daysWithData, long n, Estimate p50,
			Estimate p95, Estimate p99, Double mean, Double max, Double relativeAccuracy, String method,
			List<LocalDate> excludedDays) {
	}

	/**
	 * A percentile estimated from a merged sketch.
	 *
	 * @param ms the estimate in milliseconds
	 * @param lowerMs the exact value is at least this: ms / (1 + α)
	 * @param upperMs the exact value is at most this: ms / (1 - α)
	 */
	public record Estimate(double ms, double lowerMs, double upperMs) {
	}

	/**
	 * One day's figures: exact for one tenant; for {@code all}, n, counts, mean and max
	 * are exact and the percentiles are sketch estimates.
	 *
	 * @param day the day
	 * @param n non-cached successful tasks
	 * @param cached cached tasks
	 * @param failed non-cached failed tasks
	 * @param skipped non-cached skipped tasks
	 * @param p50 median in ms
	 * @param p95 95th percentile in ms
	 * @param p99 99th percentile in ms
	 * @param mean mean in ms
	 * @param max max in ms
	 * @param exact whether the percentiles are exact
	 */
	public record Day(LocalDate day, long n, long cached, long failed, long skipped, Double p50, Double p95, Double p99,
			Double mean, Double max, boolean exact) {
	}

	/**
	 * @param tenant the tenant
	 * @param day the day that regressed
	 * @param p95 its p95 in ms
	 * @param baselineP95 the baseline in ms
	 * @param magnitude p95 / baseline - 1
	 */
	public record Regression(String tenant, LocalDate day, double p95, double baselineP95, double magnitude) {
	}

}
