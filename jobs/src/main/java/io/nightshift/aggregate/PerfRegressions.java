package io.nightshift.aggregate;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Regressions: a day's p95 against its trailing baseline, the median p95 of the days with
 * data among the previous {@code baselineDays} calendar days. Days with fewer than
 * {@code minSamples} non-cached successful tasks are neither judged nor part of a
 * baseline; fewer than {@code minBaselineDays} baseline days give no verdict.
 */
@Component
class PerfRegressions {

	private final JdbcClient jdbc;

	PerfRegressions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the regressions of a day for the given tenants (whose rows for the day were
	 * just replaced); returns how many there were.
	 */
	int record(LocalDate day, Collection<String> tenants, PerfAggregateSettings.Regression settings) {
		this.jdbc.sql("DELETE FROM perf_regressions WHERE day = :day AND tenant_id IN (:tenants)")
			.param("day", day)
			.param("tenants", tenants)
			.update();
		return this.jdbc.sql("""
				INSERT INTO perf_regressions (tenant_id, day, project, target, p95, baseline_p95, baseline_days,
				                              baseline_window, tolerance, magnitude, detected_at)
				SELECT a.tenant_id, a.day, a.project, a.target, a.p95, b.baseline, b.days, :window, :tolerance,
				       a.p95 / b.baseline - 1, now()
				  FROM perf_aggregate a
				 CROSS JOIN LATERAL (
				       SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h.p95) AS baseline, count(*) AS days
				         FROM perf_aggregate h
				        WHERE h.tenant_id = a.tenant_id AND h.project = a.project AND h.target = a.target
				          AND h.day >= a.day - :window AND h.day < a.day AND h.n >= :minSamples) b
				 WHERE a.day = :day AND a.tenant_id IN (:tenants) AND a.n >= :minSamples
				   AND b.days >= :minDays AND b.baseline > 0 AND a.p95 > b.baseline * (1 + :tolerance)
				""")
			.param("day", day)
			.param("tenants", tenants)
			.param("window", settings.baselineDays())
			.param("tolerance", settings.tolerance())
			.param("minSamples", settings.minSamples())
			.param("minDays", settings.minBaselineDays())
			.update();
	}

	/**
	 * The baseline of one series for a day, computed now from perf_aggregate (so it
	 * reflects reruns of earlier days); empty when there are too few baseline days.
	 */
	Optional<Baseline> baseline(String tenant, String project, String target, LocalDate day,
			PerfAggregateSettings.Regression settings) {
		return this.jdbc.sql("""
				SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY p95) AS baseline, count(*) AS days
				  FROM perf_aggregate
				 WHERE tenant_id = :tenant AND project = :project AND target = :target
				   AND day >= CAST(:day AS DATE) - :window AND day < :day AND n >= :minSamples
				""")
			.param("tenant", tenant)
			.param("project", project)
			.param("target", target)
			.param("day", day)
			.param("window", settings.baselineDays())
			.param("minSamples", settings.minSamples())
			.query((rs, row) -> new Baseline(rs.getDouble("baseline"), rs.getInt("days")))
			.optional()
			.filter((baseline) -> baseline.days() >= settings.minBaselineDays() && baseline.p95() > 0);
	}

	/**
	 * @param p95 the median p95 of the baseline days
	 * @param days how many days with data it is the median of
	 */
	record Baseline(double p95, int days) {
	}

}
