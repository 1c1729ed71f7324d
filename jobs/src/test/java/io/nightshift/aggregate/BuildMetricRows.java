package io.nightshift.aggregate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * build_metrics fixtures: rows added one by one ({@code aRow().tenant("acme")...}) and
 * inserted together, and the figures PostgreSQL's own percentile_cont gives for a day,
 * which perf-aggregate must equal.
 */
final class BuildMetricRows {

	private static final AtomicLong RUNS = new AtomicLong();

	private final List<SqlParameterSource> rows = new ArrayList<>();

	static Row aRow() {
		return new Row();
	}

	BuildMetricRows add(Row row) {
		this.rows.add(row.parameters());
		return this;
	}

	int size() {
		return this.rows.size();
	}

	void insert(NamedParameterJdbcTemplate jdbc) {
		for (int from = 0; from < this.rows.size(); from += 5000) {
			jdbc.batchUpdate("""
					INSERT INTO build_metrics (tenant_id, run_id, project, target, status, duration_ms, cached,
					                           started_at, finished_at)
					VALUES (:tenant, :run, :project, :target, :status, :duration, :cached, :started, :finished)
					""", this.rows.subList(from, Math.min(this.rows.size(), from + 5000))
				.toArray(SqlParameterSource[]::new));
		}
		this.rows.clear();
	}

	static void tenants(JdbcClient jdbc, String... tenants) {
		for (String tenant : tenants) {
			jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, :id) ON CONFLICT DO NOTHING")
				.param("id", tenant)
				.update();
		}
	}

	/**
	 * What PostgreSQL computes for a UTC day, by tenant/project/target: the figures a
	 * perf_aggregate row must hold.
	 */
	static Map<String, Map<String, Object>> expected(JdbcClient jdbc, LocalDate day, String tenant) {
		Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
		jdbc.sql(
				"""
						SELECT tenant_id || '/' || project || '/' || target AS series,
						       count(*) FILTER (WHERE NOT cached AND status = 'success') AS n,
						       count(*) FILTER (WHERE cached) AS cached_count,
						       count(*) FILTER (WHERE NOT cached AND status = 'failed') AS failed_count,
						       count(*) FILTER (WHERE NOT cached AND status = 'skipped') AS skipped_count,
						       percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)
						           FILTER (WHERE NOT cached AND status = 'success') AS p50,
						       percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)
						           FILTER (WHERE NOT cached AND status = 'success') AS p95,
						       percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms)
						           FILTER (WHERE NOT cached AND status = 'success') AS p99,
						       CAST(avg(duration_ms) FILTER (WHERE NOT cached AND status = 'success') AS DOUBLE PRECISION) AS mean,
						       CAST(max(duration_ms) FILTER (WHERE NOT cached AND status = 'success') AS DOUBLE PRECISION) AS max
						  FROM build_metrics
						 WHERE finished_at >= :from AND finished_at < :to AND (:tenant = 'all' OR tenant_id = :tenant)
						 GROUP BY 1 ORDER BY 1
						""")
			.param("from", Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("to", Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("tenant", tenant)
			.query()
			.listOfRows()
			.forEach((row) -> expected.put((String) row.get("series"), row));
		return expected;
	}

	/** The perf_aggregate rows of a day, keyed like {@link #expected}. */
	static Map<String, Map<String, Object>> actual(JdbcClient jdbc, LocalDate day) {
		Map<String, Map<String, Object>> actual = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT tenant_id || '/' || project || '/' || target AS series, n, cached_count, failed_count,
				       skipped_count, p50, p95, p99, mean, max, sketch, sketch_accuracy, computed_at
				  FROM perf_aggregate WHERE day = :day ORDER BY 1
				""").param("day", day).query().listOfRows().forEach((row) -> {
			// Hex, so that rows compare by content (arrays compare by identity).
			if (row.get("sketch") != null) {
				row.put("sketch", HexFormat.of().formatHex((byte[]) row.get("sketch")));
			}
			actual.put((String) row.get("series"), row);
		});
		return actual;
	}

	/** One build_metrics row. */
	static final class Row {

		private String tenant = "acme";

		private String run = "run-" + RUNS.incrementAndGet();

		private String project = "web";

		private String target = "build";

		private String status = "success";

		private long duration = 1000;

		private boolean cached;

		private Instant finished = Instant.parse("2026-11-18T12:00:00Z");

		Row tenant(String tenant) {
			this.tenant = tenant;
			return this;
		}

		Row project(String project) {
			this.project = project;
			return this;
		}

		Row target(String target) {
			this.target = target;
			return this;
		}

		Row status(String status) {
			this.status = status;
			return this;
		}

		Row duration(long duration) {
			this.duration = duration;
			return this;
		}

		Row cached(boolean cached) {
			this.cached = cached;
			return this;
		}

		Row finishedAt(Instant finished) {
			this.finished = finished;
			return this;
		}

		SqlParameterSource parameters() {
			return new MapSqlParameterSource().addValue("tenant", this.tenant)
				.addValue("run", this.run)
				.addValue("project", this.project)
				.addValue("target", this.target)
				.addValue("status", this.status)
				.addValue("duration", this.duration)
				.addValue("cached", this.cached)
				.addValue("started", Timestamp.from(this.finished.minusMillis(this.duration)))
				.addValue("finished", Timestamp.from(this.finished));
		}

	}

}
