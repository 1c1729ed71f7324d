package io.nightshift.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Source data for snapshot tests. Every tenant gets the same shape with the same program
 * codes, stream types and run-id patterns (overlapping keys), some rows inside the day it
 * is built for and some outside it, so that a snapshot shows what it must and nothing
 * else.
 */
final class LedgerFixtures {

	/** A Wednesday; its ISO week runs from Monday 2026-11-16 to Sunday 2026-11-22. */
	static final LocalDate DAY = LocalDate.of(2026, 11, 18);

	private final JdbcClient jdbc;

	private final MongoTemplate mongo;

	private long nextId = 1000;

	LedgerFixtures(JdbcClient jdbc, MongoTemplate mongo) {
		this.jdbc = jdbc;
		this.mongo = mongo;
	}

	/**
	 * A tenant with, as of the end of {@link #DAY}: programs ONBOARD-1 and MENTOR-2; four
	 * enrollments (ONBOARD-1: active, completed, invited; MENTOR-2: paused) and a fifth
	 * created the day after; perf aggregates of web/build and api/test on the day and one
	 * the day before; two event streams whose heads are seq 2 (order) and seq 1 (cart),
	 * the order stream getting seq 3 the day after; two quality runs on the day, one the
	 * day before and one the day after.
	 */
	TenantIds tenant(String tenant) {
		this.jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, :id)").param("id", tenant).update();
		long onboard = id();
		long mentor = id();
		program(onboard, tenant, "ONBOARD-1", "active",
				"{\"participants\": 120, \"completions\": 40, \"activeShare\": 0.5}");
		program(mentor, tenant, "MENTOR-2", "pilot",
				"{\"participants\": 9007199254740993, \"note\": \"Z\u00fcrich \u2713\", \"ratio\": 1e21}");
		long[] users = { id(), id(), id(), id(), id() };
		for (long user : users) {
			this.jdbc.sql("INSERT INTO users (id, tenant_id, email, created_at) VALUES (:id, :tenant, :email, :at)")
				.param("id", user)
				.param("tenant", tenant)
				.param("email", "u" + user + "@" + tenant + ".example")
				.param("at", at(DAY.minusDays(30), 9))
				.update();
		}
		long e1 = id();
		enrollment(e1, tenant, users[0], onboard, "active", at(DAY.minusDays(3), 9), at(DAY.minusDays(1), 10),
				"{\"source\": \"web\", \"score\": 0.25}");
		enrollment(id(), tenant, users[1], onboard, "completed", at(DAY.minusDays(2), 9), at(DAY, 10),
				"{\"source\": \"partner\", \"tags\": [\"a\", \"b\"]}");
		enrollment(id(), tenant, users[2], onboard, "invited", at(DAY, 12), at(DAY, 12), "{}");
		enrollment(id(), tenant, users[3], mentor, "paused", at(DAY.minusDays(5), 9), at(DAY.minusDays(4), 9),
				"{\"note\": \"R\u00e9sum\u00e9 on file\"}");
		enrollment(id(), tenant, users[4], mentor, "active", at(DAY.plusDays(1), 9), at(DAY.plusDays(1), 9), "{}");
		perf(tenant, DAY, "web", "build", 10, 42_000.5);
		perf(tenant, DAY, "api", "test", 7, 95_000);
		perf(tenant, DAY.minusDays(1), "web", "build", 9, 41_000);
		buildMetric(tenant, tenant + "-run-1", "web", "build", at(DAY, 3));
		event(tenant, "order-" + tenant + "-1", "order", 1, "OrderPlaced", at(DAY.minusDays(1), 8));
		event(tenant, "order-" + tenant + "-1", "order", 2, "OrderPaid", at(DAY, 8));
		event(tenant, "order-" + tenant + "-1", "order", 3, "OrderShipped", at(DAY.plusDays(1), 8));
		event(tenant, "cart-" + tenant + "-2", "cart", 1, "CartOpened", at(DAY.minusDays(2), 8));
		qualityRun(tenant, tenant + "-run-0", at(DAY.minusDays(1), 23));
		qualityRun(tenant, tenant + "-run-1", at(DAY, 3));
		qualityRun(tenant, tenant + "-run-2", at(DAY, 20));
		qualityRun(tenant, tenant + "-run-3", at(DAY.plusDays(1), 0));
		return new TenantIds(onboard, mentor, e1);
	}

	void program(long id, String tenant, String code, String phase, String kpi) {
		this.jdbc.sql("""
				INSERT INTO programs (id, tenant_id, code, phase, kpi_target_json)
				VALUES (:id, :tenant, :code, :phase, :kpi::jsonb)
				""")
			.param("id", id)
			.param("tenant", tenant)
			.param("code", code)
			.param("phase", phase)
			.param("kpi", kpi)
			.update();
	}

	void enrollment(long id, String tenant, long user, long program, String status, OffsetDateTime created,
			OffsetDateTime updated, String meta) {
		this.jdbc.sql("""
				INSERT INTO enrollments (id, tenant_id, user_id, program_id, status, created_at, updated_at, meta)
				VALUES (:id, :tenant, :user, :program, :status, :created, :updated, :meta::jsonb)
				""")
			.param("id", id)
			.param("tenant", tenant)
			.param("user", user)
			.param("program", program)
			.param("status", status)
			.param("created", created)
			.param("updated", updated)
			.param("meta", meta)
			.update();
	}

	void perf(String tenant, LocalDate day, String project, String target, long n, double p95) {
		this.jdbc.sql("""
				INSERT INTO perf_aggregate (tenant_id, day, project, target, n, p50, p95, p99, mean, max, sketch,
				                            method, computed_at)
				VALUES (:tenant, :day, :project, :target, :n, :p50, :p95, :p99, :mean, :max, :sketch, 'exact', now())
				""")
			.param("tenant", tenant)
			.param("day", day)
			.param("project", project)
			.param("target", target)
			.param("n", n)
			.param("p50", p95 / 2)
			.param("p95", p95)
			.param("p99", p95 * 1.1)
			.param("mean", p95 / 1.5)
			.param("max", p95 * 2)
			.param("sketch", new byte[] { 1, 2, 3 })
			.update();
	}

	void buildMetric(String tenant, String runId, String project, String target, OffsetDateTime finished) {
		this.jdbc.sql("""
				INSERT INTO build_metrics (tenant_id, run_id, project, target, status, duration_ms, cached,
				                           started_at, finished_at)
				VALUES (:tenant, :run, :project, :target, 'success', 1000, false, :started, :finished)
				""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("project", project)
			.param("target", target)
			.param("started", finished.minusSeconds(1))
			.param("finished", finished)
			.update();
	}

	void event(String tenant, String stream, String type, long seq, String eventType, OffsetDateTime at) {
		this.jdbc.sql("""
				INSERT INTO events (tenant_id, stream_id, stream_type, sequence_number, event_type, data, created_at)
				VALUES (:tenant, :stream, :type, :seq, :eventType, '{}'::jsonb, :at)
				""")
			.param("tenant", tenant)
			.param("stream", stream)
			.param("type", type)
			.param("seq", seq)
			.param("eventType", eventType)
			.param("at", at)
			.update();
	}

	void qualityRun(String tenant, String runId, OffsetDateTime generatedAt) {
		List<Document> tasks = List.of(
				new Document("project", "web").append("target", "build")
					.append("status", "success")
					.append("durationMs", 1200L)
					.append("cached", false),
				new Document("project", "web").append("target", "test")
					.append("status", "failed")
					.append("durationMs", 800L)
					.append("cached", false),
				new Document("project", "api").append("target", "lint")
					.append("status", "success")
					.append("durationMs", 30L)
					.append("cached", true));
		this.mongo.getCollection("quality_runs")
			.insertOne(new Document("_id", runId).append("tenantId", tenant)
				.append("generatedAt", Date.from(generatedAt.toInstant()))
				.append("tasks", tasks)
				.append("aggregates", List.of(new Document("project", "web").append("tasks", 2))));
	}

	static OffsetDateTime at(LocalDate day, int hour) {
		return day.atTime(hour, 0).atOffset(ZoneOffset.UTC);
	}

	static Instant instant(LocalDate day, int hour) {
		return at(day, hour).toInstant();
	}

	private long id() {
		return ++this.nextId;
	}

	/** Ids the tests touch. */
	record TenantIds(long onboardProgram, long mentorProgram, long firstEnrollment) {
	}

}
