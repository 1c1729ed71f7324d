package io.nightshift.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.batch.FaultInjection;
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

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.nightshift.aggregate.BuildMetricRows.aRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@NightshiftTest
class PerfAggregateJobTests {

	private static final String JOB = PerfAggregateJobConfiguration.JOB;

	private static final LocalDate DAY = LocalDate.of(2026, 11, 18);

	@Autowired
	LaunchService launcher;

	@Autowired
	FaultInjection faults;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NamedParameterJdbcTemplate named;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		BuildMetricRows.tenants(this.jdbc, "acme", "globex", "initech");
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(JOB);
	}

	@Test
	void percentilesEqualPercentileContOnRandomDataWithTiesSingleRowAndAllCachedGroups() {
		for (int seed = 1; seed <= 3; seed++) {
			LocalDate day = DAY.minusDays(seed);
			randomDay(day, seed, 400);
			new BuildMetricRows().add(aRow().project("single").finishedAt(noon(day)).duration(777))
				.add(aRow().project("cached").cached(true).finishedAt(noon(day)))
				.add(aRow().project("cached").cached(true).status("failed").finishedAt(noon(day)))
				.add(aRow().tenant("globex").project("broken").status("failed").finishedAt(noon(day)))
				.add(aRow().tenant("globex").project("broken").status("skipped").finishedAt(noon(day)))
				.add(aRow().project("p0").target("t0").duration(99_999_999).finishedAt(start(day).minusMillis(1)))
				.add(aRow().project("p0").target("t0").duration(99_999_999).finishedAt(start(day.plusDays(1))))
				.insert(this.named);

			LaunchOutcome outcome = run(day, "all", Map.of("partitions", "3", "concurrency", "2"));

			assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
			assertSameAsPostgres(day, "all");
			Map<String, Map<String, Object>> actual = BuildMetricRows.actual(this.jdbc, day);
			assertThat(actual.get("acme/single/build")).containsEntry("n", 1L)
				.containsEntry("p50", 777.0)
				.containsEntry("p99", 777.0);
			assertThat(actual.get("acme/cached/build")).containsEntry("n", 0L)
				.containsEntry("cached_count", 2L)
				.containsEntry("p95", null)
				.containsEntry("sketch", null);
			assertThat(actual.get("globex/broken/build")).containsEntry("failed_count", 1L)
				.containsEntry("skipped_count", 1L);
		}
		assertThat(Databases.count(this.jdbc, "perf_aggregate_staging")).isZero();
	}

	@Test
	void aRerunAfterLateDataGivesFreshNumbersAndNoDuplicates() {
		randomDay(DAY, 7, 200);
		LaunchOutcome first = run(DAY, "all", Map.of());
		Map<String, Map<String, Object>> before = BuildMetricRows.actual(this.jdbc, DAY);
		new BuildMetricRows().add(aRow().project("p0").target("t0").duration(55_555_555).finishedAt(noon(DAY)))
			.add(aRow().project("new").target("target").duration(1234).finishedAt(noon(DAY)))
			.insert(this.named);

		LaunchOutcome acme = run(DAY, "acme", Map.of());
		LaunchOutcome all = this.launcher
			.rerun(new LaunchRequest(JOB, DAY, "all", Map.of(), Requester.operator("late quality runs")));

		assertThat(first.exitCode()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(acme.exitCode()).as(acme.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(all.exitCode()).as(all.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(all.attempt()).isEqualTo(2);
		assertSameAsPostgres(DAY, "all");
		Map<String, Map<String, Object>> after = BuildMetricRows.actual(this.jdbc, DAY);
		assertThat(after).hasSize(before.size() + 1);
		assertThat((Long) after.get("acme/p0/t0").get("n")).isEqualTo((Long) before.get("acme/p0/t0").get("n") + 1);
		assertThat(after.get("acme/p0/t0").get("max")).isEqualTo(55_555_555.0);
		assertThat(this.jdbc.sql("SELECT count(*) FROM perf_aggregate WHERE day = :day")
			.param("day", DAY)
			.query(Long.class)
			.single()).isEqualTo(after.size());
	}

	@Test
	void aRunThatFailsMidAggregationPublishesNothingAndItsRestartGivesExactTotals() {
		BuildMetricRows rows = new BuildMetricRows();
		SplittableRandom random = new SplittableRandom(11);
		for (String tenant : List.of("acme", "globex")) {
			for (int p = 0; p < 6; p++) {
				for (int t = 0; t < 10; t++) {
					for (int i = 0; i < 20; i++) {
						rows.add(aRow().tenant(tenant)
							.project("p" + p)
							.target("t" + t)
							.duration(random.nextInt(100_000))
							.finishedAt(noon(DAY).plusSeconds(i)));
					}
				}
			}
		}
		rows.insert(this.named);
		this.faults.failAfterItems(JOB, 60);

		LaunchOutcome failed = run(DAY, "all", Map.of("partitions", "3", "concurrency", "1"));

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		assertThat(this.jdbc.sql("SELECT count(*) FROM perf_aggregate").query(Long.class).single())
			.as("nothing is published before every partition is done")
			.isZero();
		long staged = Databases.count(this.jdbc, "perf_aggregate_staging");
		assertThat(staged).isBetween(1L, 119L);
		List<StepExecution> firstWorkers = workers(failed.executionId());
		assertThat(firstWorkers).hasSize(3);
		StepExecution broken = firstWorkers.stream()
			.filter((step) -> step.getStatus().isUnsuccessful())
			.findFirst()
			.orElseThrow();

		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		assertSameAsPostgres(DAY, "all");
		assertThat(Databases.count(this.jdbc, "perf_aggregate")).isEqualTo(120);
		assertThat(this.jdbc.sql("SELECT sum(n) FROM perf_aggregate").query(Long.class).single()).isEqualTo(2400);
		assertThat(Databases.count(this.jdbc, "perf_aggregate_staging")).isZero();
		List<StepExecution> resumed = workers(restarted.executionId());
		assertThat(resumed).as("only the failed partition runs again").singleElement().satisfies((step) -> {
			assertThat(step.getStepName()).isEqualTo(broken.getStepName());
			assertThat(step.getReadCount()).as("resumed after its last commit").isEqualTo(120 - staged);
			assertThat(step.getWriteCount()).isEqualTo(120 - staged);
		});
	}

	@Test
	void aTenantRunTouchesOnlyThatTenantsRows() {
		randomDay(DAY, 3, 100);
		run(DAY, "all", Map.of());
		Map<String, Map<String, Object>> before = BuildMetricRows.actual(this.jdbc, DAY);
		new BuildMetricRows().add(aRow().tenant("acme").project("p1").target("t1").duration(42).finishedAt(noon(DAY)))
			.add(aRow().tenant("globex").project("p1").target("t1").duration(43).finishedAt(noon(DAY)))
			.insert(this.named);

		LaunchOutcome acme = run(DAY, "acme", Map.of());

		assertThat(acme.exitCode()).as(acme.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Map<String, Object>> after = BuildMetricRows.actual(this.jdbc, DAY);
		Map<String, Map<String, Object>> expected = BuildMetricRows.expected(this.jdbc, DAY, "acme");
		after.forEach((series, row) -> {
			if (series.startsWith("globex/")) {
				assertThat(row).as(series + " untouched").isEqualTo(before.get(series));
			}
			else {
				assertThat(row.get("n")).as(series).isEqualTo(expected.get(series).get("n"));
				assertThat(row.get("p95")).as(series).isEqualTo(expected.get(series).get("p95"));
			}
		});
		assertThat(after.keySet()).isEqualTo(before.keySet());
	}

	@Test
	void aDayWithoutBuildMetricsHasNothingToDoAndKeepsAggregatesWhoseRawRowsAreGone() {
		assertThat(run(DAY.minusDays(5), "all", Map.of()).exitCode()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		randomDay(DAY, 5, 50);
		run(DAY, "all", Map.of());
		Map<String, Map<String, Object>> before = BuildMetricRows.actual(this.jdbc, DAY);
		this.jdbc.sql("DELETE FROM build_metrics WHERE tenant_id = 'acme'").update();

		LaunchOutcome partly = this.launcher
			.rerun(new LaunchRequest(JOB, DAY, "all", Map.of(), Requester.operator("retention drill")));
		this.jdbc.sql("DELETE FROM build_metrics").update();
		LaunchOutcome none = this.launcher
			.rerun(new LaunchRequest(JOB, DAY, "all", Map.of(), Requester.operator("retention drill")));

		assertThat(partly.exitCode()).as(partly.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(none.exitCode()).as(none.message()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		JobExecution execution = this.repository.getJobExecution(none.executionId());
		assertThat(execution.getExitStatus().getExitDescription()).contains("no build metrics finished on 2026-11-18")
			.contains("kept");
		Map<String, Map<String, Object>> after = BuildMetricRows.actual(this.jdbc, DAY);
		assertThat(after.keySet()).isEqualTo(before.keySet());
		after.forEach((series, row) -> assertThat(row.get("p95")).as(series).isEqualTo(before.get(series).get("p95")));
	}

	@Test
	void aDayWhoseP95ExceedsItsTrailingMedianBeyondTheToleranceIsRecordedAsARegression() {
		BuildMetricRows rows = new BuildMetricRows();
		for (int d = 7; d >= 0; d--) {
			LocalDate day = DAY.minusDays(d);
			double slowdown = (d == 0) ? 1.5 : 1.0 + d / 100.0;
			for (int i = 1; i <= 20; i++) {
				rows.add(aRow().project("web")
					.target("build")
					.duration(Math.round(i * 5000 * slowdown))
					.finishedAt(noon(day)));
				rows.add(aRow().project("web")
					.target("test")
					.duration(Math.round(i * 5000 * (1.0 + d / 100.0) * 1.1))
					.finishedAt(noon(day)));
			}
		}
		rows.insert(this.named);

		for (int d = 7; d >= 0; d--) {
			assertThat(run(DAY.minusDays(d), "all", Map.of()).exitCode()).isZero();
		}

		List<Map<String, Object>> regressions = this.jdbc.sql("SELECT * FROM perf_regressions").query().listOfRows();
		assertThat(regressions).singleElement().satisfies((regression) -> {
			assertThat(regression).containsEntry("day", java.sql.Date.valueOf(DAY))
				.containsEntry("project", "web")
				.containsEntry("target", "build")
				.containsEntry("baseline_days", 7)
				.containsEntry("baseline_window", 7);
			double p95 = p95(DAY);
			double baseline = this.jdbc.sql("""
					SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY p95) FROM perf_aggregate
					 WHERE project = 'web' AND target = 'build' AND day < :day
					""").param("day", DAY).query(Double.class).single();
			assertThat((Double) regression.get("p95")).isEqualTo(p95);
			assertThat((Double) regression.get("baseline_p95")).isEqualTo(baseline);
			assertThat((Double) regression.get("magnitude")).isCloseTo(p95 / baseline - 1, within(1e-12));
			assertThat((Double) regression.get("magnitude")).isBetween(0.4, 0.5);
		});
	}

	@Test
	void badSettingsAreRefusedBeforeAnythingRuns() {
		assertThatThrownBy(() -> run(DAY, "all", Map.of("partitions", "0"))).isInstanceOf(NightshiftException.class)
			.hasMessageContaining("--set partitions: must be greater than 0");
		assertThatThrownBy(() -> run(DAY, "all", Map.of("regression.tolerance", "-1")))
			.hasMessageContaining("--set regression.tolerance");
		assertThatThrownBy(() -> run(DAY, "all", Map.of("sketch-accuracy", "0.5")))
			.hasMessageContaining("--set sketch-accuracy");
		assertThatThrownBy(() -> run(DAY, "nobody", Map.of())).hasMessageContaining("--tenant nobody: unknown tenant");
		assertThat(Databases.count(this.jdbc, "batch_job_execution")).isZero();
	}

	private double p95(LocalDate day) {
		return this.jdbc.sql("SELECT p95 FROM perf_aggregate WHERE day = :day AND project = 'web' AND target = 'build'")
			.param("day", day)
			.query(Double.class)
			.single();
	}

	private void assertSameAsPostgres(LocalDate day, String tenant) {
		Map<String, Map<String, Object>> expected = BuildMetricRows.expected(this.jdbc, day, tenant);
		Map<String, Map<String, Object>> actual = BuildMetricRows.actual(this.jdbc, day);
		assertThat(actual.keySet()).as("one row per tenant, project and target").isEqualTo(expected.keySet());
		expected.forEach((series, want) -> {
			Map<String, Object> got = actual.get(series);
			for (String column : List.of("n", "cached_count", "failed_count", "skipped_count", "p50", "p95", "p99",
					"max")) {
				assertThat(got.get(column)).as(series + " " + column).isEqualTo(want.get(column));
			}
			if (want.get("mean") == null) {
				assertThat(got.get("mean")).as(series + " mean").isNull();
				assertThat(got.get("sketch")).as(series + " sketch").isNull();
			}
			else {
				assertThat((Double) got.get("mean")).as(series + " mean")
					.isCloseTo((Double) want.get("mean"), within(1e-9 * (Double) want.get("mean")));
				assertThat(got.get("sketch")).as(series + " sketch").isNotNull();
				assertThat(got.get("sketch_accuracy")).isEqualTo(0.01);
			}
		});
	}

	/**
	 * Two tenants, five projects, four targets, up to {@code maxRows} rows per group:
	 * durations drawn from a small palette (ties, zeros) with a long tail; cached, failed
	 * and skipped tasks; rows spread over the day.
	 */
	private void randomDay(LocalDate day, long seed, int maxRows) {
		SplittableRandom random = new SplittableRandom(seed);
		BuildMetricRows rows = new BuildMetricRows();
		for (String tenant : List.of("acme", "globex")) {
			for (int p = 0; p < 5; p++) {
				for (int t = 0; t < 4; t++) {
					int size = 1 + random.nextInt(maxRows);
					int palette = 1 + random.nextInt(30);
					for (int i = 0; i < size; i++) {
						int roll = random.nextInt(100);
						rows.add(aRow().tenant(tenant)
							.project("p" + p)
							.target("t" + t)
							.cached(random.nextInt(5) == 0)
							.status((roll < 85) ? "success" : (roll < 95) ? "failed" : "skipped")
							.duration((random.nextInt(10) == 0) ? random.nextLong(3_600_000)
									: random.nextInt(palette) * 250L)
							.finishedAt(start(day).plusMillis(random.nextLong(86_400_000))));
					}
				}
			}
		}
		rows.insert(this.named);
	}

	private List<StepExecution> workers(long executionId) {
		return this.repository.getJobExecution(executionId)
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().startsWith("perfAggregateWorkerStep:"))
			.toList();
	}

	private LaunchOutcome run(LocalDate day, String tenant, Map<String, String> settings) {
		return this.launcher.run(new LaunchRequest(JOB, day, tenant, settings, new Requester(Trigger.CI, "t", null)));
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static Instant noon(LocalDate day) {
		return start(day).plusSeconds(12 * 3600);
	}

}
