package io.nightshift.platform.recovery;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.launch.ExecutionControl;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.testsupport.ChildJvm;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.Drill;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crashed, killed, slow and terminated runs: recovered, fenced, stopped, and completed on
 * restart.
 */
@NightshiftTest
class RecoveryTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private static final int ITEMS = 2000;

	private static final long EXPECTED_SUM = 2L * ITEMS * (ITEMS + 1) / 2;

	@Autowired
	StaleRunReaper reaper;

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

	@Value("${spring.datasource.url}")
	String datasourceUrl;

	@Value("${spring.mongodb.uri}")
	String mongoUri;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		Drill.items(this.jdbc, ITEMS, "acme");
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(Drill.JOB);
	}

	@Test
	void aRunKilledWithSigkillIsRecoveredByTheReaperAndRestartCompletesItExactly() throws Exception {
		ChildJvm child = ChildJvm.startNightshift(this.datasourceUrl, this.mongoUri,
				List.of("-Dnightshift.faults.chunk-delay.drill-copy=PT0.2S", "-Dnightshift.lease.ttl=PT5S",
						"-Dnightshift.lease.heartbeat=PT1S"),
				Map.of(), "run", Drill.JOB, "--date", DAY.toString(), "--tenant", "acme");
		try {
			awaitWrites(500, child);
			child.kill9();
		}
		finally {
			if (child.isAlive()) {
				child.kill9();
			}
		}
		long executionId = latestExecution();
		assertThat(this.repository.getJobExecution(executionId).getStatus()).as("left behind by the dead process")
			.isEqualTo(BatchStatus.STARTED);
		long committed = Drill.totalsCount(this.jdbc);

		List<StaleRunReaper.Recovered> recovered = this.reaper.reapOnce(Runnable::run);

		assertThat(recovered).extracting(StaleRunReaper.Recovered::executionId).containsExactly(executionId);
		assertThat(recovered.get(0).evidence()).contains("is gone");
		assertThat(this.repository.getJobExecution(executionId).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.jdbc
			.sql("""
					SELECT count(*) FROM launch_audit WHERE action = 'recover' AND trigger = 'reaper' AND target_execution_id = :id
					""")
			.param("id", executionId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.reaper.reapOnce(Runnable::run)).as("a second pass finds nothing").isEmpty();

		LaunchOutcome restarted = this.launcher.restart(executionId, Requester.operator("after the crash"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(Drill.totalsCount(this.jdbc)).isEqualTo(ITEMS);
		assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
		long reread = this.repository.getJobExecution(restarted.executionId())
			.getStepExecutions()
			.iterator()
			.next()
			.getReadCount();
		assertThat(reread).as("the restart reads only what was not committed").isEqualTo(ITEMS - committed);
	}

	@Test
	void aLiveRunIsNeverReapedAndRecoverRefusesIt() throws Exception {
		this.faults.delayChunks(Drill.JOB, Duration.ofMillis(50));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<LaunchOutcome> running = executor.submit(this::run);
			awaitWrites(300, null);
			long executionId = latestExecution();

			assertThat(this.reaper.reapOnce(Runnable::run)).isEmpty();
			LaunchOutcome refused = this.control.recover(executionId, Requester.operator("is it dead?"), false);
			assertThat(refused.exitCode()).isEqualTo(ExitCodes.ALREADY_RUNNING);
			assertThat(refused.message()).contains("looks alive");

			assertThat(running.get().exitCode()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aZombieWhoseLeaseWasTakenOverCannotCommitAnotherChunk() throws Exception {
		this.faults.delayChunks(Drill.JOB, Duration.ofMillis(80));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<LaunchOutcome> running = executor.submit(this::run);
			awaitWrites(300, null);

			// What a reaper on another node does when this run's heartbeat stalled past
			// its lease.
			this.jdbc.sql("UPDATE run_leases SET epoch = epoch + 1, lease_until = now()").update();
			long committedAtTakeOver = Drill.totalsCount(this.jdbc);

			LaunchOutcome zombie = running.get();
			assertThat(zombie.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(zombie.message()).contains("may no longer commit");
			assertThat(Drill.totalsCount(this.jdbc)).isEqualTo(committedAtTakeOver);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void sigtermStopsTheRunCleanlySoThatItEndsStoppedAndRestartable() throws Exception {
		ChildJvm child = ChildJvm.startNightshift(this.datasourceUrl, this.mongoUri,
				List.of("-Dnightshift.faults.chunk-delay.drill-copy=PT0.2S"), Map.of(), "run", Drill.JOB, "--date",
				DAY.toString(), "--tenant", "acme");
		ChildJvm.Result result;
		try {
			awaitWrites(400, child);
			child.terminate();
			result = child.await(Duration.ofMinutes(1));
		}
		finally {
			if (child.isAlive()) {
				child.kill9();
			}
		}
		long executionId = latestExecution();

		assertThat(this.repository.getJobExecution(executionId).getStatus()).as(result.toString())
			.isEqualTo(BatchStatus.STOPPED);
		assertThat(result.err()).contains("shutting down: stopping running executions");
		assertThat(this.jdbc.sql("SELECT count(*) FROM launch_audit WHERE action = 'stop' AND trigger = 'system'")
			.query(Long.class)
			.single()).isEqualTo(1);

		LaunchOutcome restarted = this.launcher.restart(executionId, Requester.operator("after the deploy"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(EXPECTED_SUM);
	}

	private LaunchOutcome run() {
		return this.launcher.run(new LaunchRequest(Drill.JOB, DAY, "acme", Map.of(), Requester.operator("test")));
	}

	private long latestExecution() {
		return this.jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
	}

	private void awaitWrites(long items, ChildJvm child) throws Exception {
		long deadline = System.currentTimeMillis() + 120_000;
		while (System.currentTimeMillis() < deadline) {
			if (Drill.totalsCount(this.jdbc) >= items) {
				return;
			}
			if (child != null && !child.isAlive()) {
				throw new AssertionError("the child ended early:\n" + child.stderr());
			}
			Thread.sleep(50);
		}
		throw new AssertionError(
				"no " + items + " writes within 2 minutes" + ((child != null) ? ":\n" + child.stderr() : ""));
	}

}
