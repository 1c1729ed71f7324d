package io.nightshift.ledger;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.json.CanonicalJson;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.nightshift.ledger.LedgerFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;

@NightshiftTest
class SnapshotJobTests {

	@Autowired
	LaunchService launcher;

	@Autowired
	JobRepository repository;

	@Autowired
	FaultInjection faults;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@Autowired
	CanonicalJson canonical;

	@Autowired
	LedgerHashing hashing;

	LedgerFixtures fixtures;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		this.fixtures = new LedgerFixtures(this.jdbc, this.mongo);
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(SnapshotKind.DAILY.job());
	}

	@Test
	void aDailyRunAppendsOneCompleteEntryPerTenantHoldingTheDaysState() {
		LedgerFixtures.TenantIds acme = this.fixtures.tenant("acme");
		this.fixtures.tenant("globex");
		this.fixtures.tenant("initech");

		LaunchOutcome outcome = run("snapshot-daily", DAY, "all");

		assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
		List<Map<String, Object>> rows = this.jdbc.sql("SELECT * FROM ledger_snapshots ORDER BY tenant_id")
			.query()
			.listOfRows();
		assertThat(rows).extracting((row) -> row.get("tenant_id")).containsExactly("acme", "globex", "initech");
		for (Map<String, Object> row : rows) {
			assertThat(row).containsEntry("kind", "daily")
				.containsEntry("period", java.sql.Date.valueOf(DAY))
				.containsEntry("revision", 1)
				.containsEntry("seq", 1L)
				.containsEntry("coverage", "COMPLETE")
				.containsEntry("supersedes", null)
				.containsEntry("prev_hash", LedgerHashing.GENESIS)
				.containsEntry("execution_id", outcome.executionId());
			byte[] payload = (byte[]) row.get("payload");
			assertThat(row.get("content_hash")).isEqualTo(LedgerHashing.contentHash(payload));
			String text = new String(payload, StandardCharsets.UTF_8);
			assertThat(this.canonical.canonicalizeJson(text)).as("stored canonical").isEqualTo(text);
		}
		JsonNode snapshot = payload("acme", "daily", DAY, 1);
		assertThat(snapshot.path("schema").asString()).isEqualTo("nightshift.ledger.snapshot");
		assertThat(snapshot.path("schemaVersion").asInt()).isEqualTo(1);
		assertThat(snapshot.path("period").path("start").asString()).isEqualTo("2026-11-18");
		assertThat(snapshot.path("period").path("until").asString()).isEqualTo("2026-11-19T00:00:00Z");
		assertThat(snapshot.path("coverage").path("status").asString()).isEqualTo("COMPLETE");
		assertThat(snapshot.path("programs")).hasSize(2);
		assertThat(snapshot.path("programs").get(1).path("kpiTargets").path("participants").asString())
			.as("an integer beyond 2^53 is carried as a string")
			.isEqualTo("9007199254740993");
		JsonNode enrollments = snapshot.path("enrollments");
		assertThat(enrollments.path("total").asLong()).isEqualTo(4);
		JsonNode onboard = enrollments.path("byProgram").get(0);
		assertThat(onboard.path("programId").asLong()).isEqualTo(acme.onboardProgram());
		assertThat(onboard.path("byStatus").path("active").asLong()).isEqualTo(1);
		assertThat(onboard.path("byStatus").path("completed").asLong()).isEqualTo(1);
		assertThat(onboard.path("byStatus").path("invited").asLong()).isEqualTo(1);
		assertThat(onboard.path("byStatus").path("withdrawn").asLong()).isZero();
		assertThat(onboard.path("rowsSha256").asString()).hasSize(64);
		assertThat(enrollments.path("byProgram").get(1).path("total").asLong()).isEqualTo(1);
		assertThat(snapshot.path("perfAggregates")).hasSize(2);
		assertThat(snapshot.path("perfAggregates").get(0).path("p95").asDouble()).isEqualTo(95_000);
		assertThat(snapshot.path("qualityRuns").path("count").asLong()).isEqualTo(2);
		assertThat(snapshot.path("qualityRuns").path("runs").get(0).path("runId").asString()).isEqualTo("acme-run-1");
		assertThat(snapshot.path("qualityRuns").path("runs").get(0).path("failed").asLong()).isEqualTo(1);
		assertThat(snapshot.path("eventStreams").path("heads")).hasSize(2);
		assertThat(snapshot.path("eventStreams").path("heads").get(1).path("sequenceNumber").asLong())
			.as("the order stream's head at the end of the day")
			.isEqualTo(2);
		assertThat(snapshot.has("dailySnapshots")).isFalse();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ledger_chain_heads").query(Long.class).single()).isEqualTo(3);
	}

	JsonNode payload(String tenant, String kind, LocalDate period, int revision) {
		byte[] payload = this.jdbc.sql("""
				SELECT payload FROM ledger_snapshots
				 WHERE tenant_id = :tenant AND kind = :kind AND period = :period AND revision = :revision
				""")
			.param("tenant", tenant)
			.param("kind", kind)
			.param("period", period)
			.param("revision", revision)
			.query(byte[].class)
			.single();
		return this.json.readTree(new String(payload, StandardCharsets.UTF_8));
	}

	LaunchOutcome run(String job, LocalDate date, String tenant) {
		return run(job, date, tenant, Map.of());
	}

	LaunchOutcome run(String job, LocalDate date, String tenant, Map<String, String> settings) {
		return this.launcher.run(new LaunchRequest(job, date, tenant, settings, operator()));
	}

	static Requester operator() {
		return new Requester(Trigger.OPERATOR, "tester", null);
	}

	List<StepExecution> workers(long executionId) {
		JobExecution execution = this.repository.getJobExecution(executionId);
		return execution.getStepExecutions().stream().filter((step) -> step.getStepName().contains(":")).toList();
	}

}
