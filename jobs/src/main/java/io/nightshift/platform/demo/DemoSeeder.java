package io.nightshift.platform.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import javax.sql.DataSource;

import com.mongodb.client.model.InsertManyOptions;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.json.CanonicalJson;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code seed-demo}: realistic, reproducible data in every domain table and Mongo
 * collection. Tenants with programs and KPI targets; users and enrollments in every
 * status; build metrics with long-tailed durations, cached and failed runs, and their
 * quality-run summaries; event streams of the four stream types; telemetry and program
 * interest. The same spec yields the same data.
 */
@Component
public class DemoSeeder {

	static final List<String> COLLECTIONS = List.of("telemetry_events", "quality_runs", "program_interest",
			"program_overview");

	private static final List<String> NAMED_TENANTS = List.of("acme", "globex", "initech", "umbrella", "hooli", "stark",
			"wayne", "wonka", "tyrell", "cyberdyne", "soylent", "oscorp");

	private static final String[] PROGRAM_KINDS = { "onboard", "mentor", "upskill", "leader", "return", "safety",
			"pilot", "data", "cloud", "care" };

	private static final String[] PHASES = { "pilot", "active", "active", "closing" };

	private static final String[][] PAIRS = { { "web", "build" }, { "web", "test" }, { "web", "lint" },
			{ "web", "e2e" }, { "api", "build" }, { "api", "test" }, { "api", "lint" }, { "worker", "build" },
			{ "worker", "test" }, { "mobile", "build" }, { "mobile", "test" }, { "infra", "plan" } };

	private static final double[] MEDIAN_MS = { 42_000, 95_000, 12_000, 310_000, 38_000, 120_000, 9_000, 25_000, 60_000,
			180_000, 140_000, 20_000 };

	private static final String[] STATUSES = { "invited", "active", "paused", "completed", "withdrawn" };

	private static final int[] STATUS_WEIGHTS = { 15, 45, 10, 25, 5 };

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final MongoTemplate mongo;

	private final TransactionTemplate transactions;

	private final CanonicalJson canonical;

	private final JsonMapper json;

	DemoSeeder(DataSource dataSource, JdbcClient jdbc, MongoTemplate mongo, TransactionTemplate transactions,
			CanonicalJson canonical, JsonMapper json) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.mongo = mongo;
		this.transactions = transactions;
		this.canonical = canonical;
		this.json = json;
	}

	/** Whether the database already holds platform data. */
	public boolean seeded() {
		return this.jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single() > 0;
	}

	/**
	 * Seeds the data set; refuses to touch a database that holds data unless
	 * {@code replace}, which first wipes the domain tables and collections (never the job
	 * repository).
	 */
	public DemoSummary seed(DemoSpec spec, boolean replace) {
		if (spec.tenants() < 1 || spec.days() < 1) {
			throw NightshiftException.usage("--tenants and --days must be at least 1");
		}
		if (seeded() && !replace) {
			throw NightshiftException
				.usage("the database already holds tenants; seed-demo --replace wipes the domain data and seeds again");
		}
		long started = System.currentTimeMillis();
		List<String> tenants = tenantIds(spec.tenants());
		Map<String, Long> rows = new LinkedHashMap<>();
		this.transactions.executeWithoutResult((status) -> {
			if (replace) {
				wipeDomainTables();
			}
			try {
				writeSql(spec, tenants, rows);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("seeding PostgreSQL failed: " + ex.getMessage(), ex);
			}
		});
		if (replace) {
			COLLECTIONS.forEach(this.mongo::dropCollection);
		}
		Map<String, Long> documents = writeMongo(spec, tenants);
		DemoSummary summary = new DemoSummary(spec.startDate(), spec.endDate(), tenants, rows, documents,
				System.currentTimeMillis() - started);
		log.info("seeded {} tenants, {} to {}: {} {}", tenants.size(), spec.startDate(), spec.endDate(), rows,
				documents);
		return summary;
	}

	/**
	 * Empties every table that hangs off {@code tenants}. The evidence ledger is
	 * append-only: a database that holds ledger entries is never wiped (seed a fresh
	 * NIGHTSHIFT_HOME instead).
	 */
	private void wipeDomainTables() {
		long entries = this.jdbc.sql("SELECT count(*) FROM ledger_snapshots").query(Long.class).single();
		if (entries > 0) {
			throw NightshiftException.usage("--replace: the evidence ledger holds " + entries
					+ " append-only entries and is never wiped; seed into a fresh NIGHTSHIFT_HOME or database instead");
		}
		List<String> tables = this.jdbc
			.sql("""
					WITH RECURSIVE dependents(oid) AS (
					    SELECT 'tenants'::regclass::oid
					    UNION
					    SELECT c.conrelid FROM pg_constraint c JOIN dependents d ON c.confrelid = d.oid WHERE c.contype = 'f'
					)
					SELECT quote_ident(relname) FROM pg_class
					 WHERE oid IN (SELECT oid FROM dependents) AND relname NOT IN ('tenants', 'ledger_snapshots')
					""")
			.query(String.class)
			.list();
		if (!tables.isEmpty()) {
			// One TRUNCATE for all of them, so that their foreign keys among each other
			// need no order.
			this.jdbc.sql("TRUNCATE " + String.join(", ", tables)).update();
		}
		// DELETE, not TRUNCATE: the (empty) ledger references tenants and rejects
		// TRUNCATE.
		this.jdbc.sql("DELETE FROM tenants").update();
	}

	static List<String> tenantIds(int count) {
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add((i < NAMED_TENANTS.size()) ? NAMED_TENANTS.get(i) : String.format("t%04d", i + 1));
		}
		return ids;
	}

	private void writeSql(DemoSpec spec, List<String> tenants, Map<String, Long> rows) throws SQLException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		long userId = 0;
		long programId = 0;
		long enrollmentId = 0;
		Instant windowStart = spec.startDate().atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant windowEnd = spec.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		long windowSeconds = windowEnd.getEpochSecond() - windowStart.getEpochSecond();
		try (CopyWriter tenantRows = CopyWriter.streaming(connection, "tenants", "id, name, created_at")) {
			for (String tenant : tenants) {
				tenantRows.row(tenant, capitalize(tenant) + " Inc.", windowStart.minusSeconds(400L * 86400));
			}
			rows.put("tenants", tenantRows.rows());
		}
		// Users, programs and enrollments are generated together and copied in
		// foreign-key order.
		CopyWriter users = CopyWriter.deferred(connection, "users", "id, tenant_id, email, created_at");
		CopyWriter programs = CopyWriter.deferred(connection, "programs",
				"id, tenant_id, code, phase, kpi_target_json");
		CopyWriter enrollments = CopyWriter.deferred(connection, "enrollments",
				"id, tenant_id, user_id, program_id, status, created_at, updated_at, meta, meta_hash");
		{
			for (int t = 0; t < tenants.size(); t++) {
				String tenant = tenants.get(t);
				SplittableRandom random = random(spec, t, 1);
				int userCount = spec.scale().usersPerTenant / 2 + random.nextInt(spec.scale().usersPerTenant);
				long firstUser = userId + 1;
				for (int u = 0; u < userCount; u++) {
					userId++;
					users.row(userId, tenant, "user" + userId + "@" + tenant + ".example",
							windowStart.minusSeconds(random.nextLong(180L * 86400)));
				}
				long firstProgram = programId + 1;
				int programCount = Math.max(2, spec.scale().programsPerTenant - 1 + random.nextInt(3));
				for (int p = 0; p < programCount; p++) {
					programId++;
					int participants = 20 + random.nextInt(200);
					Map<String, Object> kpi = new LinkedHashMap<>();
					kpi.put("participants", participants);
					kpi.put("completions", participants / (2 + random.nextInt(3)));
					kpi.put("activeShare", Math.round((0.3 + random.nextDouble() * 0.5) * 100) / 100.0);
					programs.row(programId, tenant,
							PROGRAM_KINDS[p % PROGRAM_KINDS.length].toUpperCase() + "-" + (p + 1),
							PHASES[random.nextInt(PHASES.length)], this.json.writeValueAsString(kpi));
				}
				for (long user = firstUser; user <= userId; user++) {
					int count = 1 + ((random.nextInt(3) == 0) ? 1 : 0);
					long first = firstProgram + random.nextInt(programCount);
					for (int k = 0; k < count; k++) {
						long program = firstProgram + ((first - firstProgram + k) % programCount);
						enrollmentId++;
						Instant created = windowStart.plusSeconds(random.nextLong(windowSeconds))
							.minusSeconds(random.nextLong(60L * 86400));
						Instant updated = created.plusSeconds(
								random.nextLong(Math.max(1, windowEnd.getEpochSecond() - created.getEpochSecond())));
						Map<String, Object> meta = meta(random);
						enrollments.row(enrollmentId, tenant, user, program, weighted(random), created, updated,
								this.json.writeValueAsString(meta), this.canonical.sha256Hex(meta));
					}
				}
			}
			users.close();
			programs.close();
			enrollments.close();
			rows.put("users", users.rows());
			rows.put("programs", programs.rows());
			rows.put("enrollments", enrollments.rows());
		}
		try (CopyWriter metrics = CopyWriter.streaming(connection, "build_metrics",
				"tenant_id, run_id, project, target, status, duration_ms, cached, started_at, finished_at")) {
			for (int t = 0; t < tenants.size(); t++) {
				forEachRun(spec, tenants.get(t), t, (run) -> {
					for (Task task : run.tasks()) {
						metrics.row(run.tenant(), run.runId(), task.project(), task.target(), task.status(),
								task.durationMs(), task.cached(), task.startedAt(), task.endedAt());
					}
				});
			}
			rows.put("build_metrics", metrics.rows());
		}
		try (CopyWriter events = CopyWriter.streaming(connection, "events",
				"tenant_id, stream_id, stream_type, sequence_number, event_type, causation_id, correlation_id, data, metadata, created_at")) {
			for (int t = 0; t < tenants.size(); t++) {
				String tenant = tenants.get(t);
				SplittableRandom random = random(spec, t, 3);
				for (int s = 0; s < spec.scale().streamsPerTenant; s++) {
					String type = DemoStreams.TYPES.get(s % DemoStreams.TYPES.size());
					String streamId = type + "-" + tenant + "-" + (s + 1);
					UUID correlation = uuid(random);
					UUID previous = null;
					List<DemoStreams.Event> stream = DemoStreams.stream(type, tenant, s + 1, random);
					long at = windowStart.getEpochSecond() + random.nextLong(windowSeconds / 4);
					long step = Math.max(1, (windowEnd.getEpochSecond() - at) / (stream.size() + 1));
					for (int e = 0; e < stream.size(); e++) {
						UUID eventId = uuid(random);
						at += 1 + random.nextLong(step);
						events.row(tenant, streamId, type, e + 1, stream.get(e).type(), previous, correlation,
								this.json.writeValueAsString(stream.get(e).data()),
								this.json
									.writeValueAsString(Map.of("eventId", eventId.toString(), "source", "seed-demo")),
								Instant.ofEpochSecond(Math.min(at, windowEnd.getEpochSecond() - 1)));
						previous = eventId;
					}
				}
			}
			rows.put("events", events.rows());
		}
	}

	private Map<String, Long> writeMongo(DemoSpec spec, List<String> tenants) {
		Map<String, Long> documents = new LinkedHashMap<>();
		MongoBatch qualityRuns = new MongoBatch(this.mongo, "quality_runs");
		MongoBatch telemetry = new MongoBatch(this.mongo, "telemetry_events");
		MongoBatch interest = new MongoBatch(this.mongo, "program_interest");
		try {
			for (int t = 0; t < tenants.size(); t++) {
				String tenant = tenants.get(t);
				forEachRun(spec, tenant, t, (run) -> qualityRuns.add(qualityRun(run)));
				SplittableRandom random = random(spec, t, 4);
				for (LocalDate day = spec.startDate(); !day.isAfter(spec.endDate()); day = day.plusDays(1)) {
					Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
					for (int i = 0; i < spec.scale().telemetryPerDay; i++) {
						String session = Long.toHexString(random.nextLong());
						telemetry.add(new Document("_id", uuid(random).toString()).append("tenantId", tenant)
							.append("t", java.util.Date.from(dayStart.plusSeconds(random.nextLong(86400))))
							.append("eventType",
									pick(random, "page_view", "page_view", "cta_click", "signup_start",
											"signup_complete"))
							.append("anonId", "anon-" + random.nextInt(5000))
							.append("sessionId", session)
							.append("props", new Document("path", "/programs/" + (1 + random.nextInt(10)))
								.append("referrer", pick(random, "search", "email", "direct", "partner"))));
					}
				}
				List<Map<String, Object>> programs = this.jdbc
					.sql("SELECT id, code FROM programs WHERE tenant_id = :tenant ORDER BY id")
					.param("tenant", tenant)
					.query()
					.listOfRows();
				for (Map<String, Object> program : programs) {
					int visitors = random.nextInt(20);
					for (int v = 0; v < visitors; v++) {
						String anon = "anon-" + random.nextInt(5000);
						interest.add(new Document("_id", program.get("id") + "-" + anon + "-" + v)
							.append("tenantId", tenant)
							.append("programCode", program.get("code"))
							.append("anonId", anon)
							.append("stage", pick(random, "visited", "visited", "applied", "enrolled"))
							.append("enrichment", new Document("source", pick(random, "search", "email", "partner"))
								.append("campaign", "autumn-" + (1 + random.nextInt(4)))));
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		documents.put("quality_runs", qualityRuns.finish());
		documents.put("telemetry_events", telemetry.finish());
		documents.put("program_interest", interest.finish());
		return documents;
	}

	private static Document qualityRun(Run run) {
		List<Document> tasks = new ArrayList<>();
		Map<String, Document> aggregates = new LinkedHashMap<>();
		Instant generated = Instant.EPOCH;
		for (Task task : run.tasks()) {
			tasks.add(new Document("project", task.project()).append("target", task.target())
				.append("status", task.status())
				.append("durationMs", task.durationMs())
				.append("cached", task.cached())
				.append("startedAt", java.util.Date.from(task.startedAt()))
				.append("endedAt", java.util.Date.from(task.endedAt())));
			Document aggregate = aggregates.computeIfAbsent(task.project(),
					(project) -> new Document("project", project).append("tasks", 0)
						.append("failed", 0)
						.append("cached", 0)
						.append("durationMs", 0L));
			aggregate.put("tasks", aggregate.getInteger("tasks") + 1);
			aggregate.put("failed", aggregate.getInteger("failed") + ("failed".equals(task.status()) ? 1 : 0));
			aggregate.put("cached", aggregate.getInteger("cached") + (task.cached() ? 1 : 0));
			aggregate.put("durationMs", aggregate.getLong("durationMs") + task.durationMs());
			if (task.endedAt().isAfter(generated)) {
				generated = task.endedAt();
			}
		}
		return new Document("_id", run.runId()).append("tenantId", run.tenant())
			.append("generatedAt", java.util.Date.from(generated))
			.append("tasks", tasks)
			.append("aggregates", new ArrayList<>(aggregates.values()));
	}

	/**
	 * Calls back once per quality run of the tenant, identically for the SQL and the
	 * Mongo side.
	 */
	private static void forEachRun(DemoSpec spec, String tenant, int tenantIndex, RunConsumer consumer)
			throws SQLException {
		SplittableRandom random = random(spec, tenantIndex, 2);
		DateTimeFormatter compact = DateTimeFormatter.BASIC_ISO_DATE;
		int runsPerDay = spec.scale().runsPerDay;
		for (LocalDate day = spec.startDate(); !day.isAfter(spec.endDate()); day = day.plusDays(1)) {
			Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
			for (int r = 0; r < runsPerDay; r++) {
				String runId = tenant + "-" + compact.format(day) + "-" + String.format("%03d", r + 1);
				Instant runStart = dayStart.plusSeconds(1800 + (long) r * (80_000 / runsPerDay) + random.nextInt(600));
				List<Task> tasks = new ArrayList<>(PAIRS.length);
				long offset = 0;
				for (int p = 0; p < PAIRS.length; p++) {
					boolean cached = random.nextInt(4) == 0;
					long duration = cached ? 20 + random.nextInt(400) : longTail(random, MEDIAN_MS[p]);
					int outcome = random.nextInt(100);
					String status = (outcome < 4) ? "failed" : (outcome < 5) ? "skipped" : "success";
					Instant started = runStart.plusMillis(offset);
					Instant ended = started.plusMillis(duration);
					// Tasks must finish on the run's day: aggregates are per day of
					// finish.
					if (!ended.isBefore(dayStart.plusSeconds(86400))) {
						ended = dayStart.plusSeconds(86399);
						started = ended.minusMillis(duration);
					}
					tasks.add(new Task(PAIRS[p][0], PAIRS[p][1], status, duration, cached, started, ended));
					offset += random.nextInt(5000);
				}
				consumer.accept(new Run(tenant, runId, tasks));
			}
		}
	}

	/**
	 * Log-normal around the median with a heavier tail: build durations are long-tailed.
	 */
	private static long longTail(SplittableRandom random, double medianMs) {
		double gaussian = gaussian(random);
		double sigma = (random.nextInt(20) == 0) ? 1.1 : 0.45;
		return Math.max(1, Math.round(medianMs * Math.exp(sigma * gaussian)));
	}

	private static double gaussian(SplittableRandom random) {
		double u1 = 1.0 - random.nextDouble();
		double u2 = random.nextDouble();
		return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
	}

	private static Map<String, Object> meta(SplittableRandom random) {
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("source", pick(random, "web", "referral", "import", "partner"));
		meta.put("cohort", "2026-Q" + (1 + random.nextInt(4)));
		meta.put("score", Math.round(random.nextDouble() * 1000) / 1000.0);
		meta.put("tags", List.of(pick(random, "evening", "remote", "onsite"), pick(random, "fast-track", "standard")));
		if (random.nextInt(5) == 0) {
			meta.put("note", pick(random, "Prefers Zürich site", "Needs accessibility support ✓", "Résumé on file"));
		}
		return meta;
	}

	private static String weighted(SplittableRandom random) {
		int roll = random.nextInt(100);
		for (int i = 0; i < STATUSES.length; i++) {
			roll -= STATUS_WEIGHTS[i];
			if (roll < 0) {
				return STATUSES[i];
			}
		}
		return STATUSES[STATUSES.length - 1];
	}

	private static SplittableRandom random(DemoSpec spec, int tenantIndex, int stream) {
		return new SplittableRandom(spec.seed() * 1_000_003L + tenantIndex * 131L + stream);
	}

	private static UUID uuid(SplittableRandom random) {
		return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
				(random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE);
	}

	private static String pick(SplittableRandom random, String... values) {
		return values[random.nextInt(values.length)];
	}

	private static String capitalize(String value) {
		return Character.toUpperCase(value.charAt(0)) + value.substring(1);
	}

	record Task(String project, String target, String status, long durationMs, boolean cached, Instant startedAt,
			Instant endedAt) {
	}

	record Run(String tenant, String runId, List<Task> tasks) {
	}

	@FunctionalInterface
	interface RunConsumer {

		void accept(Run run) throws SQLException;

	}

	/** Inserts documents in unordered batches of 1,000. */
	private static final class MongoBatch {

		private final MongoTemplate mongo;

		private final String collection;

		private final List<Document> pending = new ArrayList<>(1000);

		private long written;

		MongoBatch(MongoTemplate mongo, String collection) {
			this.mongo = mongo;
			this.collection = collection;
		}

		void add(Document document) {
			this.pending.add(document);
			if (this.pending.size() == 1000) {
				flush();
			}
		}

		long finish() {
			flush();
			return this.written;
		}

		private void flush() {
			if (!this.pending.isEmpty()) {
				this.mongo.getCollection(this.collection)
					.insertMany(this.pending, new InsertManyOptions().ordered(false));
				this.written += this.pending.size();
				this.pending.clear();
			}
		}

	}

}
