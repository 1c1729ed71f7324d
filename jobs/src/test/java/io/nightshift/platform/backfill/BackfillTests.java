package io.nightshift.platform.backfill;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.launch.ExecutionControl;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import io.nightshift.platform.recovery.StaleRunReaper;
import io.nightshift.testsupport.ChildJvm;
import io.nightshift.testsupport.CliHarness;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.Drill;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@NightshiftTest
class BackfillTests {

	private static final LocalDate D1 = LocalDate.of(2026, 11, 1);

	private static final LocalDate D2 = D1.plusDays(1);

	private static final LocalDate D3 = D1.plusDays(2);

	private static final LocalDate D4 = D1.plusDays(3);

	@Autowired
	BackfillService backfills;

	@Autowired
	LaunchService launcher;

	@Autowired
	ExecutionControl control;

	@Autowired
	StaleRunReaper reaper;

	@Autowired
	FaultInjection faults;

	@Autowired
	ConcurrencyBudget budget;

	@Autowired
	ConfigurableApplicationContext context;

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
		Drill.items(this.jdbc, 200, "acme");
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(Drill.JOB);
	}

	/** D1 never ran, D2 completed, D3 failed, D4 abandoned. */
	private void history() {
		run(D2);
		this.faults.failAfterItems(Drill.JOB, 50);
		run(D3);
		this.faults.failAfterItems(Drill.JOB, 50);
		LaunchOutcome failed = run(D4);
		this.control.abandon(failed.executionId(), Requester.operator("give up"));
	}

	@Test
	void thePlanGivesEveryPeriodItsStateAndTheActionOfThePolicy() {
		history();

		assertThat(actions(Reprocess.NONE)).containsExactly(Action.RUN, Action.SKIP_COMPLETE, Action.SKIP_FAILED,
				Action.SKIP_ABANDONED);
		assertThat(actions(Reprocess.FAILED)).containsExactly(Action.RUN, Action.SKIP_COMPLETE, Action.RESUME,
				Action.RERUN);
		assertThat(actions(Reprocess.ALL)).containsExactly(Action.RUN, Action.RERUN, Action.RESUME, Action.RERUN);
		BackfillPlan plan = this.backfills.plan(request(Reprocess.NONE, 1, false));
		assertThat(plan.periods()).extracting(BackfillPlan.Period::state)
			.containsExactly("NEVER_RAN", "COMPLETED", "FAILED", "ABANDONED");
		assertThat(this.backfills.plan(request(Reprocess.NONE, 1, true)).periods())
			.extracting(BackfillPlan.Period::period)
			.containsExactly(D4, D3, D2, D1);
	}

	@Test
	void aDryRunPrintsThePlanAndWritesNothing() {
		history();
		long executions = Databases.count(this.jdbc, "batch_job_execution");

		CliHarness.Result result = new CliHarness(this.context).run("backfill", Drill.JOB, "--from", D1.toString(),
				"--to", D4.toString(), "--tenant", "acme", "--reprocess", "failed", "--dry-run");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("2026-11-01  NEVER_RAN").contains("resume").contains("3 to run, 1 skipped");
		assertThat(Databases.count(this.jdbc, "batch_job_execution")).isEqualTo(executions);
		assertThat(Databases.count(this.jdbc, "backfills")).isZero();
	}

	@Test
	void aBackfillRunsWhatThePolicySaysInParallelAndRecordsEveryPeriod() {
		history();

		BackfillResult result = this.backfills.run(request(Reprocess.FAILED, 2, false), BackfillProgress.NONE);

		assertThat(result.exitCode()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(result.periods()).extracting(BackfillResult.PeriodResult::state)
			.containsExactly("COMPLETED", "SKIPPED", "COMPLETED", "COMPLETED");
		assertThat(this.jdbc.sql("SELECT state FROM backfill_periods ORDER BY period").query(String.class).list())
			.containsExactly("COMPLETED", "SKIPPED", "COMPLETED", "COMPLETED");
		assertThat(this.jdbc.sql("SELECT status FROM backfills").query(String.class).single()).isEqualTo("COMPLETED");
		assertThat(this.jdbc
			.sql("""
					SELECT count(*) FROM batch_job_execution_params WHERE parameter_name = 'trigger' AND parameter_value = 'backfill'
					""")
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(Drill.totalsSum(this.jdbc)).isEqualTo(2L * 200 * 201 / 2);
	}

	@Test
	void aFailedPeriodMakesTheBackfillExitOneAndTheOthersStillRun() {
		this.faults.failAfterItems(Drill.JOB, 50);

		BackfillResult result = this.backfills.run(request(Reprocess.NONE, 1, false), BackfillProgress.NONE);

		assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(result.periods()).extracting(BackfillResult.PeriodResult::state)
			.containsExactly("FAILED", "COMPLETED", "COMPLETED", "COMPLETED");
		assertThat(this.jdbc.sql("SELECT status FROM backfills").query(String.class).single()).isEqualTo("FAILED");
	}

	@Test
	void theSameCommandAfterAKillResumesTheBackfill() throws Exception {
		ChildJvm child = ChildJvm.startNightshift(this.datasourceUrl, this.mongoUri,
				List.of("-Dnightshift.faults.chunk-delay.drill-copy=PT0.25S"), Map.of(), "backfill", Drill.JOB,
				"--from", D1.toString(), "--to", D4.toString(), "--tenant", "acme");
		try {
			long deadline = System.currentTimeMillis() + 120_000;
			while (doneBeforeTheKill() < 2 && System.currentTimeMillis() < deadline && child.isAlive()) {
				Thread.sleep(50);
			}
			child.kill9();
		}
		finally {
			if (child.isAlive()) {
				child.kill9();
			}
		}
		assertThat(doneBeforeTheKill()).as("periods the killed backfill finished").isGreaterThanOrEqualTo(2);
		this.reaper.reapOnce(Runnable::run);

		BackfillPlan plan = this.backfills.plan(request(Reprocess.NONE, 1, false));
		BackfillResult result = this.backfills.run(request(Reprocess.NONE, 1, false), BackfillProgress.NONE);

		assertThat(plan.resumes()).isNotNull();
		assertThat(plan.periods()).extracting(BackfillPlan.Period::action).startsWith(Action.DONE, Action.DONE);
		assertThat(result.backfillId()).isEqualTo(plan.resumes());
		assertThat(result.exitCode()).isZero();
		assertThat(result.periods()).extracting(BackfillResult.PeriodResult::state).containsOnly("COMPLETED");
		assertThat(Databases.count(this.jdbc, "backfills")).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_instance WHERE job_name = :job")
			.param("job", Drill.JOB)
			.query(Long.class)
			.single()).as("one instance per period, none run twice").isEqualTo(4);
	}

	@Test
	void aScheduledRunAndABackfillOfTheSamePeriodNeverRunAtOnce() throws Exception {
		this.faults.delayChunks(Drill.JOB, Duration.ofMillis(150));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<LaunchOutcome> scheduled = executor.submit(() -> this.launcher.run(new LaunchRequest(Drill.JOB, D1,
					"acme", Map.of(), new Requester(Trigger.SCHEDULE, "scheduler", "fire"))));
			while (Databases.count(this.jdbc, "batch_job_execution") == 0) {
				Thread.sleep(20);
			}

			BackfillResult result = this.backfills.run(
					new BackfillRequest(Drill.JOB, D1, D1, "acme", Reprocess.ALL, 1, false, Requester.operator("fill")),
					BackfillProgress.NONE);

			assertThat(result.periods().get(0).state()).isEqualTo("SKIPPED");
			assertThat(result.exitCode()).isZero();
			assertThat(scheduled.get().exitCode()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(Databases.count(this.jdbc, "batch_job_execution")).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void backfillsLeaveTheReservedSlotsToScheduledRuns() throws Exception {
		assertThat(this.budget.awaitBackfillSlot(Duration.ofMillis(100))).isTrue();
		for (int i = 0; i < this.budget.backfillShare(); i++) {
			this.jdbc
				.sql("""
						INSERT INTO run_leases (job_name, period, tenant, owner_host, owner_pid, epoch, acquired_at, renewed_at, lease_until)
						VALUES ('other', DATE '2026-11-01' + :i, 'all', 'h', 1, 1, now(), now(), now() + interval '1 minute')
						""")
				.param("i", i)
				.update();
		}

		assertThat(this.budget.awaitBackfillSlot(Duration.ofMillis(600))).isFalse();
	}

	@Test
	void badArgumentsExitTwo() {
		assertThatThrownBy(() -> this.backfills
			.plan(new BackfillRequest(Drill.JOB, D4, D1, "acme", Reprocess.NONE, 1, false, Requester.operator(null))))
			.isInstanceOf(NightshiftException.class)
			.hasMessageContaining("--from 2026-11-04 is after --to 2026-11-01");
		CliHarness cli = new CliHarness(this.context);
		assertThat(cli.run("backfill", Drill.JOB, "--from", "2026-11-01", "--to", "2026-11-02", "--reprocess", "some")
			.err()).contains("--reprocess some");
		assertThat(cli.run("backfill", Drill.JOB, "--from", "2026-11-01", "--to", "2026-11-02", "--max-parallel", "0")
			.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(cli.run("backfill", "nope", "--from", "2026-11-01", "--to", "2026-11-02").exitCode())
			.isEqualTo(ExitCodes.USAGE);
		assertThat(cli.run("backfill", Drill.JOB, "--from", "2000-01-01", "--to", "2026-11-02").err())
			.contains("more than");
		assertThat(Databases.count(this.jdbc, "backfills")).isZero();
	}

	private long doneBeforeTheKill() {
		return this.jdbc.sql("SELECT count(*) FROM backfill_periods WHERE state = 'COMPLETED'")
			.query(Long.class)
			.single();
	}

	private List<Action> actions(Reprocess reprocess) {
		return this.backfills.plan(request(reprocess, 1, false))
			.periods()
			.stream()
			.map(BackfillPlan.Period::action)
			.toList();
	}

	private BackfillRequest request(Reprocess reprocess, int parallel, boolean reverse) {
		return new BackfillRequest(Drill.JOB, D1, D4, "acme", reprocess, parallel, reverse, Requester.operator("test"));
	}

	private LaunchOutcome run(LocalDate day) {
		return this.launcher.run(new LaunchRequest(Drill.JOB, day, "acme", Map.of(), Requester.operator("history")));
	}

}
