package io.nightshift.bench;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * W3: perf-aggregate over one day of build_metrics (default 10M rows, 50 project/target
 * pairs of one tenant, long-tailed durations rounded to 10 ms so there are ties, 1 in 11
 * cached, 1 in 37 failed) against one SQL {@code percentile_cont(...) WITHIN GROUP (...)
 * GROUP BY project, target} over the same rows. Every repetition checks that p50/p95/p99
 * are identical to the SQL's. Options: {@code partitions=N concurrency=N}.
 */
class PerfAggregateWorkload implements Workload {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

	private static final String TENANT = "bench";

	private JdbcClient jdbc;

	private LaunchService launcher;

	private long rows;

	private Map<String, String> settings = Map.of();

	private boolean ran;

	private Map<String, double[]> expected = Map.of();

	@Override
	public String name() {
		return "W3";
	}

	@Override
	public String description() {
		return "perf-aggregate of one day (" + ((this.rows > 0) ? String.format("%,d", this.rows) : "N")
				+ " build_metrics rows, 50 project/target pairs, " + this.settings
				+ ") vs one SQL percentile_cont(ARRAY[0.5,0.95,0.99]) WITHIN GROUP (ORDER BY duration_ms) "
				+ "GROUP BY project, target over the same rows; p50/p95/p99 checked identical every repetition";
	}

	@Override
	public String unit() {
		return "rows";
	}

	@Override
	public void setUp(ConfigurableApplicationContext context, BenchOptions options) {
		this.rows = options.size(10_000_000);
		this.settings = new LinkedHashMap<>();
		this.settings.put("partitions", options.parameter("partitions", "2"));
		this.settings.put("concurrency", options.parameter("concurrency", "2"));
		this.jdbc = context.getBean(JdbcClient.class);
		this.launcher = context.getBean(LaunchService.class);
		this.jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, 'Bench') ON CONFLICT DO NOTHING")
			.param("id", TENANT)
			.update();
		long started = System.nanoTime();
		// The secondary indexes are built once after the load (same end state, a fraction
		// of
		// the time of maintaining them row by row).
		List<Map<String, Object>> indexes = this.jdbc
			.sql("""
					SELECT indexname, indexdef FROM pg_indexes
					 WHERE tablename = 'build_metrics' AND indexname IN ('build_metrics_finished_idx', 'build_metrics_day_idx')
					""")
			.query()
			.listOfRows();
		indexes.forEach((index) -> this.jdbc.sql("DROP INDEX " + index.get("indexname")).update());
		// Rows g = 50k..50k+49 form run k: one task per pair, so (run, project, target)
		// is
		// unique.
		this.jdbc
			.sql("""
					INSERT INTO build_metrics (tenant_id, run_id, project, target, status, duration_ms, cached, started_at,
					                           finished_at)
					SELECT :tenant, 'run-' || (g / 50), 'project-' || (g % 10), 'target-' || ((g / 10) % 5),
					       CASE WHEN g % 37 = 0 THEN 'failed' ELSE 'success' END, d, g % 11 = 0,
					       f - make_interval(secs => d / 1000.0), f
					  FROM (SELECT g,
					               CAST(round(20000 * (1 + (g % 10)) * exp(0.6 * random_normal()) / 10) * 10 AS BIGINT) AS d,
					               CAST(:start AS TIMESTAMPTZ) + make_interval(secs => random() * 86399) AS f
					          FROM generate_series(0, :last) g) s
					""")
			.param("tenant", TENANT)
			.param("start", Timestamp.from(DAY.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("last", this.rows - 1)
			.update();
		indexes.forEach((index) -> this.jdbc.sql((String) index.get("indexdef")).update());
		this.jdbc.sql("VACUUM ANALYZE build_metrics").update();
		System.out.printf("  generated %,d rows in %.1fs%n", this.rows, (System.nanoTime() - started) / 1e9);
	}

	@Override
	public Measurement workload() {
		long started = System.nanoTime();
		LaunchOutcome outcome = this.ran
				? this.launcher
					.rerun(new LaunchRequest("perf-aggregate", DAY, "all", this.settings, Requester.operator("bench")))
				: this.launcher
					.run(new LaunchRequest("perf-aggregate", DAY, "all", this.settings, Requester.operator("bench")));
		long elapsed = System.nanoTime() - started;
		this.ran = true;
		if (outcome.exitCode() != 0) {
			throw new IllegalStateException("perf-aggregate: " + outcome.message());
		}
		int checked = check();
		return new Measurement(elapsed, this.rows, Map.of("groups checked identical", (double) checked));
	}

	@Override
	public Measurement baseline() {
		long started = System.nanoTime();
		Map<String, double[]> result = new HashMap<>();
		this.jdbc.sql("""
				SELECT project || '/' || target AS series, count(*) AS n,
				       percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_ms) AS p,
				       avg(duration_ms) AS mean, max(duration_ms) AS max
				  FROM build_metrics
				 WHERE finished_at >= :from AND finished_at < :to AND NOT cached AND status = 'success'
				 GROUP BY project, target
				""")
			.param("from", Timestamp.from(DAY.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("to", Timestamp.from(DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query((rs) -> {
				Double[] p = (Double[]) rs.getArray("p").getArray();
				result.put(rs.getString("series"), new double[] { rs.getLong("n"), p[0], p[1], p[2] });
			});
		long elapsed = System.nanoTime() - started;
		this.expected = result;
		return new Measurement(elapsed, this.rows);
	}

	/** The job's rows must equal the SQL's, bit for bit. */
	private int check() {
		if (this.expected.isEmpty()) {
			baseline();
		}
		List<Map<String, Object>> actual = this.jdbc.sql("""
				SELECT project || '/' || target AS series, n, p50, p95, p99 FROM perf_aggregate
				 WHERE tenant_id = :tenant AND day = :day
				""").param("tenant", TENANT).param("day", DAY).query().listOfRows();
		if (actual.size() != this.expected.size()) {
			throw new IllegalStateException(
					"perf-aggregate wrote " + actual.size() + " rows, SQL has " + this.expected.size() + " groups");
		}
		for (Map<String, Object> row : actual) {
			double[] want = this.expected.get((String) row.get("series"));
			double[] got = { ((Number) row.get("n")).doubleValue(), (Double) row.get("p50"), (Double) row.get("p95"),
					(Double) row.get("p99") };
			if (!java.util.Arrays.equals(want, got)) {
				throw new IllegalStateException(row.get("series") + ": perf-aggregate " + java.util.Arrays.toString(got)
						+ " != SQL " + java.util.Arrays.toString(want));
			}
		}
		return actual.size();
	}

}
