package io.nightshift.cli;

import java.util.List;
import java.util.Map;

import io.nightshift.platform.ExitCodes;
import io.nightshift.testsupport.ChildJvm;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.Drill;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a separate process: stdout, stderr, exit codes and log format as a
 * shell sees them.
 */
@NightshiftTest
class CliProcessTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@Value("${spring.datasource.url}")
	String datasourceUrl;

	@Value("${spring.mongodb.uri}")
	String mongoUri;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		Drill.items(this.jdbc, 500, "acme");
	}

	@Test
	void jsonOutputGoesToStdoutAloneAndLogsToStderr() throws Exception {
		ChildJvm.Result result = ChildJvm.nightshift(this.datasourceUrl, this.mongoUri, List.of(), Map.of(), "-o",
				"json", "run", "drill-copy", "--date", "2026-11-20", "--tenant", "acme");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.COMPLETED);
		JsonNode output = this.json.readTree(result.out());
		assertThat(output.at("/outcome/status").asString()).isEqualTo("COMPLETED");
		assertThat(result.err()).contains("using PostgreSQL at").contains("step drillCopyStep COMPLETED: read 500");

		ChildJvm.Result again = ChildJvm.nightshift(this.datasourceUrl, this.mongoUri, List.of(), Map.of(), "run",
				"drill-copy", "--date", "2026-11-20", "--tenant", "acme");
		assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
	}

	@Test
	void jsonLogLinesCarryJobExecutionStepAndTenant() throws Exception {
		ChildJvm.Result result = ChildJvm.nightshift(this.datasourceUrl, this.mongoUri, List.of(), Map.of(),
				"--log-format", "json", "run", "drill-copy", "--date", "2026-11-21", "--tenant", "acme");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		List<JsonNode> lines = result.err().lines().filter((line) -> !line.isBlank()).map(this.json::readTree).toList();
		assertThat(lines).isNotEmpty();
		JsonNode stepLine = lines.stream()
			.filter((line) -> line.path("message").asString().startsWith("step drillCopyStep COMPLETED"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no step summary line in\n" + result.err()));
		assertThat(stepLine.path("job").asString()).isEqualTo("drill-copy");
		assertThat(stepLine.path("step").asString()).isEqualTo("drillCopyStep");
		assertThat(stepLine.path("tenant").asString()).isEqualTo("acme");
		assertThat(stepLine.path("execution").asString()).matches("\\d+");
	}

	@Test
	void passwordsNeverAppearInOutputOrLogs() throws Exception {
		String urlWithSecret = this.datasourceUrl + (this.datasourceUrl.contains("?") ? "&" : "?")
				+ "password=UrlSecret-4711";

		ChildJvm.Result result = ChildJvm.nightshift(urlWithSecret, this.mongoUri, List.of(),
				Map.of("SPRING_DATASOURCE_PASSWORD", "PropSecret-0815"), "--debug", "run", "drill-copy", "--date",
				"2026-11-22", "--tenant", "acme");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("password=***");
		assertThat(result.out() + result.err()).doesNotContain("UrlSecret-4711").doesNotContain("PropSecret-0815");
	}

}
