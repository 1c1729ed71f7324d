package io.nightshift.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.nightshift.platform.json.CanonicalJson;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a tenant's PostgreSQL sources for a snapshot, every query filtered by tenant, all
 * of them in one REPEATABLE READ, READ ONLY transaction: the sections agree with each
 * other (one consistent view), and a write attempted through it fails.
 */
@Component
class SnapshotSources {

	private static final List<String> STATUSES = List.of("invited", "active", "paused", "completed", "withdrawn");

	private final JdbcClient jdbc;

	private final TransactionTemplate readOnly;

	private final SourceJson json;

	private final CanonicalJson canonical;

	SnapshotSources(JdbcClient jdbc, PlatformTransactionManager transactions, SourceJson json,
			CanonicalJson canonical) {
		this.jdbc = jdbc;
		this.json = json;
		this.canonical = canonical;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.readOnly.setReadOnly(true);
		this.readOnly.setName("ledger-capture");
	}

	/**
	 * Runs {@code work} in a new read-only, repeatable-read transaction. The read-only
	 * mode is set by statement as well, so it holds whatever the driver or transaction
	 * manager make of the read-only flag.
	 */
	<T> T readOnly(Function<JdbcClient, T> work) {
		return this.readOnly.execute((status) -> {
			this.jdbc.sql("SET TRANSACTION READ ONLY").update();
			return work.apply(this.jdbc);
		});
	}

	Sections read(String tenant, SnapshotKind kind, SnapshotPeriod period) {
		return readOnly((jdbc) -> new Sections(programs(jdbc, tenant), enrollments(jdbc, tenant, period),
				perfAggregates(jdbc, tenant, period), perfAggregatesMissing(jdbc, tenant, period),
				streamHeads(jdbc, tenant, period),
				(kind == SnapshotKind.WEEKLY) ? dailyAnchors(jdbc, tenant, period) : null));
	}

	private List<SnapshotPayload.ProgramEntry> programs(JdbcClient jdbc, String tenant) {
		return jdbc.sql("""
				SELECT id, code, phase, kpi_target_json::text AS kpi
				  FROM programs WHERE tenant_id = :tenant ORDER BY id
				""")
			.param("tenant", tenant)
			.query((rs, row) -> new SnapshotPayload.ProgramEntry(rs.getLong("id"), rs.getString("code"),
					rs.getString("phase"), this.json.parse(rs.getString("kpi"))))
			.list();
	}

	private SnapshotPayload.Enrollments enrollments(JdbcClient jdbc, String tenant, SnapshotPeriod period) {
		Map<Long, ProgramDigest> byProgram = new LinkedHashMap<>();
		jdbc.sql("SELECT id FROM programs WHERE tenant_id = :tenant ORDER BY id")
			.param("tenant", tenant)
			.query(Long.class)
			.list()
			.forEach((id) -> byProgram.put(id, new ProgramDigest()));
		Instant until = period.until();
		jdbc.sql("""
				SELECT id, program_id, user_id, status, created_at, updated_at, meta::text AS meta
				  FROM enrollments
				 WHERE tenant_id = :tenant AND created_at < :until
				 ORDER BY program_id, id
				""").param("tenant", tenant).param("until", utc(until)).withFetchSize(1000).query((ResultSet rs) -> {
			long programId = rs.getLong("program_id");
			ProgramDigest digest = byProgram.computeIfAbsent(programId, (id) -> new ProgramDigest());
			Instant updated = instant(rs, "updated_at");
			EnrollmentRow row = new EnrollmentRow(instant(rs, "created_at").toString(), rs.getLong("id"),
					this.canonical.sha256Hex(this.json.parse(rs.getString("meta"))), rs.getString("status"),
					updated.toString(), rs.getLong("user_id"));
			digest.add(this.canonical.canonicalBytes(row), row.status(), !updated.isBefore(until));
		});
		List<SnapshotPayload.ProgramEnrollments> programs = new ArrayList<>();
		long total = 0;
		for (Map.Entry<Long, ProgramDigest> entry : byProgram.entrySet()) {
			ProgramDigest digest = entry.getValue();
			total += digest.total;
			programs.add(new SnapshotPayload.ProgramEnrollments(entry.getKey(), digest.total, digest.byStatus,
					digest.updatedAfter, digest.hex()));
		}
		return new SnapshotPayload.Enrollments(total, SnapshotPayload.Enrollments.ROW_DIGEST, programs);
	}

	private List<SnapshotPayload.PerfAggregateEntry> perfAggregates(JdbcClient jdbc, String tenant,
			SnapshotPeriod period) {
		return jdbc.sql("""
				SELECT day, project, target, n, cached_count, failed_count, p50, p95, p99, mean, max, method, sketch
				  FROM perf_aggregate
				 WHERE tenant_id = :tenant AND day BETWEEN :start AND :end
				 ORDER BY day, project, target
				""")
			.param("tenant", tenant)
			.param("start", period.start())
			.param("end", period.end())
			.query((rs, row) -> {
				byte[] sketch = rs.getBytes("sketch");
				return new SnapshotPayload.PerfAggregateEntry(rs.getObject("day", LocalDate.class).toString(),
						rs.getString("project"), rs.getString("target"), rs.getLong("n"), rs.getLong("cached_count"),
						rs.getLong("failed_count"), number(rs, "p50"), number(rs, "p95"), number(rs, "p99"),
						number(rs, "mean"), number(rs, "max"), rs.getString("method"),
						(sketch != null) ? LedgerHashing.contentHash(sketch) : null);
			})
			.list();
	}

	/**
	 * Days of the period with a successful non-cached build but no perf aggregate: the
	 * aggregate of such a day is owed (perf-aggregate computes it over exactly those
	 * runs), so the snapshot is partial until it exists.
	 */
	private List<String> perfAggregatesMissing(JdbcClient jdbc, String tenant, SnapshotPeriod period) {
		return jdbc.sql("""
				SELECT d.day::text FROM (
				    SELECT DISTINCT (finished_at AT TIME ZONE 'UTC')::date AS day
				      FROM build_metrics
				     WHERE tenant_id = :tenant AND finished_at >= :from AND finished_at < :until
				       AND status = 'success' AND NOT cached) d
				 WHERE NOT EXISTS (SELECT 1 FROM perf_aggregate p WHERE p.tenant_id = :tenant AND p.day = d.day)
				 ORDER BY d.day
				""")
			.param("tenant", tenant)
			.param("from", utc(period.from()))
			.param("until", utc(period.until()))
			.query(String.class)
			.list();
	}

	private List<SnapshotPayload.StreamHead> streamHeads(JdbcClient jdbc, String tenant, SnapshotPeriod period) {
		return jdbc.sql("""
				SELECT DISTINCT ON (stream_id) stream_id, stream_type, sequence_number, event_type
				  FROM events
				 WHERE tenant_id = :tenant AND created_at < :until
				 ORDER BY stream_id, sequence_number DESC
				""")
			.param("tenant", tenant)
			.param("until", utc(period.until()))
			.query((rs, row) -> new SnapshotPayload.StreamHead(rs.getString("stream_id"), rs.getString("stream_type"),
					rs.getLong("sequence_number"), rs.getString("event_type")))
			.list();
	}

	private List<SnapshotPayload.DailyAnchor> dailyAnchors(JdbcClient jdbc, String tenant, SnapshotPeriod period) {
		return jdbc.sql("""
				SELECT DISTINCT ON (period) period, revision, seq, content_hash, coverage
				  FROM ledger_snapshots
				 WHERE tenant_id = :tenant AND kind = 'daily' AND period BETWEEN :start AND :end
				 ORDER BY period, revision DESC
				""")
			.param("tenant", tenant)
			.param("start", period.start())
			.param("end", period.end())
			.query((rs, row) -> new SnapshotPayload.DailyAnchor(rs.getObject("period", LocalDate.class).toString(),
					rs.getInt("revision"), rs.getLong("seq"), rs.getString("content_hash"), rs.getString("coverage")))
			.list();
	}

	private static Object number(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		if (rs.wasNull()) {
			return null;
		}
		// Non-finite values have no JSON number form.
		return Double.isFinite(value) ? value : Double.toString(value);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** What the PostgreSQL sources hold for a tenant and period. */
	record Sections(List<SnapshotPayload.ProgramEntry> programs, SnapshotPayload.Enrollments enrollments,
			List<SnapshotPayload.PerfAggregateEntry> perfAggregates, List<String> perfAggregatesMissing,
			List<SnapshotPayload.StreamHead> streamHeads, List<SnapshotPayload.DailyAnchor> dailyAnchors) {
	}

	/** One enrollment as it enters the digest of its program's rows. */
	record EnrollmentRow(String createdAt, long id, String metaSha256, String status, String updatedAt, long userId) {
	}

	private static final class ProgramDigest {

		private final java.security.MessageDigest digest = LedgerHashing.sha256();

		private final Map<String, Long> byStatus = new LinkedHashMap<>();

		private long total;

		private long updatedAfter;

		ProgramDigest() {
			STATUSES.forEach((status) -> this.byStatus.put(status, 0L));
		}

		void add(byte[] row, String status, boolean updatedAfterEnd) {
			this.digest.update(row);
			this.digest.update((byte) '\n');
			this.byStatus.merge(status, 1L, Long::sum);
			this.total++;
			if (updatedAfterEnd) {
				this.updatedAfter++;
			}
		}

		String hex() {
			return java.util.HexFormat.of().formatHex(this.digest.digest());
		}

	}

}
