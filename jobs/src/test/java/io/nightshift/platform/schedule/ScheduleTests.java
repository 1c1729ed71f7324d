package io.nightshift.platform.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Stream;

import io.nightshift.platform.batch.FaultInjection;
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
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@NightshiftTest
class ScheduleTests {

	@Autowired
	Gaps gaps;

	@Autowired
	ScheduleRegistrar registrar;

	@Autowired
	Scheduler scheduler;

	@Autowired
	LaunchService launcher;

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

	@Value("${nightshift.config-dir}")
	Path testConfigs;

	@BeforeEach
	void setUp() throws Exception {
		this.scheduler.standby();
		Databases.resetScheduler(this.jdbc);
		Databases.reset(this.jdbc, this.mongo);
		Drill.items(this.jdbc, 100, "acme");
	}

	@AfterEach
	void tearDown() throws Exception {
		this.faults.disarm(Drill.JOB);
		this.scheduler.standby();
		this.scheduler.clear();
		Databases.resetScheduler(this.jdbc);
	}

	@Test
	void gapsListScheduledPeriodsWithoutSuccessAndWhy() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate completed = today.minusDays(5);
		LocalDate failed = today.minusDays(4);
		LocalDate neverRan = today.minusDays(3);
		run(completed);
		this.faults.failAfterItems(Drill.JOB, 10);
		run(failed);

		List<Gaps.Gap> found = this.gaps.find(completed, neverRan, Optional.of(Drill.JOB));

		assertThat(found).extracting(Gaps.Gap::period).containsExactly(failed, neverRan);
		assertThat(found.get(0).state()).isEqualTo("FAILED");
		assertThat(found.get(0).executionId()).isNotNull();
		assertThat(found.get(1).state()).isEqualTo("NEVER_RAN");
		assertThat(found.get(1).detail()).contains("no launch request");
		assertThat(this.gaps.ageOfLastSuccess(Drill.JOB))
			.hasValueSatisfying((age) -> assertThat(age).isBetween(Duration.ofDays(4), Duration.ofDays(5)));
	}

	@Test
	void aSkippedMisfireBecomesAGapAndNothingRuns() throws Exception {
		// A daily trigger whose last fire was due two days ago, while no scheduler ran.
		Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
		CronTrigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(Drill.JOB, ScheduleRegistrar.GROUP)
			.forJob(Drill.JOB, ScheduleRegistrar.GROUP)
			.startAt(Date.from(twoDaysAgo))
			.withSchedule(CronScheduleBuilder.cronSchedule("0 0 3 * * ?")
				.inTimeZone(TimeZone.getTimeZone("UTC"))
				.withMisfireHandlingInstructionDoNothing())
			.build();
		this.scheduler.addJob(JobBuilder.newJob(ScheduledLaunch.class)
			.withIdentity(Drill.JOB, ScheduleRegistrar.GROUP)
			.usingJobData(ScheduledLaunch.JOB, Drill.JOB)
			.storeDurably()
			.build(), true);
		this.scheduler.scheduleJob(trigger);

		this.scheduler.start();
		Thread.sleep(3000);

		assertThat(Databases.count(this.jdbc, "batch_job_execution")).as("a skipped misfire runs nothing").isZero();
		Date next = this.scheduler.getTrigger(TriggerKey.triggerKey(Drill.JOB, ScheduleRegistrar.GROUP))
			.getNextFireTime();
		assertThat(next.toInstant()).isAfter(Instant.now());
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertThat(this.gaps.find(today.minusDays(2), today.minusDays(1), Optional.of(Drill.JOB)))
			.extracting(Gaps.Gap::state)
			.containsOnly("NEVER_RAN")
			.isNotEmpty();
	}

	@Test
	void triggersFollowTheJobConfigs() throws Exception {
		List<String> scheduled = this.registrar.sync(this.scheduler);

		assertThat(scheduled).contains(Drill.JOB);
		CronTrigger trigger = (CronTrigger) this.scheduler
			.getTrigger(TriggerKey.triggerKey(Drill.JOB, ScheduleRegistrar.GROUP));
		assertThat(trigger.getCronExpression()).isEqualTo("0 0 3 * * ?");
		assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
		Date firstNext = trigger.getNextFireTime();

		this.registrar.sync(this.scheduler);

		assertThat(
				this.scheduler.getTrigger(TriggerKey.triggerKey(Drill.JOB, ScheduleRegistrar.GROUP)).getNextFireTime())
			.as("an unchanged schedule is left alone")
			.isEqualTo(firstNext);
	}

	@Test
	void twoServeProcessesOnOneDatabaseHandleEveryFireExactlyOnce(@TempDir Path configs) throws Exception {
		fastDrillConfigs(configs);
		List<ChildJvm> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				nodes.add(ChildJvm.startNightshift(this.datasourceUrl, this.mongoUri,
						List.of("-Dnightshift.config-dir=" + configs), Map.of(), "--config-dir", configs.toString(),
						"serve", "--port", "0"));
			}
			for (ChildJvm node : nodes) {
				node.awaitOutput("serving on port", Duration.ofMinutes(2));
			}
			long deadline = System.currentTimeMillis() + 60_000;
			while (scheduledRequests().size() < 8 && System.currentTimeMillis() < deadline) {
				Thread.sleep(200);
			}
			for (ChildJvm node : nodes) {
				node.terminate();
			}
			for (ChildJvm node : nodes) {
				// 143 = 128 + SIGTERM: the JVM's own exit status after an orderly
				// shutdown on SIGTERM.
				assertThat(node.await(Duration.ofMinutes(1)).exitCode()).isIn(0, 143);
			}
		}
		finally {
			for (ChildJvm node : nodes) {
				if (node.isAlive()) {
					node.kill9();
				}
			}
		}
		List<Instant> fires = scheduledRequests();

		assertThat(fires).hasSizeGreaterThanOrEqualTo(8);
		assertThat(fires).as("no fire handled twice").doesNotHaveDuplicates();
		for (int i = 1; i < fires.size(); i++) {
			assertThat(Duration.between(fires.get(i - 1), fires.get(i))).as("no fire missed")
				.isEqualTo(Duration.ofSeconds(2));
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_instance WHERE job_name = :job")
			.param("job", Drill.JOB)
			.query(Long.class)
			.single()).as("every fire is the same period: one instance, never a duplicate").isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT outcome FROM launch_audit WHERE trigger = 'schedule' ORDER BY id")
			.query(String.class)
			.list()).first().isEqualTo("COMPLETED");
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM launch_audit WHERE trigger = 'schedule' AND outcome = 'COMPLETED'")
					.query(Long.class)
					.single())
			.isEqualTo(1);
	}

	private List<Instant> scheduledRequests() {
		return this.jdbc.sql("SELECT reason FROM launch_audit WHERE trigger = 'schedule' ORDER BY reason")
			.query(String.class)
			.list()
			.stream()
			.map((reason) -> Instant.parse(reason.substring("scheduled fire at ".length())))
			.toList();
	}

	/**
	 * The test configs with every job disabled but drill-copy, which fires every two
	 * seconds.
	 */
	private void fastDrillConfigs(Path configs) throws IOException {
		try (Stream<Path> files = Files.list(this.testConfigs)) {
			for (Path file : files.toList()) {
				String text = Files.readString(file);
				text = text.contains("\nenabled:") || text.startsWith("enabled:")
						? text.replaceFirst("(?m)^enabled: .*$", "enabled: false") : "enabled: false\n" + text;
				Files.writeString(configs.resolve(file.getFileName()), text);
			}
		}
		Path drill = configs.resolve("drill-copy.yml");
		Files.writeString(drill,
				Files.readString(drill)
					.replace("enabled: false", "enabled: true")
					.replace("\"0 0 3 * * ?\"", "\"*/2 * * * * ?\""));
	}

	private void run(LocalDate day) {
		this.launcher.run(new LaunchRequest(Drill.JOB, day, "all", Map.of(), Requester.operator("history")));
	}

}
