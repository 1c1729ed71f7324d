package io.nightshift.platform.launch;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.Drill;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@NightshiftTest
class LaunchServiceTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private static final long ITEMS = 1000;

	private static final long EXPECTED_SUM = 2 * ITEMS * (ITEMS + 1) / 2;

	@Autowired
	LaunchService launcher;

	@Autowired
	ExecutionControl control;

	@Autowired
	JobRepository repository;

	@Autowired
	FaultInjection faults;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		Drill.items(this.jdbc, (int) ITEMS, "acme", "globex");
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(Drill.JOB);
	}

	@Test
	void runCompletesAndWritesEveryItemOfTheTenant() {
		LaunchOutcome outcome = run("acme");

		assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(outcome.status()).isEqualTo("COMPLETED");
		assertThat(outcome.attempt()).isEqualTo(1);
		assertThat(Drill.totalsCount(this.jdbc)).isEqualTo(ITEMS);
		assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
		assertThat(this.jdbc.sql("SELECT count(DISTINCT tenant_id) FROM drill_totals").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void theSamePeriodTwiceIsAlreadyCompleteAndRunsNothing() {
		run("acme");

		LaunchOutcome second = run("acme");

		assertThat(second.exitCode()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		assertThat(second.message()).contains("already complete").contains("nightshift rerun");
		assertThat(Databases.count(this.jdbc, "batch_job_execution")).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT outcome FROM launch_audit ORDER BY id").query(String.class).list())
			.containsExactly("COMPLETED", "ALREADY_COMPLETE");
	}

	@Test
	void rerunStartsAttemptTwoAndKeepsTheHistoryOfAttemptOne() {
		LaunchOutcome first = run("acme");

		LaunchOutcome rerun = this.launcher
			.rerun(request("acme", new Requester(Trigger.OPERATOR, "alice", "late data")));

		assertThat(rerun.exitCode()).as(rerun.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(rerun.attempt()).isEqualTo(2);
		assertThat(rerun.executionId()).isNotEqualTo(first.executionId());
		assertThat(this.repository.getJobExecution(first.executionId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JobExecution second = this.repository.getJobExecution(rerun.executionId());
		assertThat(second.getJobParameters().getLong("attempt")).isEqualTo(2L);
		assertThat(second.getJobParameters().getString("reason")).isEqualTo("late data");
		assertThat(second.getJobInstance().getInstanceId())
			.isNotEqualTo(this.repository.getJobExecution(first.executionId()).getJobInstance().getInstanceId());
		assertThat(run("acme").exitCode()).as("run addresses the latest attempt").isEqualTo(ExitCodes.ALREADY_COMPLETE);
	}

	@Test
	void rerunNeedsAReasonAndAPeriodThatRan() {
		assertThatThrownBy(() -> this.launcher.rerun(request("acme", new Requester(Trigger.OPERATOR, "bob", " "))))
			.isInstanceOf(NightshiftException.class)
			.hasMessageContaining("--reason")
			.satisfies((ex) -> assertThat(((NightshiftException) ex).exitCode()).isEqualTo(ExitCodes.USAGE));

		LaunchOutcome neverRan = this.launcher.rerun(request("acme", new Requester(Trigger.OPERATOR, "bob", "why")));

		assertThat(neverRan.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(neverRan.message()).contains("never ran");
	}

	@Test
	void aRunThatFailsPartWayIsRestartedFromItsLastCommitWithExactTotals() {
		this.faults.failAfterItems(Drill.JOB, 450);

		LaunchOutcome failed = run("acme");

		assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.message()).contains("injected fault").contains("nightshift restart " + failed.executionId());
		assertThat(Drill.totalsCount(this.jdbc)).as("chunks of 100 committed before the fault").isEqualTo(400);
		assertThat(Databases.count(this.jdbc, "batch_job_execution")).as("a permanent failure is not retried")
			.isEqualTo(1);

		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(Drill.totalsCount(this.jdbc)).isEqualTo(ITEMS);
		assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
		StepExecution resumed = onlyStep(restarted.executionId());
		assertThat(resumed.getReadCount()).as("the restart reads only what was not committed").isEqualTo(600);
		assertThat(resumed.getWriteCount()).isEqualTo(600);
		assertThat(this.repository.getJobExecution(restarted.executionId()).getJobInstance().getInstanceId())
			.isEqualTo(this.repository.getJobExecution(failed.executionId()).getJobInstance().getInstanceId());
	}

	@Test
	void runningAFailedPeriodAgainResumesIt() {
		this.faults.failAfterItems(Drill.JOB, 250);
		LaunchOutcome failed = run("acme");

		LaunchOutcome resumed = run("acme");

		assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(resumed.exitCode()).as(resumed.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(resumed.attempt()).isEqualTo(1);
		assertThat(onlyStep(resumed.executionId()).getReadCount()).isEqualTo(800);
		assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
	}

	@Test
	void transientFailuresAreRetriedFromTheLastCommitAndEachRetryIsInTheHistory() {
		this.faults.failTransiently(Drill.JOB, 2);

		LaunchOutcome outcome = run("acme");

		assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
		List<Map<String, Object>> history = this.jdbc
			.sql("""
					SELECT e.status, p.parameter_value AS reason FROM batch_job_execution e
					  LEFT JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'reason'
					 ORDER BY e.job_execution_id
					""")
			.query()
			.listOfRows();
		assertThat(history).extracting((row) -> row.get("status")).containsExactly("FAILED", "FAILED", "COMPLETED");
		assertThat((String) history.get(1).get("reason")).startsWith("automatic retry 1/2 after a transient failure")
			.contains("injected transient failure");
		assertThat((String) history.get(2).get("reason")).startsWith("automatic retry 2/2");
		assertThat(this.jdbc.sql("SELECT count(*) FROM launch_audit WHERE action = 'restart' AND trigger = 'operator'")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aRunStaysFailedWhenTransientFailuresOutlastItsRetries() {
		this.faults.failTransiently(Drill.JOB, 10);

		LaunchOutcome outcome = run("acme");

		assertThat(outcome.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(outcome.message()).contains("injected transient failure");
		assertThat(Databases.count(this.jdbc, "batch_job_execution")).as("the first run and two retries").isEqualTo(3);
	}

	/**
	 * Regression: Spring Batch 6.0.6 saved position 0 for a stopped step-scoped reader.
	 */
	@Test
	void stopThenRestartResumesWhereTheRunStopped() throws Exception {
		this.faults.delayChunks(Drill.JOB, Duration.ofMillis(60));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<LaunchOutcome> running = executor.submit(() -> run("acme"));
			long executionId = awaitWrites(300);

			LaunchOutcome stop = this.control.stop(executionId, Requester.operator("maintenance"),
					Duration.ofSeconds(30));
			LaunchOutcome stopped = running.get();

			assertThat(stop.exitCode()).as(stop.message()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(stopped.status()).isEqualTo("STOPPED");
			long committed = Drill.totalsCount(this.jdbc);
			assertThat(committed).isBetween(300L, 900L);
			this.faults.disarm(Drill.JOB);

			LaunchOutcome restarted = this.launcher.restart(executionId, Requester.operator("after maintenance"));

			assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(onlyStep(restarted.executionId()).getReadCount()).isEqualTo(ITEMS - committed);
			assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void twoConcurrentLaunchesOfOnePeriodRunItOnceAndTheOtherExitsFour() throws Exception {
		this.faults.delayChunks(Drill.JOB, Duration.ofMillis(20));
		ExecutorService executor = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<LaunchOutcome>> launches = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				launches.add(executor.submit(() -> {
					start.await();
					return run("acme");
				}));
			}
			start.countDown();
			List<Integer> codes = new ArrayList<>();
			for (Future<LaunchOutcome> launch : launches) {
				codes.add(launch.get().exitCode());
			}

			assertThat(codes).containsExactlyInAnyOrder(ExitCodes.COMPLETED, ExitCodes.ALREADY_RUNNING);
			assertThat(Databases.count(this.jdbc, "batch_job_execution")).isEqualTo(1);
			assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void badInputIsRefusedWithTheCulpritNamedAndNothingWritten() {
		assertUsage(() -> this.launcher.run(new LaunchRequest("no-such-job", DAY, "acme", Map.of(), operator())),
				"unknown job 'no-such-job'");
		assertUsage(
				() -> this.launcher
					.run(new LaunchRequest(Drill.JOB, LocalDate.now().plusDays(3), "acme", Map.of(), operator())),
				"has not started yet");
		assertUsage(() -> this.launcher.run(new LaunchRequest(Drill.JOB, DAY, "nobody", Map.of(), operator())),
				"--tenant nobody: unknown tenant");
		assertUsage(
				() -> this.launcher.run(new LaunchRequest(Drill.JOB, DAY, "acme", Map.of("speed", "11"), operator())),
				"--set speed: unknown key");
		assertUsage(
				() -> this.launcher
					.run(new LaunchRequest(Drill.JOB, DAY, "acme", Map.of("chunk-size", "-5"), operator())),
				"--set chunk-size: must be greater than 0");
		assertUsage(
				() -> this.launcher
					.run(new LaunchRequest(Drill.JOB, DAY, "acme", Map.of("chunk-size", "many"), operator())),
				"--set chunk-size: cannot use value 'many'");

		assertThat(Databases.count(this.jdbc, "batch_job_execution")).isZero();
		assertThat(Databases.count(this.jdbc, "launch_audit")).isZero();
		assertThat(Databases.count(this.jdbc, "drill_totals")).isZero();
	}

	@Test
	void theAuditRecordsWhoWhyAndFromWhereForEveryExecution() {
		Requester ci = new Requester(Trigger.CI, "jenkins", "nightly verification");

		LaunchOutcome outcome = this.launcher
			.run(new LaunchRequest(Drill.JOB, DAY, "globex", Map.of("chunk-size", "250"), ci));

		JobExecution execution = this.repository.getJobExecution(outcome.executionId());
		assertThat(execution.getJobParameters().getString("trigger")).isEqualTo("ci");
		assertThat(execution.getJobParameters().getString("actor")).isEqualTo("jenkins");
		assertThat(execution.getJobParameters().getString("set.chunk-size")).isEqualTo("250");
		Map<String, Object> audit = this.jdbc.sql("SELECT * FROM launch_audit WHERE execution_id = :id")
			.param("id", outcome.executionId())
			.query()
			.singleRow();
		assertThat(audit).containsEntry("action", "run")
			.containsEntry("trigger", "ci")
			.containsEntry("actor", "jenkins")
			.containsEntry("reason", "nightly verification")
			.containsEntry("tenant", "globex")
			.containsEntry("outcome", "COMPLETED")
			.containsEntry("exit_code", 0)
			.containsEntry("pid", ProcessHandle.current().pid());
		assertThat((String) audit.get("settings")).isEqualTo("{\"chunk-size\":\"250\"}");
		assertThat(audit.get("host")).isNotNull();
		assertThat(audit.get("app_version")).isNotNull();
		Map<String, Object> lease = this.jdbc.sql("SELECT * FROM run_leases").query().singleRow();
		assertThat(lease).containsEntry("execution_id", outcome.executionId()).containsEntry("tenant", "globex");
		assertThat((java.sql.Timestamp) lease.get("lease_until")).as("released after the run")
			.isBeforeOrEqualTo(new java.sql.Timestamp(System.currentTimeMillis() + 1000));
	}

	private long awaitWrites(long items) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline) {
			if (Drill.totalsCount(this.jdbc) >= items) {
				return this.jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution")
					.query(Long.class)
					.single();
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the run did not write " + items + " items within 30s");
	}

	private StepExecution onlyStep(long executionId) {
		return this.repository.getJobExecution(executionId).getStepExecutions().iterator().next();
	}

	private LaunchOutcome run(String tenant) {
		return this.launcher.run(request(tenant, operator()));
	}

	private static LaunchRequest request(String tenant, Requester requester) {
		return new LaunchRequest(Drill.JOB, DAY, tenant, Map.of(), requester);
	}

	private static Requester operator() {
		return new Requester(Trigger.OPERATOR, "tester", null);
	}

	private static void assertUsage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
		assertThatThrownBy(call).isInstanceOf(NightshiftException.class)
			.hasMessageContaining(message)
			.satisfies((ex) -> assertThat(((NightshiftException) ex).exitCode()).isEqualTo(ExitCodes.USAGE));
	}

}
