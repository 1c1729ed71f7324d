package io.nightshift.aggregate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.launch.RunIdentity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@code nightshift perf trends}: rolling 7-day and 28-day and weekly percentiles of a
 * series, merged from the daily sketches stored by perf-aggregate. With tenant
 * {@code all}, the series of every tenant are merged too.
 */
@Service
public class PerfTrends {

	static final int DAYS = 28;

	static final String METHOD = "merged DDSketch";

	private final JdbcClient jdbc;

	PerfTrends(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The trends of a series up to {@code asOf} (null: its latest day with data); tenant
	 * null means the only tenant with the series.
	 */
	public Trends trends(String project, String target, String tenant, LocalDate asOf) {
		String resolved = Series.resolveTenant(this.jdbc, tenant, project, target, true);
		boolean all = RunIdentity.ALL_TENANTS.equals(resolved);
		LocalDate end = (asOf != null) ? asOf : latestDay(project, target, resolved, all);
		LocalDate start = end.minusDays(DAYS - 1);
		List<Stored> rows = this.jdbc.sql("""
				SELECT tenant_id, day, n, cached_count, failed_count, skipped_count, p50, p95, p99, mean, max, sketch,
				       sketch_accuracy
				  FROM perf_aggregate
				 WHERE project = :project AND target = :target AND (:all OR tenant_id = :tenant)
				   AND day BETWEEN :start AND :end
				 ORDER BY day, tenant_id
				""")
			.param("project", project)
			.param("target", target)
			.param("all", all)
			.param("tenant", resolved)
			.param("start", start)
			.param("end", end)
			.query((rs, row) -> new Stored(rs.getString("tenant_id"), rs.getObject("day", LocalDate.class),
					rs.getLong("n"), rs.getLong("cached_count"), rs.getLong("failed_count"),
					rs.getLong("skipped_count"), (Double) rs.getObject("p50"), (Double) rs.getObject("p95"),
					(Double) rs.getObject("p99"), (Double) rs.getObject("mean"), (Double) rs.getObject("max"),
					rs.getBytes("sketch"), (Double) rs.getObject("sketch_accuracy")))
			.list();
		Double accuracy = null;
		for (Stored row : rows) {
			if (row.sketch() != null) {
				accuracy = row.accuracy();
			}
		}
		List<Trends.Window> windows = List.of(window("7d", end.minusDays(6), end, rows, accuracy),
				window(DAYS + "d", start, end, rows, accuracy));
		List<Trends.Window> weeks = new ArrayList<>();
		for (LocalDate monday = start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !monday
			.isAfter(end); monday = monday.plusWeeks(1)) {
			LocalDate from = monday.isBefore(start) ? start : monday;
			LocalDate to = monday.plusDays(6).isAfter(end) ? end : monday.plusDays(6);
			String name = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
					+ String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			weeks.add(window(name, from, to, rows, accuracy));
		}
		List<Trends.Regression> regressions = this.jdbc.sql("""
				SELECT tenant_id, day, p95, baseline_p95, magnitude FROM perf_regressions
				 WHERE project = :project AND target = :target AND (:all OR tenant_id = :tenant)
				   AND day BETWEEN :start AND :end
				 ORDER BY day, tenant_id
				""")
			.param("project", project)
			.param("target", target)
			.param("all", all)
			.param("tenant", resolved)
			.param("start", start)
			.param("end", end)
			.query((rs, row) -> new Trends.Regression(rs.getString("tenant_id"), rs.getObject("day", LocalDate.class),
					rs.getDouble("p95"), rs.getDouble("baseline_p95"), rs.getDouble("magnitude")))
			.list();
		return new Trends(resolved, project, target, end, windows, weeks, days(rows, all, accuracy), regressions);
	}

	private LocalDate latestDay(String project, String target, String tenant, boolean all) {
		LocalDate latest = this.jdbc.sql("""
				SELECT day FROM perf_aggregate
				 WHERE project = :project AND target = :target AND (:all OR tenant_id = :tenant)
				 ORDER BY day DESC LIMIT 1
				""")
			.param("project", project)
			.param("target", target)
			.param("all", all)
			.param("tenant", tenant)
			.query(LocalDate.class)
			.optional()
			.orElse(null);
		if (latest == null) {
			throw NightshiftException.notFound("no perf_aggregate rows for " + project + "/" + target + " of tenant "
					+ tenant + " (has perf-aggregate run since it was ingested?)");
		}
		return latest;
	}

	private static List<Trends.Day> days(List<Stored> rows, boolean all, Double accuracy) {
		List<Trends.Day> days = new ArrayList<>();
		if (!all) {
			for (Stored row : rows) {
				days.add(new Trends.Day(row.day(), row.n(), row.cached(), row.failed(), row.skipped(), row.p50(),
						row.p95(), row.p99(), row.mean(), row.max(), true));
			}
			return days;
		}
		Map<LocalDate, List<Stored>> byDay = new LinkedHashMap<>();
		rows.forEach((row) -> byDay.computeIfAbsent(row.day(), (day) -> new ArrayList<>()).add(row));
		byDay.forEach((day, dayRows) -> {
			Merged merged = merge(dayRows, accuracy);
			days.add(new Trends.Day(day, merged.n, dayRows.stream().mapToLong(Stored::cached).sum(),
					dayRows.stream().mapToLong(Stored::failed).sum(), dayRows.stream().mapToLong(Stored::skipped).sum(),
					merged.value(0.5), merged.value(0.95), merged.value(0.99), merged.mean(), merged.max, false));
		});
		return days;
	}

	private static Trends.Window window(String name, LocalDate from, LocalDate to, List<Stored> rows, Double accuracy) {
		List<Stored> inside = rows.stream()
			.filter((row) -> !row.day().isBefore(from) && !row.day().isAfter(to))
			.toList();
		Merged merged = merge(inside, accuracy);
		int daysWithData = (int) inside.stream().filter((row) -> row.n() > 0).map(Stored::day).distinct().count();
		return new Trends.Window(name, from, to, daysWithData, merged.n, merged.estimate(0.5), merged.estimate(0.95),
				merged.estimate(0.99), merged.mean(), merged.max,
				(merged.sketch != null) ? merged.sketch.accuracy() : null, METHOD, merged.excluded);
	}

	/** Merges the sketches of rows with the reference accuracy; the others are listed. */
	private static Merged merge(List<Stored> rows, Double accuracy) {
		Merged merged = new Merged();
		for (Stored row : rows) {
			if (row.sketch() == null || row.n() == 0) {
				continue;
			}
			if (!Objects.equals(row.accuracy(), accuracy)) {
				if (!merged.excluded.contains(row.day())) {
					merged.excluded.add(row.day());
				}
				continue;
			}
			DurationSketch sketch = DurationSketch.decode(row.sketch());
			if (merged.sketch == null) {
				merged.sketch = sketch;
			}
			else {
				merged.sketch.merge(sketch);
			}
			merged.n += row.n();
			merged.sum += row.mean() * row.n();
			merged.max = (merged.max == null) ? row.max() : Math.max(merged.max, row.max());
		}
		return merged;
	}

	private record Stored(String tenant, LocalDate day, long n, long cached, long failed, long skipped, Double p50,
			Double p95, Double p99, Double mean, Double max, byte[] sketch, Double accuracy) {
	}

	private static final class Merged {

		private DurationSketch sketch;

		private long n;

		private double sum;

		private Double max;

		private final List<LocalDate> excluded = new ArrayList<>();

		Double mean() {
			return (this.n > 0) ? this.sum / this.n : null;
		}

		Double value(double p) {
			return (this.sketch != null) ? this.sketch.percentile(p) : null;
		}

		Trends.Estimate estimate(double p) {
			Double value = value(p);
			if (value == null) {
				return null;
			}
			double alpha = this.sketch.accuracy();
			return new Trends.Estimate(value, value / (1 + alpha), value / (1 - alpha));
		}

	}

}
