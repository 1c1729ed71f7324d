package io.nightshift.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.Drill;
import io.nightshift.testsupport.QualityReportFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API against a real server: shapes, launches through the launch service,
 * ingest, metrics.
 */
@NightshiftWebTest
class ApiTests {

	private static final String OPERATOR = WebTestSupport.OPERATOR_TOKEN;

	private static final String VIEWER = WebTestSupport.VIEWER_TOKEN;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@Autowired
	FaultInjection faults;

	WebTestSupport http;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		Drill.items(this.jdbc, 120, "acme");
		this.http = new WebTestSupport(this.port);
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(Drill.JOB);
	}

	@Test
	void runsGoThroughTheLaunchServiceAndAnswerWithTheExitCodeContract() throws Exception {
		String body = "{\"job\":\"drill-copy\",\"date\":\"2026-11-20\",\"tenant\":\"acme\",\"reason\":\"ci smoke\"}";

		HttpResponse<String> first = this.http.post("/api/runs", OPERATOR, body);
		HttpResponse<String> second = this.http.post("/api/runs", OPERATOR, body);
		HttpResponse<String> bad = this.http.post("/api/runs", OPERATOR,
				"{\"job\":\"drill-copy\",\"tenant\":\"nobody\"}");
		HttpResponse<String> unknown = this.http.post("/api/runs", OPERATOR, "{\"job\":\"nope\"}");

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		JsonNode outcome = this.json.readTree(first.body());
		assertThat(outcome.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(outcome.get("exitCode").asInt()).isZero();
		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(second.body()).get("exitCode").asInt()).isEqualTo(3);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("unknown tenant");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(this.jdbc
			.sql("SELECT actor || '/' || trigger || '/' || reason FROM launch_audit WHERE outcome = 'COMPLETED'")
			.query(String.class)
			.single()).isEqualTo("otto/api/ci smoke");
	}

	@Test
	void executionsListAndDetailHaveTheShapeOfTheCommandLine() throws Exception {
		this.http.post("/api/runs", OPERATOR, "{\"job\":\"drill-copy\",\"date\":\"2026-11-20\",\"tenant\":\"acme\"}");
		this.http.post("/api/runs", OPERATOR, "{\"job\":\"drill-copy\",\"date\":\"2026-11-21\",\"tenant\":\"acme\"}");

		JsonNode page = this.json.readTree(this.http.get("/api/executions?limit=1", VIEWER).body());
		long newest = page.at("/executions/0/id").asLong();
		JsonNode older = this.json
			.readTree(this.http.get("/api/executions?limit=1&before=" + page.get("next").asLong(), VIEWER).body());
		JsonNode detail = this.json.readTree(this.http.get("/api/executions/" + newest, VIEWER).body());

		assertThat(page.at("/executions/0/date").asString()).isEqualTo("2026-11-21");
		assertThat(page.at("/executions/0/trigger").asString()).isEqualTo("api");
		assertThat(older.at("/executions/0/date").asString()).isEqualTo("2026-11-20");
		assertThat(detail.at("/execution/actor").asString()).isEqualTo("otto");
		assertThat(detail.at("/steps/0/written").asLong()).isEqualTo(120);
		assertThat(detail.at("/identifying/tenant").asString()).isEqualTo("acme");
		assertThat(detail.at("/audit/action").asString()).isEqualTo("run");
		assertThat(this.http.get("/api/executions/987654", VIEWER).statusCode()).isEqualTo(404);
		assertThat(this.http.get("/api/executions?limit=0", VIEWER).statusCode()).isEqualTo(400);
	}

	@Test
	void aFailedExecutionIsRestartedThroughTheApi() throws Exception {
		this.faults.failAfterItems(Drill.JOB, 30);
		long failed = this.json
			.readTree(this.http
				.post("/api/runs", OPERATOR, "{\"job\":\"drill-copy\",\"date\":\"2026-11-20\",\"tenant\":\"acme\"}")
				.body())
			.get("executionId")
			.asLong();

		HttpResponse<String> restart = this.http.post("/api/executions/" + failed + "/restart?reason=fixed", OPERATOR,
				null);

		assertThat(restart.statusCode()).as(restart.body()).isEqualTo(200);
		assertThat(this.json.readTree(restart.body()).get("status").asString()).isEqualTo("COMPLETED");
		assertThat(Drill.totalsCount(this.jdbc)).isEqualTo(120);
	}

	@Test
	void ciPostsItsQualityReportAndItIsIngestedAsFromAFile(@TempDir Path dir) throws Exception {
		this.jdbc.sql("INSERT INTO tenants (id, name) VALUES ('globex', 'Globex') ON CONFLICT DO NOTHING").update();
		Path report = QualityReportFiles.write(dir, "globex", "run-api-1", List
			.of(QualityReportFiles.Task.success("web", "build", 41_000, Instant.parse("2026-11-20T03:00:00Z"))));

		HttpResponse<String> accepted = this.http.post("/api/quality-reports", OPERATOR, Files.readString(report));
		HttpResponse<String> again = this.http.post("/api/quality-reports", OPERATOR, Files.readString(report));
		HttpResponse<String> broken = this.http.post("/api/quality-reports", OPERATOR, "{\"runId\": 7}");

		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT count(*) FROM build_metrics WHERE run_id = 'run-api-1'")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.mongo.getCollection("quality_runs").countDocuments()).isEqualTo(1);
		assertThat(again.statusCode()).as("nothing new").isEqualTo(409);
		assertThat(broken.statusCode()).isEqualTo(400);
		assertThat(broken.body()).contains("/runId");
	}

	@Test
	void prometheusShowsJobFiguresAndHealthShowsEveryStoreToViewers() throws Exception {
		this.http.post("/api/runs", OPERATOR, "{\"job\":\"drill-copy\",\"date\":\"2026-11-20\",\"tenant\":\"acme\"}");

		String metrics = this.http.get("/actuator/prometheus", VIEWER).body();
		JsonNode health = this.json.readTree(this.http.get("/actuator/health", VIEWER).body());

		assertThat(metrics).contains("nightshift_job_duration_seconds_count{job=\"drill-copy\",status=\"COMPLETED\"}")
			.contains("nightshift_step_items_total{job=\"drill-copy\",kind=\"written\",step=\"drillCopyStep\"}")
			.contains("nightshift_executions_running")
			.contains("nightshift_job_last_success_age_seconds{job=\"drill-copy\"}")
			.contains("nightshift_gaps_open{job=\"drill-copy\"}");
		assertThat(health.at("/components/mongo/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/scheduler/status").asString()).isEqualTo("OUT_OF_SERVICE");
	}

}
