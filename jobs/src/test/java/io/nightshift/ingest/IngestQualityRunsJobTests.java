package io.nightshift.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftProperties;
import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.launch.ExecutionControl;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import io.nightshift.testsupport.QualityReportFiles;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@NightshiftTest
class IngestQualityRunsJobTests {

	private static final String JOB = IngestQualityRunsJobConfiguration.JOB;

	private static final String[][] PAIRS = { { "web", "build" }, { "web", "test" }, { "api", "build" },
			{ "api", "test" }, { "worker", "build" }, { "mobile", "build" }, { "mobile", "test" }, { "infra", "plan" },
			{ "docs", "build" }, { "web", "lint" } };

	@Autowired
	QualityRunIngest ingest;

	@Autowired
	LaunchService launcher;

	@Autowired
	FaultInjection faults;

	@Autowired
	ExecutionControl control;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	NightshiftProperties properties;

	@TempDir
	Path dir;

	private Path inbox;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		for (String tenant : List.of("acme", "globex")) {
			this.jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, :id)").param("id", tenant).update();
		}
		this.inbox = this.properties.home().resolve("quality/inbox");
		FileSystemUtils.deleteRecursively(this.inbox.toFile());
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(JOB);
	}

	@Test
	void everyMalformedFileIsRejectedAtItsFirstProblemWhileTheValidOnesAreIngested() throws IOException {
		this.jdbc
			.sql("""
					INSERT INTO ingested_quality_runs (run_id, tenant_id, generated_at, task_count, source_file, source_digest)
					VALUES ('globex-owned-7', 'globex', now(), 0, 'earlier.json', repeat('0', 64))
					""")
			.update();
		copy(MalformedReports.folder("valid"), this.dir);
		copy(MalformedReports.folder("malformed"), this.dir);
		Files.delete(this.dir.resolve("expected.tsv"));

		IngestResult result = this.ingest.ingest(List.of(this.dir), operator());

		assertThat(result.exitCode()).as(result.message()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.accepted()).isEqualTo(3);
		Map<String, Rejection> rejected = result.rejected()
			.stream()
			.collect(Collectors.toMap((rejection) -> Path.of(rejection.path()).getFileName().toString(),
					Function.identity()));
		List<MalformedReports.Case> cases = MalformedReports.cases();
		assertThat(rejected).hasSize(cases.size());
		for (MalformedReports.Case fixture : cases) {
			Rejection rejection = rejected.get(fixture.file());
			assertThat(rejection).as(fixture.file()).isNotNull();
			assertThat(rejection.path()).isEqualTo(this.dir.resolve(fixture.file()).toString());
			assertThat(rejection.pointer()).as(rejection.describe()).isEqualTo(fixture.pointer());
			assertThat(rejection.message()).as(rejection.describe()).contains(fixture.fragment());
		}
		assertThat(result.newRuns()).isEqualTo(3);
		assertThat(result.newTasks()).isEqualTo(6);
		assertThat(runIds("SELECT DISTINCT run_id FROM build_metrics")).containsExactlyInAnyOrder("ci-1001", "ci-1002");
		assertThat(runIds("SELECT run_id FROM ingested_quality_runs")).containsExactlyInAnyOrder("globex-owned-7",
				"ci-1001", "ci-1002", "ci-1003");
		assertThat(this.mongo.getCollection("quality_runs").countDocuments()).isEqualTo(3);
		Document run = this.mongo.getCollection("quality_runs").find(new Document("_id", "ci-1001")).first();
		assertThat(run.getString("tenantId")).isEqualTo("acme");
		assertThat(run.getList("tasks", Document.class)).hasSize(3);
		assertThat(run.getList("aggregates", Document.class).get(0).getLong("durationMs")).isEqualTo(137000);
		assertThat(this.jdbc.sql("SELECT duration_ms FROM build_metrics WHERE run_id = 'ci-1001' AND target = 'test'")
			.query(Long.class)
			.single()).isEqualTo(95000);
	}

	@Test
	void ingestingAgainAddsNothingAndExitsThree() throws IOException {
		copy(MalformedReports.folder("valid"), this.dir);

		IngestResult first = this.ingest.ingest(List.of(this.dir), operator());
		IngestResult sameFilesSameDay = this.ingest.ingest(List.of(this.dir), operator());
		Path reformatted = this.dir.resolve("again").resolve("ci-1001-pretty.json");
		Files.createDirectories(reformatted.getParent());
		Files.writeString(reformatted, Files.readString(this.dir.resolve("ci-1001.json")).replace("\n", "\n  "));
		IngestResult sameRunOtherBytes = this.ingest.ingest(List.of(reformatted), operator());

		assertThat(first.exitCode()).as(first.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(first.newRuns()).isEqualTo(3);
		assertThat(sameFilesSameDay.exitCode()).as(sameFilesSameDay.message()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		assertThat(sameFilesSameDay.message()).contains("nothing new");
		assertThat(sameRunOtherBytes.exitCode()).as(sameRunOtherBytes.message()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		assertThat(sameRunOtherBytes.input()).isNotEqualTo(first.input());
		assertThat(sameRunOtherBytes.knownRuns()).isEqualTo(1);
		assertThat(sameRunOtherBytes.newRuns()).isZero();
		assertThat(this.repository.getJobExecution(sameRunOtherBytes.outcome().executionId())
			.getExitStatus()
			.getExitCode()).isEqualTo("NOTHING_TO_DO");
		assertThat(Databases.count(this.jdbc, "build_metrics")).isEqualTo(6);
		assertThat(this.mongo.getCollection("quality_runs").countDocuments()).isEqualTo(3);
	}

	@Test
	void aRunThatFailsPartWayIsRestartedAndWritesEveryRunExactlyOnce() {
		List<Path> files = runs("acme", 100, LocalDate.of(2026, 11, 20));
		this.faults.failAfterItems(JOB, 50);

		IngestResult failed = this.ingest.ingest(List.of(this.dir), operator());

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		assertThat(Databases.count(this.jdbc, "ingested_quality_runs")).as("two chunks of 20 committed").isEqualTo(40);
		assertThat(Databases.count(this.jdbc, "build_metrics")).isEqualTo(400);

		LaunchOutcome restarted = this.launcher.restart(failed.outcome().executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(files).hasSize(100);
		assertThat(Databases.count(this.jdbc, "ingested_quality_runs")).isEqualTo(100);
		assertThat(Databases.count(this.jdbc, "build_metrics")).isEqualTo(1000);
		assertThat(this.jdbc.sql("SELECT count(DISTINCT (run_id, project, target)) FROM build_metrics")
			.query(Long.class)
			.single()).isEqualTo(1000);
		assertThat(this.mongo.getCollection("quality_runs").countDocuments()).isEqualTo(100);
		StepExecution resumed = step(restarted.executionId(), IngestQualityRunsJobConfiguration.RUNS_STEP);
		assertThat(resumed.getReadCount()).as("the restart reads only the files not committed").isEqualTo(60);
		assertThat(resumed.getWriteCount()).isEqualTo(60);
	}

	/**
	 * Regression: Spring Batch 6.0.6 saved position 0 for a stopped step-scoped reader.
	 */
	@Test
	void stopThenRestartResumesWhereTheRunStopped() throws Exception {
		runs("acme", 100, LocalDate.of(2026, 11, 20));
		this.faults.delayChunks(JOB, Duration.ofMillis(150));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<IngestResult> running = executor.submit(() -> this.ingest.ingest(List.of(this.dir), operator()));
			long executionId = awaitRegistered(40);

			LaunchOutcome stop = this.control.stop(executionId, Requester.operator("maintenance"),
					Duration.ofSeconds(30));
			IngestResult stopped = running.get();

			assertThat(stop.exitCode()).as(stop.message()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(stopped.outcome().status()).isEqualTo("STOPPED");
			assertThat(stopped.exitCode()).isEqualTo(ExitCodes.FAILED);
			long committed = Databases.count(this.jdbc, "ingested_quality_runs");
			this.faults.disarm(JOB);

			LaunchOutcome restarted = this.launcher.restart(executionId, Requester.operator("after maintenance"));

			assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(step(restarted.executionId(), IngestQualityRunsJobConfiguration.RUNS_STEP).getReadCount())
				.isEqualTo(100 - committed);
			assertThat(Databases.count(this.jdbc, "build_metrics")).isEqualTo(1000);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aFileChangedSinceItWasValidatedStopsTheRun() throws IOException {
		List<Path> files = runs("acme", 3, LocalDate.of(2026, 11, 20));
		this.faults.failAfterItems(JOB, 0);
		IngestResult failed = this.ingest.ingest(List.of(this.dir), operator());
		Files.writeString(files.get(2), "{}");

		LaunchOutcome restarted = this.launcher.restart(failed.outcome().executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(restarted.message()).contains(files.get(2).getFileName().toString()).contains("changed");
	}

	@Test
	void theInboxIsReadWhenNoInputIsGivenAndArchivedAfterwards() throws IOException {
		runs("acme", 2, LocalDate.of(2026, 11, 20));
		copy(this.dir, this.inbox);
		Files.copy(MalformedReports.folder("malformed").resolve("m10-negative-duration.json"),
				this.inbox.resolve("broken.json"));
		LocalDate day = LocalDate.of(2026, 11, 21);

		LaunchOutcome scheduled = this.launcher
			.run(new LaunchRequest(JOB, day, "all", Map.of(), new Requester(Trigger.SCHEDULE, "quartz", null)));

		assertThat(scheduled.exitCode()).as(scheduled.message()).isEqualTo(ExitCodes.COMPLETED);
		JobExecution execution = this.repository.getJobExecution(scheduled.executionId());
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_REJECTIONS");
		assertThat(Databases.count(this.jdbc, "ingested_quality_runs")).isEqualTo(2);
		assertThat(ReportFiles.list(this.inbox)).isEmpty();
		assertThat(ReportFiles.list(this.inbox.resolve("ingested/2026-11-21"))).hasSize(2);
		Path note = this.inbox.resolve("rejected/2026-11-21/broken.json.error.txt");
		assertThat(this.inbox.resolve("rejected/2026-11-21/broken.json")).exists();
		assertThat(Files.readString(note, StandardCharsets.UTF_8)).contains("/tasks/0/durationMs")
			.contains("must be at least 0");

		LaunchOutcome empty = this.launcher
			.run(new LaunchRequest(JOB, day.plusDays(1), "all", Map.of(), new Requester(Trigger.SCHEDULE, "q", null)));

		assertThat(empty.exitCode()).as(empty.message()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		assertThat(empty.message()).contains("nothing new");
	}

	@Test
	void aRunIdBelongsToOneTenant() throws IOException {
		Instant end = Instant.parse("2026-11-20T12:00:00Z");
		Path acme = QualityReportFiles.write(this.dir.resolve("a"), "acme", "shared-42",
				List.of(QualityReportFiles.Task.success("web", "build", 1000, end)));
		this.ingest.ingest(List.of(acme), operator());
		Path globex = QualityReportFiles.write(this.dir.resolve("g"), "globex", "shared-42",
				List.of(QualityReportFiles.Task.success("web", "build", 9999, end)));
		Path own = QualityReportFiles.write(this.dir.resolve("g"), "globex", "globex-1",
				List.of(QualityReportFiles.Task.success("web", "build", 5000, end)));

		IngestResult result = this.ingest.ingest(List.of(globex, own), operator());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.rejected()).singleElement()
			.satisfies((rejection) -> assertThat(rejection.pointer()).isEqualTo("/runId"));
		assertThat(result.newRuns()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT tenant_id, duration_ms FROM build_metrics WHERE run_id = 'shared-42'")
			.query()
			.singleRow()).containsEntry("tenant_id", "acme").containsEntry("duration_ms", 1000L);
		assertThat(this.mongo.getCollection("quality_runs")
			.find(new Document("_id", "shared-42"))
			.first()
			.getString("tenantId")).isEqualTo("acme");
		assertThat(runIds("SELECT run_id FROM build_metrics WHERE tenant_id = 'globex'")).containsExactly("globex-1");
	}

	@Test
	void identicalCopiesCountOnceAndTwoReportsOfOneRunAreRefused() {
		Instant end = Instant.parse("2026-11-20T12:00:00Z");
		Path original = QualityReportFiles.write(this.dir.resolve("a"), "acme", "r-1",
				List.of(QualityReportFiles.Task.success("web", "build", 1000, end)));
		Path copy = QualityReportFiles.write(this.dir.resolve("b"), "acme", "r-1",
				List.of(QualityReportFiles.Task.success("web", "build", 1000, end)));
		Path different = QualityReportFiles.write(this.dir.resolve("c"), "acme", "r-1",
				List.of(QualityReportFiles.Task.success("web", "build", 2000, end)));

		IngestResult result = this.ingest.ingest(List.of(original, copy, different), operator());

		assertThat(result.duplicates()).isEqualTo(1);
		assertThat(result.rejected()).singleElement().satisfies((rejection) -> {
			assertThat(rejection.path()).isEqualTo(different.toString());
			assertThat(rejection.message()).contains("different content");
		});
		assertThat(Databases.count(this.jdbc, "build_metrics")).isEqualTo(1);
	}

	@Test
	void namesTheDaysPerfAggregateAlreadyPublishedAndHowToRecomputeThem() {
		LocalDate day = LocalDate.of(2026, 11, 18);
		Instant noon = day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
		Path earlier = QualityReportFiles.write(this.dir.resolve("a"), "acme", "early-1",
				List.of(QualityReportFiles.Task.success("web", "build", 1000, noon)));
		this.ingest.ingest(List.of(earlier), operator());
		LaunchOutcome aggregated = this.launcher
			.run(new LaunchRequest("perf-aggregate", day, "acme", Map.of(), operator()));
		this.jdbc.sql("""
				INSERT INTO perf_aggregate (tenant_id, day, project, target, n, method, computed_at)
				VALUES ('globex', :day, 'web', 'build', 0, 'percentile_cont+ddsketch', now())
				""").param("day", day).update();
		List<Path> late = List.of(
				QualityReportFiles.write(this.dir.resolve("b"), "acme", "late-1",
						List.of(QualityReportFiles.Task.success("web", "build", 2000, noon))),
				QualityReportFiles.write(this.dir.resolve("b"), "globex", "late-2",
						List.of(QualityReportFiles.Task.success("web", "build", 3000, noon),
								QualityReportFiles.Task.success("web", "test", 4000, noon.plusSeconds(86_400)))));

		IngestResult result = this.ingest.ingest(late, operator());

		assertThat(aggregated.exitCode()).as(aggregated.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(result.days()).containsExactly(
				new IngestResult.TouchedDay("acme", day, 1, true,
						"nightshift rerun perf-aggregate --date 2026-11-18"
								+ " --tenant acme --reason 'late quality runs'"),
				new IngestResult.TouchedDay("globex", day, 1, true,
						"nightshift run perf-aggregate --date 2026-11-18 --tenant globex"),
				new IngestResult.TouchedDay("globex", day.plusDays(1), 1, false, null));
	}

	@Test
	void aPathThatDoesNotExistIsAUsageErrorAndNothingRuns() {
		assertThatThrownBy(() -> this.ingest.ingest(List.of(this.dir.resolve("nope")), operator()))
			.hasMessageContaining("nope: no such file or folder");
		assertThat(Databases.count(this.jdbc, "batch_job_execution")).isZero();
	}

	private List<Path> runs(String tenant, int count, LocalDate day) {
		SplittableRandom random = new SplittableRandom(count);
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant end = day.atTime(8, 0).toInstant(java.time.ZoneOffset.UTC).plusSeconds(i * 60L);
			files.add(QualityReportFiles.write(this.dir, tenant, String.format("%s-%04d", tenant, i),
					QualityReportFiles.randomTasks(random, PAIRS, end)));
		}
		return files;
	}

	private long awaitRegistered(long runs) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline) {
			if (Databases.count(this.jdbc, "ingested_quality_runs") >= runs) {
				return this.jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution")
					.query(Long.class)
					.single();
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the run did not register " + runs + " runs within 30s");
	}

	private List<String> runIds(String sql) {
		return this.jdbc.sql(sql).query(String.class).list();
	}

	private StepExecution step(long executionId, String name) {
		return this.repository.getJobExecution(executionId)
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static Requester operator() {
		return new Requester(Trigger.CI, "tester", null);
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.copy(file, to.resolve(file.getFileName()));
			}
		}
	}

}
