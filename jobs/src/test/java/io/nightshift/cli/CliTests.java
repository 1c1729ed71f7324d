package io.nightshift.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.nightshift.platform.ExitCodes;
import io.nightshift.testsupport.CliHarness;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.Drill;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@NightshiftTest
class CliTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	CliHarness cli;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		Drill.items(this.jdbc, 300, "acme", "globex");
		this.cli = new CliHarness(this.context);
	}

	@Test
	void runPrintsTheOutcomeAndStepsAndExitsZeroThenThree() {
		CliHarness.Result first = this.cli.run("run", "drill-copy", "--date", "2026-11-20", "--tenant", "acme");
		CliHarness.Result second = this.cli.run("run", "drill-copy", "--date", "2026-11-20", "--tenant", "acme");

		assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(first.out()).contains("completed: execution").contains("drillCopyStep").contains("COMPLETED");
		assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		assertThat(second.out()).contains("already complete")
			.contains("nightshift rerun drill-copy --date 2026-11-20 --tenant acme --reason TEXT");
	}

	@Test
	void runAsJsonPrintsOnlyJsonWithTheExecutionParametersAndStepCounts() {
		CliHarness.Result result = this.cli.run("-o", "json", "run", "drill-copy", "--date", "2026-11-20", "--tenant",
				"acme", "--reason", "verify", "--trigger", "ci", "--actor", "ci-bot", "--set", "throttle=PT0.001S");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		JsonNode root = this.json.readTree(result.out());
		assertThat(root.at("/outcome/exitCode").asInt()).isZero();
		JsonNode execution = root.at("/execution");
		assertThat(execution.at("/execution/status").asString()).isEqualTo("COMPLETED");
		assertThat(execution.at("/identifying/date").asString()).isEqualTo("2026-11-20");
		assertThat(execution.at("/identifying/tenant").asString()).isEqualTo("acme");
		assertThat(execution.at("/parameters/trigger").asString()).isEqualTo("ci");
		assertThat(execution.at("/parameters/actor").asString()).isEqualTo("ci-bot");
		assertThat(execution.at("/parameters/set.throttle").asString()).isEqualTo("PT0.001S");
		assertThat(execution.at("/steps/0/read").asLong()).isEqualTo(300);
		assertThat(execution.at("/steps/0/written").asLong()).isEqualTo(300);
		assertThat(execution.at("/steps/0/commits").asLong()).as("chunks of 100").isEqualTo(3);
		assertThat(execution.at("/execution/startTime").isString()).isTrue();
	}

	@Test
	void statusAndShowListWhoRanWhatAndWhy() {
		this.cli.run("run", "drill-copy", "--date", "2026-11-19", "--tenant", "acme", "--reason", "first");
		this.cli.run("rerun", "drill-copy", "--date", "2026-11-19", "--tenant", "acme", "--reason", "late data",
				"--actor", "alice");

		CliHarness.Result status = this.cli.run("-o", "json", "status", "--job", "drill-copy");
		JsonNode executions = this.json.readTree(status.out());

		assertThat(status.exitCode()).isZero();
		assertThat(executions.size()).isEqualTo(2);
		JsonNode newest = executions.get(0);
		assertThat(newest.get("attempt").asLong()).isEqualTo(2);
		assertThat(newest.get("trigger").asString()).isEqualTo("operator");
		assertThat(newest.get("actor").asString()).isEqualTo("alice");
		assertThat(newest.get("reason").asString()).isEqualTo("late data");
		assertThat(newest.get("exitCode").asInt()).isZero();

		CliHarness.Result show = this.cli.run("-o", "json", "show", newest.get("id").asString());
		JsonNode detail = this.json.readTree(show.out());
		assertThat(detail.at("/audit/actor").asString()).isEqualTo("alice");
		assertThat(detail.at("/audit/reason").asString()).isEqualTo("late data");
		assertThat(detail.at("/audit/action").asString()).isEqualTo("rerun");
		assertThat(detail.at("/audit/host").asString()).isNotBlank();
		assertThat(detail.at("/audit/version").asString()).isNotBlank();
		assertThat(detail.at("/history").size()).as("both attempts of the period").isEqualTo(2);

		CliHarness.Result text = this.cli.run("show", newest.get("id").asString());
		assertThat(text.out()).contains("operator by alice, reason: late data")
			.contains("Attempts and restarts of this period")
			.contains("drillCopyStep");
		CliHarness.Result table = this.cli.run("status");
		assertThat(table.out()).contains("TRIGGER").contains("alice").contains("late data");
	}

	@Test
	void badArgumentsExitTwoNamingTheCulprit() {
		assertUsage(this.cli.run("run", "drill-copy", "--date", "2026-13-01"), "'2026-13-01' is not a date");
		assertUsage(this.cli.run("run", "no-such-job", "--date", "2026-11-20"), "unknown job 'no-such-job'");
		assertUsage(this.cli.run("run", "drill-copy", "--date", "2026-11-20", "--set", "bogus=1"), "--set bogus");
		assertUsage(this.cli.run("run", "drill-copy", "--date", "2026-11-20", "--trigger", "cron"), "--trigger cron");
		assertUsage(this.cli.run("rerun", "drill-copy", "--reason", "x"), "--date");
		assertUsage(this.cli.run("status", "--state", "bogus"), "--state bogus");
		assertUsage(this.cli.run("-o", "yaml", "status"), "-o yaml");
		assertUsage(this.cli.run("frobnicate"), "frobnicate");
		assertThat(Databases.count(this.jdbc, "batch_job_execution")).isZero();
	}

	@Test
	void unknownExecutionsAreNotFound() {
		CliHarness.Result show = this.cli.run("show", "999999");
		CliHarness.Result restart = this.cli.run("restart", "999999");

		assertThat(show.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(show.err()).contains("no execution 999999");
		assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(ExitCodes.NOT_FOUND);
	}

	@Test
	void demoSeedsRunsEveryJobOverTheWindowAndCanRunAgain() {
		this.jdbc.sql("DELETE FROM tenants").update();
		Drill.items(this.jdbc, 10);

		CliHarness.Result first = this.cli.run("demo", "--days", "3");
		CliHarness.Result second = this.cli.run("demo", "--days", "3");

		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("seeded the small demo data set").contains("completed: execution");
		assertThat(Databases.count(this.jdbc, "enrollments")).isPositive();
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE status = 'COMPLETED'")
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(3);
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("already holds data").contains("already complete");
	}

	@Test
	void helpListsTheExitCodes() {
		CliHarness.Result help = this.cli.run("--help");

		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("Exit codes:").contains("3  already complete").contains("6  check failed");
	}

	@Test
	void aBrokenJobConfigStopsTheStartWithExitTwoNamingFileAndKey(@TempDir Path dir,
			@Value("${nightshift.config-dir}") Path configs) throws Exception {
		try (Stream<Path> files = Files.list(configs)) {
			for (Path file : files.toList()) {
				Files.copy(file, dir.resolve(file.getFileName()));
			}
		}
		Files.writeString(dir.resolve("drill-copy.yml"), "schedule:\n  cron: \"0 0 3 * *\"\n");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = new Cli(new SpringContextFactory()).execute(
				new String[] { "--config-dir", dir.toString(), "status" }, new PrintWriter(out, true),
				new PrintWriter(err, true));

		assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString())
			.contains("drill-copy.yml: schedule.cron: '0 0 3 * *' is not a Quartz cron expression")
			.contains("(line 2)");
		assertThat(out.toString()).isEmpty();
	}

	private static void assertUsage(CliHarness.Result result, String message) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).as(result.toString()).contains(message);
	}

}
