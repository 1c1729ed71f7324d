package io.nightshift.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftProperties;
import io.nightshift.testsupport.CliHarness;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code nightshift gate} on crafted daily p95 series. */
@NightshiftTest
class GateTests {

	private static final LocalDate LAST = LocalDate.of(2026, 11, 20);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JsonMapper json;

	@Autowired
	NightshiftProperties properties;

	private CliHarness cli;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		BuildMetricRows.tenants(this.jdbc, "acme", "globex");
		this.cli = new CliHarness(this.context);
	}

	@Test
	void passesWhenP95StaysBelowItsThresholdAndBaseline() throws IOException {
		series("acme", "web", "build", 100, 100, 100, 100, 100, 100, 100, 104);

		CliHarness.Result result = gate("--project", "web", "--target", "build", "--threshold-ms", "120000");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(result.out()).startsWith("PASS web/build p95 104.0s <= 120.0s, +4% vs baseline 100.0s");
		assertThat(statusFile())
			.isEqualTo("PASS web/build p95 104.0s <= 120.0s, +4% vs baseline 100.0s (acme, " + LAST + ")\n");
	}

	@Test
	void failsWhenP95ExceededTheThresholdOnNConsecutiveDays() {
		series("acme", "web", "build", 100, 100, 100, 100, 100, 125, 125, 125);

		JsonNode verdict = json(gate("--project", "web", "--target", "build", "--threshold-ms", "120000", "--runs", "3",
				"--tolerance", "0.5", "-o", "json"), ExitCodes.CHECK_FAILED);
		CliHarness.Result four = gate("--project", "web", "--target", "build", "--threshold-ms", "120000", "--runs",
				"4", "--tolerance", "0.5");

		assertThat(verdict.get("verdict").asString()).isEqualTo("fail");
		assertThat(verdict.get("day").asString()).isEqualTo(LAST.toString());
		assertThat(verdict.get("p95").asDouble()).isEqualTo(125_000.0);
		JsonNode threshold = verdict.get("threshold");
		assertThat(threshold.get("thresholdMs").asLong()).isEqualTo(120_000);
		assertThat(threshold.get("source").asString()).isEqualTo("flag");
		assertThat(threshold.get("streak").asInt()).isEqualTo(3);
		assertThat(threshold.get("breached").asBoolean()).isTrue();
		assertThat(threshold.get("recent")).hasSize(3);
		assertThat(verdict.get("regression").get("regressed").asBoolean()).isFalse();
		assertThat(verdict.get("reasons").get(0).asString())
			.contains("above the threshold of 120.0s on 3 consecutive days");
		assertThat(four.exitCode()).as("a streak of 3 does not fail a gate of 4").isEqualTo(ExitCodes.COMPLETED);
	}

	@Test
	void failsWhenTheLatestDayRegressedBeyondTheTolerance() {
		series("acme", "web", "test", 100, 98, 102, 100, 99, 101, 100, 130);

		JsonNode verdict = json(gate("--project", "web", "--target", "test", "-o", "json"), ExitCodes.CHECK_FAILED);
		CliHarness.Result tolerant = gate("--project", "web", "--target", "test", "--tolerance", "0.35");

		JsonNode regression = verdict.get("regression");
		assertThat(regression.get("regressed").asBoolean()).isTrue();
		assertThat(regression.get("baselineP95").asDouble()).isEqualTo(100_000.0);
		assertThat(regression.get("baselineDays").asInt()).isEqualTo(7);
		assertThat(regression.get("magnitude").asDouble()).isCloseTo(0.3, within(1e-9));
		assertThat(regression.get("tolerance").asDouble()).isEqualTo(0.2);
		assertThat(verdict.get("threshold").get("source").asString()).isEqualTo("none");
		assertThat(verdict.get("reasons").get(0).asString()).contains("+30% against its baseline 100.0s");
		assertThat(tolerant.exitCode()).isEqualTo(ExitCodes.COMPLETED);
	}

	@Test
	void takesTheThresholdOfTheSeriesFromTheJobConfig() {
		series("acme", "web", "e2e", 950, 950, 950);

		JsonNode verdict = json(gate("--project", "web", "--target", "e2e", "-o", "json"), ExitCodes.CHECK_FAILED);

		assertThat(verdict.get("threshold").get("thresholdMs").asLong()).isEqualTo(900_000);
		assertThat(verdict.get("threshold").get("source").asString()).isEqualTo("job-config");
		assertThat(verdict.get("regression").get("baselineP95").isNull()).as("two baseline days are too few").isTrue();
	}

	@Test
	void judgesOnlyDaysWithEnoughTasksAndUpToTheGivenDate() {
		series("acme", "web", "build", 100, 100, 100, 100, 100, 100, 100);
		insert("acme", "web", "build", LAST.plusDays(1), 3, 999_000);

		JsonNode latest = json(gate("--project", "web", "--target", "build", "-o", "json"), ExitCodes.COMPLETED);
		JsonNode earlier = json(
				gate("--project", "web", "--target", "build", "--date", LAST.minusDays(2).toString(), "-o", "json"),
				ExitCodes.COMPLETED);

		assertThat(latest.get("day").asString()).as("3 tasks are below min-samples").isEqualTo(LAST.toString());
		assertThat(earlier.get("day").asString()).isEqualTo(LAST.minusDays(2).toString());
	}

	@Test
	void exitsFiveWithoutDataAndTwoWhenTheTenantIsAmbiguous() throws IOException {
		series("acme", "web", "build", 100);
		series("globex", "web", "build", 100);
		insert("acme", "api", "lint", LAST, 2, 5000);

		CliHarness.Result unknown = gate("--project", "nope", "--target", "build");
		CliHarness.Result ambiguous = gate("--project", "web", "--target", "build");
		CliHarness.Result fewTasks = gate("--project", "api", "--target", "lint");
		CliHarness.Result badFlag = gate("--project", "web", "--target", "build", "--tenant", "acme", "--runs", "0");

		assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(unknown.err()).contains("no perf_aggregate rows for nope/build");
		assertThat(ambiguous.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(ambiguous.err()).contains("several tenants have web/build: acme, globex");
		assertThat(fewTasks.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(statusFile()).startsWith("NO DATA api/lint (acme)");
		assertThat(badFlag.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(badFlag.err()).contains("--runs 0: must be greater than 0");
	}

	/** Daily p95 values in seconds, oldest first, ending on {@link #LAST}. */
	private void series(String tenant, String project, String target, double... p95Seconds) {
		for (int i = 0; i < p95Seconds.length; i++) {
			insert(tenant, project, target, LAST.minusDays(p95Seconds.length - 1 - i), 20,
					Math.round(p95Seconds[i] * 1000));
		}
	}

	private void insert(String tenant, String project, String target, LocalDate day, long n, long p95) {
		this.jdbc.sql("""
				INSERT INTO perf_aggregate (tenant_id, day, project, target, n, p50, p95, p99, mean, max, method,
				                            computed_at)
				VALUES (:tenant, :day, :project, :target, :n, :p95 / 2, :p95, :p95 * 1.1, :p95 / 2, :p95 * 1.2,
				        'percentile_cont+ddsketch', now())
				""")
			.param("tenant", tenant)
			.param("day", day)
			.param("project", project)
			.param("target", target)
			.param("n", n)
			.param("p95", (double) p95)
			.update();
	}

	private CliHarness.Result gate(String... args) {
		String[] command = new String[args.length + 1];
		command[0] = "gate";
		System.arraycopy(args, 0, command, 1, args.length);
		return this.cli.run(command);
	}

	private JsonNode json(CliHarness.Result result, int exitCode) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
		return this.json.readTree(result.out());
	}

	private String statusFile() throws IOException {
		return Files.readString(this.properties.home().resolve("quality").resolve(PerfGate.STATUS_FILE));
	}

}
