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

	@Autowired
	LedgerVerification verification;

	@Autowired
	SnapshotCapture capture;

	@Autowired
	Ledger ledger;

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

	@Test
	void theSameContentAgainAddsNothingAndTheRunExitsThree() {
		this.fixtures.tenant("acme");
		this.fixtures.tenant("globex");
		LaunchOutcome first = run("snapshot-daily", DAY, "all");

		LaunchOutcome again = this.launcher.rerun(new LaunchRequest("snapshot-daily", DAY, "all", Map.of(),
				new Requester(Trigger.OPERATOR, "tester", "idempotency check")));

		assertThat(first.exitCode()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(again.exitCode()).as(again.message()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		assertThat(again.status()).isEqualTo("COMPLETED");
		JobExecution execution = this.repository.getJobExecution(again.executionId());
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("NOTHING_TO_DO");
		assertThat(execution.getExitStatus().getExitDescription()).contains("no tenant got a new entry")
			.contains("2 unchanged");
		assertThat(count("ledger_snapshots")).isEqualTo(2);
		assertThat(workers(again.executionId()).stream().mapToLong(StepExecution::getFilterCount).sum()).isEqualTo(2);
		assertThat(workers(again.executionId()).stream().mapToLong(StepExecution::getWriteCount).sum()).isZero();
	}

	@Test
	void changedContentAppendsANewRevisionThatSupersedesAndNeverOverwrites() {
		LedgerFixtures.TenantIds acme = this.fixtures.tenant("acme");
		this.fixtures.tenant("globex");
		run("snapshot-daily", DAY, "all");
		Map<String, Object> before = entry("acme", 1);
		// Late data: an enrollment changed status during the day, and a quality run
		// arrived.
		this.jdbc.sql("UPDATE enrollments SET status = 'withdrawn' WHERE id = :id")
			.param("id", acme.firstEnrollment())
			.update();
		this.fixtures.qualityRun("acme", "acme-run-late", LedgerFixtures.at(DAY, 22));

		LaunchOutcome rerun = this.launcher.rerun(new LaunchRequest("snapshot-daily", DAY, "all", Map.of(),
				new Requester(Trigger.OPERATOR, "tester", "late data")));

		assertThat(rerun.exitCode()).as(rerun.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(count("ledger_snapshots")).as("globex unchanged, acme revised").isEqualTo(3);
		Map<String, Object> after = entry("acme", 2);
		assertThat(after).containsEntry("revision", 2)
			.containsEntry("seq", 2L)
			.containsEntry("supersedes", before.get("id"))
			.containsEntry("prev_hash", before.get("chain_hash"))
			.containsEntry("period", java.sql.Date.valueOf(DAY));
		Map<String, Object> firstNow = entry("acme", 1);
		assertThat((byte[]) firstNow.remove("payload")).as("the first revision is untouched")
			.isEqualTo((byte[]) before.remove("payload"));
		assertThat(firstNow).isEqualTo(before);
		JsonNode revised = payload("acme", "daily", DAY, 2);
		assertThat(revised.path("qualityRuns").path("count").asLong()).isEqualTo(3);
		assertThat(revised.path("enrollments").path("byProgram").get(0).path("byStatus").path("withdrawn").asLong())
			.isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT seq, chain_hash FROM ledger_chain_heads WHERE tenant_id = 'acme'")
			.query()
			.singleRow()).containsEntry("seq", 2L).containsEntry("chain_hash", after.get("chain_hash"));
		assertThat(this.repository.getJobExecution(rerun.executionId()).getExitStatus().getExitDescription())
			.contains("appended 1 entry (1 new revisions, 0 partial)");
	}

	@Test
	void aWeeklyRunCoversTheIsoWeekNamedByItsMondayAndAnchorsTheDailyEntries() {
		this.fixtures.tenant("acme");
		run("snapshot-daily", DAY, "acme");
		run("snapshot-daily", DAY.minusDays(1), "acme");

		LaunchOutcome weekly = run("snapshot-weekly", DAY, "acme");

		assertThat(weekly.exitCode()).as(weekly.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(weekly.date()).isEqualTo(LocalDate.of(2026, 11, 16));
		JsonNode week = payload("acme", "weekly", LocalDate.of(2026, 11, 16), 1);
		assertThat(week.path("period").path("start").asString()).isEqualTo("2026-11-16");
		assertThat(week.path("period").path("end").asString()).isEqualTo("2026-11-22");
		assertThat(week.path("period").path("until").asString()).isEqualTo("2026-11-23T00:00:00Z");
		assertThat(week.path("qualityRuns").path("count").asLong()).as("runs 0 to 3 all fall in the week").isEqualTo(4);
		assertThat(week.path("perfAggregates")).hasSize(3);
		assertThat(week.path("eventStreams").path("heads").get(1).path("sequenceNumber").asLong()).isEqualTo(3);
		assertThat(week.path("enrollments").path("total").asLong()).isEqualTo(5);
		assertThat(week.path("dailySnapshots")).hasSize(2);
		assertThat(week.path("dailySnapshots").get(0).path("period").asString()).isEqualTo("2026-11-17");
		assertThat(week.path("dailySnapshots").get(1).path("contentHash").asString())
			.isEqualTo(entry("acme", 1).get("content_hash"));
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM ledger_snapshots WHERE kind = 'weekly'").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aRunRestartedAfterFailingInTheMiddleOfTheTenantListAppendsEachTenantOnce() {
		List<String> tenants = List.of("t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09");
		tenants.forEach(this.fixtures::tenant);
		this.faults.failAfterItems(SnapshotKind.DAILY.job(), 4);

		LaunchOutcome failed = run("snapshot-daily", DAY, "all", Map.of("partitions", "1"));

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.message()).contains("injected fault");
		assertThat(tenantsWithEntries()).as("one tenant per commit").containsExactly("t01", "t02", "t03", "t04");

		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(tenantsWithEntries()).containsExactlyElementsOf(tenants);
		assertThat(count("ledger_snapshots")).as("nothing written twice").isEqualTo(9);
		assertThat(this.jdbc.sql("SELECT max(seq) FROM ledger_snapshots").query(Long.class).single()).isEqualTo(1);
		assertThat(workers(restarted.executionId())).singleElement()
			.satisfies((worker) -> assertThat(worker.getReadCount()).as("only the tenants not committed").isEqualTo(5));
		assertThat(this.repository.getJobExecution(restarted.executionId()).getExitStatus().getExitDescription())
			.as("the attempt's entries, over both executions")
			.contains("appended 9 entries");
	}

	@Test
	void tenantRangesArePartitionsThatTogetherCoverEveryTenantOnce() {
		List<String> tenants = List.of("a1", "a2", "b1", "b2", "c1", "c2", "d1");
		tenants.forEach(this.fixtures::tenant);

		LaunchOutcome outcome = run("snapshot-daily", DAY, "all", Map.of("partitions", "3", "threads", "3"));

		assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(workers(outcome.executionId())).extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrder("snapshotDailyWorker:tenants-01", "snapshotDailyWorker:tenants-02",
					"snapshotDailyWorker:tenants-03");
		assertThat(workers(outcome.executionId())).extracting(StepExecution::getWriteCount)
			.containsExactlyInAnyOrder(2L, 2L, 3L);
		assertThat(tenantsWithEntries()).containsExactlyElementsOf(tenants);
	}

	@Test
	void concurrentAppendsToOneChainNeverForkIt() throws Exception {
		this.fixtures.tenant("acme");
		List<SnapshotCapture.CapturedSnapshot> snapshots = new java.util.ArrayList<>();
		for (int day = 0; day < 8; day++) {
			snapshots.add(this.capture.capture("acme", SnapshotKind.DAILY, DAY.minusDays(day),
					java.time.Duration.ofSeconds(10), null));
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			// Each period twice, all at once: a fork or a duplicate would show as a
			// repeated
			// seq, a second revision, or a broken link.
			List<java.util.concurrent.Callable<Ledger.Appended>> appends = new java.util.ArrayList<>();
			for (SnapshotCapture.CapturedSnapshot snapshot : snapshots) {
				appends.add(() -> this.ledger.append(snapshot, null, false));
				appends.add(() -> this.ledger.append(snapshot, null, false));
			}
			long added = 0;
			for (java.util.concurrent.Future<Ledger.Appended> result : pool.invokeAll(appends)) {
				added += result.get().added() ? 1 : 0;
			}
			assertThat(added).isEqualTo(8);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.sql("SELECT array_agg(seq ORDER BY seq)::text FROM ledger_snapshots")
			.query(String.class)
			.single()).isEqualTo("{1,2,3,4,5,6,7,8}");
		assertThat(this.jdbc.sql("SELECT max(revision) FROM ledger_snapshots").query(Integer.class).single())
			.isEqualTo(1);
		assertThat(this.verification.verify("acme").intact()).isTrue();
	}

	@Test
	void aPeriodThatHasNotEndedIsCapturedPartial() {
		this.fixtures.tenant("acme");
		LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);

		LaunchOutcome outcome = run("snapshot-daily", today, "acme");

		assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
		JsonNode snapshot = payload("acme", "daily", today, 1);
		assertThat(snapshot.path("coverage").path("status").asString()).isEqualTo("PARTIAL");
		assertThat(snapshot.path("coverage").path("reasons").get(0).path("code").asString()).isEqualTo("PERIOD_OPEN");
		assertThat(this.jdbc.sql("SELECT coverage_reasons FROM ledger_snapshots").query(String.class).single())
			.isEqualTo("[{\"code\":\"PERIOD_OPEN\",\"detail\":{\"until\":\"" + today.plusDays(1)
					+ "T00:00:00Z\"},\"source\":\"clock\"}]");
	}

	@Test
	void aDayWithBuildsButNoPerfAggregateIsCapturedPartialUntilTheAggregateExists() {
		this.fixtures.tenant("acme");
		LocalDate day = DAY.minusDays(2);
		this.fixtures.buildMetric("acme", "acme-run-x", "web", "build", LedgerFixtures.at(day, 5));

		run("snapshot-daily", day, "acme");
		this.fixtures.perf("acme", day, "web", "build", 1, 1000);
		LaunchOutcome rerun = this.launcher.rerun(new LaunchRequest("snapshot-daily", day, "acme", Map.of(),
				new Requester(Trigger.OPERATOR, "tester", "aggregates arrived")));

		JsonNode partial = payload("acme", "daily", day, 1);
		assertThat(partial.path("coverage").path("status").asString()).isEqualTo("PARTIAL");
		assertThat(partial.path("coverage").path("reasons").get(0).path("code").asString())
			.isEqualTo("PERF_AGGREGATES_MISSING");
		assertThat(partial.path("coverage").path("reasons").get(0).path("detail").path("days").get(0).asString())
			.isEqualTo(day.toString());
		assertThat(rerun.exitCode()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(entry("acme", 2)).containsEntry("coverage", "COMPLETE").containsEntry("coverage_reasons", null);
	}

	@Test
	void badSettingsAndUnknownTenantsAreRefusedWithNothingWritten() {
		this.fixtures.tenant("acme");

		assertUsage(() -> run("snapshot-daily", DAY, "all", Map.of("partitions", "0")),
				"--set partitions: must be greater than or equal to 1");
		assertUsage(() -> run("snapshot-daily", DAY, "all", Map.of("mongo-timeout", "soon")),
				"--set mongo-timeout: cannot use value 'soon'");
		assertUsage(() -> run("snapshot-weekly", DAY, "all", Map.of("shards", "2")), "--set shards: unknown key");
		assertUsage(() -> run("snapshot-daily", DAY, "nobody"), "--tenant nobody: unknown tenant");

		assertThat(count("ledger_snapshots")).isZero();
		assertThat(count("batch_job_execution")).isZero();
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

	Map<String, Object> entry(String tenant, long seq) {
		return this.jdbc
			.sql("SELECT * FROM ledger_snapshots WHERE tenant_id = :tenant AND kind = 'daily' AND seq = :seq")
			.param("tenant", tenant)
			.param("seq", seq)
			.query()
			.singleRow();
	}

	List<String> tenantsWithEntries() {
		return this.jdbc.sql("SELECT tenant_id FROM ledger_snapshots ORDER BY tenant_id").query(String.class).list();
	}

	long count(String table) {
		return Databases.count(this.jdbc, table);
	}

	static void assertUsage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
		org.assertj.core.api.Assertions.assertThatThrownBy(call)
			.isInstanceOf(io.nightshift.platform.NightshiftException.class)
			.hasMessageContaining(message)
			.satisfies((ex) -> assertThat(((io.nightshift.platform.NightshiftException) ex).exitCode())
				.isEqualTo(ExitCodes.USAGE));
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
