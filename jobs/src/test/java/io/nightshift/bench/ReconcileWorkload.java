package io.nightshift.bench;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.nightshift.platform.json.CanonicalJson;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * W4: the reconcile job over N enrollments behind N/100 programs (10 tenants), with
 * seeded drift of every kind, against a raw keyset read of the same SQL aggregate and a
 * raw sorted Mongo cursor merged in memory in one thread (with the same meta-hash pass
 * when {@code meta=true}). Both sides must find exactly the seeded drift. Options:
 * {@code meta=true|false}, {@code grid=4}, {@code concurrency=2}, {@code chunk=1000}.
 */
class ReconcileWorkload implements Workload {

	private static final int TENANTS = 10;

	private static final int PAGE = 1000;

	private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String[] STATUSES = { "invited", "active", "paused", "completed", "withdrawn" };

	private LaunchService launcher;

	private JobRepository repository;

	private JdbcClient jdbc;

	private JdbcTemplate streaming;

	private TransactionTemplate transactions;

	private MongoTemplate mongo;

	private CanonicalJson canonical;

	private JsonMapper json;

	private long enrollments;

	private long programs;

	private boolean meta;

	private Map<String, String> settings;

	private LocalDate nextDate = LocalDate.now().minusDays(1);

	private final Map<String, Long> seeded = new TreeMap<>();

	@Override
	public String name() {
		return "W4";
	}

	@Override
	public String description() {
		return "reconcile job (partitioned merge of the SQL aggregate and a sorted Mongo cursor, canonical hashes,"
				+ " meta-hash recomputation, report) over N enrollments behind N/100 programs with seeded drift, vs a raw"
				+ " keyset read of the SQL aggregate and a raw sorted Mongo cursor merged in memory in one thread (plus"
				+ " the same raw meta-hash pass when meta=true)";
	}

	@Override
	public String unit() {
		return "enrollments";
	}

	@Override
	public void setUp(ConfigurableApplicationContext context, BenchOptions options) throws Exception {
		this.launcher = context.getBean(LaunchService.class);
		this.repository = context.getBean(JobRepository.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.streaming = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
		this.streaming.setFetchSize(2000);
		this.transactions = context.getBean(TransactionTemplate.class);
		this.mongo = context.getBean(MongoTemplate.class);
		this.canonical = context.getBean(CanonicalJson.class);
		this.json = context.getBean(JsonMapper.class);
		this.enrollments = options.size(1_000_000);
		this.programs = Math.max(TENANTS, this.enrollments / 100);
		this.meta = Boolean.parseBoolean(options.parameter("meta", "true"));
		this.settings = Map.of("grid-size", options.parameter("grid", "4"), "concurrency",
				options.parameter("concurrency", "2"), "chunk-size", options.parameter("chunk", "1000"),
				"check-meta-hash", Boolean.toString(this.meta), "discrepancy-cap", "1000000");
		long started = System.nanoTime();
		seedSql();
		System.out.printf("  seeded %,d enrollments behind %,d programs in %.0fs%n", this.enrollments, this.programs,
				(System.nanoTime() - started) / 1e9);
		started = System.nanoTime();
		LaunchOutcome rebuild = this.launcher.run(new LaunchRequest("projection-rebuild", this.nextDate, "all",
				Map.of("grid-size", this.settings.get("grid-size"), "concurrency", this.settings.get("concurrency"),
						"chunk-size", this.settings.get("chunk-size")),
				new Requester(Trigger.OPERATOR, "bench", "W4 set-up")));
		if (rebuild.exitCode() != 0) {
			throw new IllegalStateException(rebuild.message());
		}
		System.out.printf("  projection-rebuild wrote %,d documents in %.1fs%n",
				this.mongo.getCollection("program_overview").countDocuments(), (System.nanoTime() - started) / 1e9);
		seedDrift();
		System.out.println("  seeded drift: " + this.seeded);
	}

	@Override
	public Measurement workload() {
		this.nextDate = this.nextDate.minusDays(1);
		HeapSampler heap = HeapSampler.start();
		long started = System.nanoTime();
		LaunchOutcome outcome = this.launcher.run(new LaunchRequest("reconcile", this.nextDate, "all", this.settings,
				new Requester(Trigger.OPERATOR, "bench", "W4")));
		long elapsed = System.nanoTime() - started;
		double peak = heap.stop();
		if (outcome.exitCode() != 0) {
			throw new IllegalStateException(outcome.message());
		}
		Map<String, Object> run = this.jdbc.sql("SELECT * FROM reconcile_runs ORDER BY id DESC LIMIT 1")
			.query()
			.singleRow();
		Map<String, Long> found = new TreeMap<>();
		for (String kind : this.seeded.keySet()) {
			found.put(kind, ((Number) run.get(kind.equals("meta_hash") ? "meta_hash_mismatches" : kind)).longValue());
		}
		if (((Number) run.get("expected")).longValue() != this.programs) {
			throw new IllegalStateException("compared " + run.get("expected") + " of " + this.programs + " programs");
		}
		Map<String, Double> extra = new TreeMap<>();
		extra.put("peak heap used MiB", peak);
		extra.put("seeded drift found %", percentFound(found));
		for (StepExecution step : this.repository.getJobExecution(outcome.executionId()).getStepExecutions()) {
			if (!step.getStepName().contains(":") && step.getStartTime() != null && step.getEndTime() != null) {
				extra.put(step.getStepName() + " s",
						java.time.Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0);
			}
		}
		return new Measurement(elapsed, this.enrollments, extra);
	}

	@Override
	public Measurement baseline() throws Exception {
		HeapSampler heap = HeapSampler.start();
		long started = System.nanoTime();
		Map<String, Long> found = new TreeMap<>();
		this.seeded.keySet().forEach((kind) -> found.put(kind, 0L));
		long expected = 0;
		MongoCollection<Document> collection = this.mongo.getCollection("program_overview");
		try (MongoCursor<Document> cursor = collection.find(Filters.type("_id", "number"))
			.sort(Sorts.ascending("_id"))
			.batchSize(PAGE)
			.cursor()) {
			Document actual = cursor.hasNext() ? cursor.next() : null;
			long after = Long.MIN_VALUE;
			List<Map<String, Object>> page;
			do {
				page = aggregatePage(after);
				for (Map<String, Object> program : page) {
					long id = (Long) program.get("programId");
					while (actual != null && ((Number) actual.get("_id")).longValue() < id) {
						found.merge("extra", 1L, Long::sum);
						actual = cursor.hasNext() ? cursor.next() : null;
					}
					expected++;
					if (actual == null || ((Number) actual.get("_id")).longValue() > id) {
						found.merge("missing", 1L, Long::sum);
						continue;
					}
					if (!hash(program).equals(hash(plain(actual)))) {
						found.merge("mismatched", 1L, Long::sum);
					}
					actual = cursor.hasNext() ? cursor.next() : null;
				}
				if (!page.isEmpty()) {
					after = (Long) page.get(page.size() - 1).get("programId");
				}
			}
			while (page.size() == PAGE);
			while (actual != null) {
				found.merge("extra", 1L, Long::sum);
				actual = cursor.hasNext() ? cursor.next() : null;
			}
		}
		if (this.meta) {
			found.put("meta_hash", metaMismatches());
		}
		long elapsed = System.nanoTime() - started;
		if (expected != this.programs) {
			throw new IllegalStateException("compared " + expected + " of " + this.programs + " programs");
		}
		return new Measurement(elapsed, this.enrollments,
				Map.of("peak heap used MiB", heap.stop(), "seeded drift found %", percentFound(found)));
	}

	private double percentFound(Map<String, Long> found) {
		for (Map.Entry<String, Long> kind : this.seeded.entrySet()) {
			if (!kind.getValue().equals(found.get(kind.getKey()))) {
				throw new IllegalStateException("seeded " + this.seeded + " but found " + found);
			}
		}
		return 100.0;
	}

	private List<Map<String, Object>> aggregatePage(long after) {
		return this.jdbc.sql("""
				SELECT p.id, p.tenant_id, p.kpi_target_json::text AS kpi, a.*
				  FROM programs p CROSS JOIN LATERAL (
				    SELECT count(*) FILTER (WHERE e.status = 'invited') AS invited,
				           count(*) FILTER (WHERE e.status = 'active') AS active,
				           count(*) FILTER (WHERE e.status = 'paused') AS paused,
				           count(*) FILTER (WHERE e.status = 'completed') AS completed,
				           count(*) FILTER (WHERE e.status = 'withdrawn') AS withdrawn,
				           max(e.updated_at) AS watermark
				      FROM enrollments e WHERE e.program_id = p.id) a
				 WHERE p.id > :after ORDER BY p.id LIMIT :limit""")
			.param("after", after)
			.param("limit", PAGE)
			.query(this::expected)
			.list();
	}

	/** The document SQL implies, in plain maps, with its hash. */
	private Map<String, Object> expected(ResultSet rs, int row) throws SQLException {
		Map<String, Object> byStatus = new LinkedHashMap<>();
		long participants = 0;
		for (String status : STATUSES) {
			long count = rs.getLong(status);
			byStatus.put(status, count);
			participants += status.equals("withdrawn") ? 0 : count;
		}
		Map<String, Object> kpis = new TreeMap<>();
		JsonNode targets = this.json.readTree(rs.getString("kpi"));
		for (Map.Entry<String, JsonNode> target : targets.properties()) {
			Number actual = switch (target.getKey()) {
				case "participants" -> participants;
				case "completions" -> (Long) byStatus.get("completed");
				case "activeShare" ->
					(participants > 0) ? round((Long) byStatus.get("active") / (double) participants) : null;
				default -> null;
			};
			Map<String, Object> kpi = new TreeMap<>();
			kpi.put("target", target.getValue().numberValue());
			kpi.put("actual", actual);
			kpi.put("progress",
					(actual != null) ? round(actual.doubleValue() / target.getValue().doubleValue()) : null);
			kpis.put(target.getKey(), kpi);
		}
		Timestamp watermark = rs.getTimestamp("watermark");
		Map<String, Object> document = new TreeMap<>();
		document.put("programId", rs.getLong("id"));
		document.put("tenantId", rs.getString("tenant_id"));
		document.put("participantsCount", participants);
		document.put("byStatus", byStatus);
		document.put("kpiProgress", kpis);
		document.put("sourceWatermark",
				(watermark != null) ? INSTANT.format(watermark.toInstant().truncatedTo(ChronoUnit.MILLIS)) : null);
		document.put("projectionHash", this.canonical.sha256Hex(document));
		return document;
	}

	/** A stored document in the same plain form. */
	private static Map<String, Object> plain(Document document) {
		Map<String, Object> plain = new TreeMap<>();
		for (Map.Entry<String, Object> field : document.entrySet()) {
			if (field.getKey().equals("projectedAt")) {
				continue;
			}
			plain.put(field.getKey().equals("_id") ? "programId" : field.getKey(), plainValue(field.getValue()));
		}
		return plain;
	}

	private static Object plainValue(Object value) {
		if (value instanceof Document document) {
			Map<String, Object> plain = new TreeMap<>();
			document.forEach((key, child) -> plain.put(key, plainValue(child)));
			return plain;
		}
		if (value instanceof Integer || value instanceof Long) {
			return ((Number) value).longValue();
		}
		if (value instanceof Date date) {
			return INSTANT.format(date.toInstant());
		}
		return value;
	}

	private String hash(Map<String, Object> document) {
		return this.canonical.sha256Hex(document);
	}

	private long metaMismatches() {
		AtomicLong mismatches = new AtomicLong();
		this.transactions.executeWithoutResult((status) -> this.streaming
			.query("SELECT id, meta::text, meta_hash FROM enrollments", (ResultSet rs) -> {
				String computed = HexFormat.of()
					.formatHex(CanonicalJson
						.sha256(this.canonical.canonicalizeJson(rs.getString(2)).getBytes(StandardCharsets.UTF_8)));
				if (!computed.equals(rs.getString(3))) {
					mismatches.incrementAndGet();
				}
			}));
		return mismatches.get();
	}

	private static double round(double value) {
		return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
	}

	/**
	 * Tenants, users, programs and enrollments with generate_series; meta from 16,000
	 * variants whose canonical hashes are computed here, as the demo seed computes them.
	 */
	private void seedSql() {
		long users = Math.max(TENANTS * 10L, this.enrollments / 10);
		this.jdbc.sql("""
				INSERT INTO tenants (id, name) SELECT 'bench-' || lpad(t::text, 2, '0'), 'Bench ' || t
				  FROM generate_series(0, :tenants - 1) t""").param("tenants", TENANTS).update();
		this.jdbc.sql("""
				INSERT INTO users (id, tenant_id, email, created_at)
				SELECT u, 'bench-' || lpad((u % :tenants)::text, 2, '0'), 'user' || u || '@bench.example',
				       timestamptz '2025-06-01 00:00:00+00'
				  FROM generate_series(0, :users - 1) u""").param("tenants", TENANTS).param("users", users).update();
		this.jdbc.sql("""
				INSERT INTO programs (id, tenant_id, code, phase, kpi_target_json)
				SELECT p, 'bench-' || lpad((p % :tenants)::text, 2, '0'), 'P-' || p, 'active',
				       jsonb_build_object('participants', 50 + p % 100, 'completions', 20 + p % 30,
				                          'activeShare', round((30 + p % 50) / 100.0, 2))
				  FROM generate_series(1, :programs) p""")
			.param("tenants", TENANTS)
			.param("programs", this.programs)
			.update();
		this.jdbc.sql("CREATE TABLE w4_meta_variants (v INT PRIMARY KEY, meta JSONB, hash CHAR(64))").update();
		List<Object[]> variants = new ArrayList<>();
		String[] sources = { "web", "referral", "import", "partner" };
		for (int v = 0; v < 16_000; v++) {
			Map<String, Object> meta = new LinkedHashMap<>();
			meta.put("source", sources[v % 4]);
			meta.put("cohort", "2026-Q" + (1 + (v / 4) % 4));
			meta.put("score", (v / 16) / 1000.0);
			meta.put("tags", List.of((v % 3 == 0) ? "remote" : "onsite", "standard"));
			variants.add(new Object[] { v, this.json.writeValueAsString(meta), this.canonical.sha256Hex(meta) });
		}
		long usersPerTenant = users / TENANTS;
		this.transactions.executeWithoutResult((status) -> {
			this.streaming.batchUpdate("INSERT INTO w4_meta_variants (v, meta, hash) VALUES (?, ?::jsonb, ?)",
					variants);
			// Consistent by construction: foreign-key triggers are skipped for the bulk
			// load.
			this.jdbc.sql("SET LOCAL session_replication_role = replica").update();
			this.jdbc
				.sql("""
						INSERT INTO enrollments (id, tenant_id, user_id, program_id, status, created_at, updated_at, meta, meta_hash)
						SELECT g, 'bench-' || lpad((p % :tenants)::text, 2, '0'),
						       (g % :usersPerTenant) * :tenants + p % :tenants, p,
						       (ARRAY['invited','active','active','active','paused','completed','completed','withdrawn'])[1 + g % 8],
						       timestamptz '2026-01-01 00:00:00+00' + (g % 1000000) * interval '1 second',
						       timestamptz '2026-01-01 00:00:00+00' + (g % 1000000 + g % 977) * interval '1 second',
						       m.meta, m.hash
						  FROM generate_series(1, :enrollments) g
						  CROSS JOIN LATERAL (SELECT 1 + (g - 1) / 100 AS p) program
						  JOIN w4_meta_variants m ON m.v = g % 16000""")
				.param("tenants", TENANTS)
				.param("usersPerTenant", usersPerTenant)
				.param("enrollments", this.enrollments)
				.update();
		});
		this.jdbc.sql("DROP TABLE w4_meta_variants").update();
		this.jdbc.sql("VACUUM ANALYZE enrollments").update();
		this.jdbc.sql("VACUUM ANALYZE programs").update();
	}

	/**
	 * 0.1% of the documents each missing, extra, with a changed count and with a changed
	 * KPI, and 0.01% of the enrollments with meta changed behind their hash.
	 */
	private void seedDrift() {
		MongoCollection<Document> overviews = this.mongo.getCollection("program_overview");
		long each = Math.max(1, this.programs / 1000);
		long step = this.programs / (3 * each + 1);
		long changed = 0;
		long missing = 0;
		long kpi = 0;
		for (long i = 0; i < 3 * each; i++) {
			long id = 1 + (i + 1) * step;
			switch ((int) (i % 3)) {
				case 0 -> missing += overviews.deleteOne(Filters.eq("_id", id)).getDeletedCount();
				case 1 -> changed += overviews.updateOne(Filters.eq("_id", id), Updates.inc("participantsCount", 1L))
					.getModifiedCount();
				default -> kpi += overviews
					.updateOne(Filters.eq("_id", id), Updates.set("kpiProgress.participants.progress", 0.999))
					.getModifiedCount();
			}
		}
		List<Document> extras = new ArrayList<>();
		for (long i = 0; i < each; i++) {
			extras.add(new Document("_id", this.programs + 1000 + i * 7).append("tenantId", "bench-00")
				.append("participantsCount", 1L));
		}
		overviews.insertMany(extras, new InsertManyOptions().ordered(false));
		long tampered = this.jdbc.sql("""
				UPDATE enrollments SET meta = meta || '{"tampered": true}'::jsonb
				 WHERE id % 10000 = 4321""").update();
		this.seeded.put("missing", missing);
		this.seeded.put("extra", (long) extras.size());
		this.seeded.put("mismatched", changed + kpi);
		if (this.meta) {
			this.seeded.put("meta_hash", tampered);
		}
	}

	/** The highest heap use seen while a measurement runs (garbage included). */
	private static final class HeapSampler {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong peak = new AtomicLong();

		private final Thread thread;

		private HeapSampler() {
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					this.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
							Math::max);
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "w4-heap-sampler");
			this.thread.setDaemon(true);
		}

		static HeapSampler start() {
			System.gc();
			HeapSampler sampler = new HeapSampler();
			sampler.thread.start();
			return sampler;
		}

		double stop() {
			this.running.set(false);
			return this.peak.get() / (1024.0 * 1024.0);
		}

	}

}
