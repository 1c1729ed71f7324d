package io.nightshift.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.nightshift.platform.ExitCodes;
import io.nightshift.testsupport.CliHarness;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nightshift ingest} as CI calls it: output, JSON and exit codes. */
@NightshiftTest
class IngestCommandTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@TempDir
	Path dir;

	@BeforeEach
	void setUp() throws IOException {
		Databases.reset(this.jdbc, this.mongo);
		this.jdbc.sql("INSERT INTO tenants (id, name) VALUES ('acme', 'Acme')").update();
		for (Path file : MalformedReports.valid()) {
			Files.copy(file, this.dir.resolve(file.getFileName()));
		}
		Files.copy(MalformedReports.folder("malformed").resolve("m09-task-missing-target.json"),
				this.dir.resolve("broken.json"));
	}

	@Test
	void listsEveryRejectedFileWithItsPointerAndExitsTwo() {
		CliHarness.Result result = new CliHarness(this.context).run("ingest", this.dir.toString(), "--trigger", "ci",
				"--actor", "jenkins");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.out()).contains("ingested 3 new runs (6 tasks) from 3 files; 1 of 4 files rejected")
			.contains("Rejected (nothing of these files was written):")
			.contains(this.dir.resolve("broken.json") + ": /tasks/1/target: required property is missing");
		assertThat(this.jdbc.sql("SELECT actor FROM launch_audit").query(String.class).single()).isEqualTo("jenkins");
	}

	@Test
	void printsTheResultAsJsonAndExitsThreeWhenNothingIsNew() throws IOException {
		Files.delete(this.dir.resolve("broken.json"));
		CliHarness cli = new CliHarness(this.context);

		CliHarness.Result first = cli.run("ingest", this.dir.toString(), "-o", "json");
		CliHarness.Result again = cli.run("ingest", this.dir.toString(), "-o", "json");

		assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.COMPLETED);
		JsonNode result = this.json.readTree(first.out());
		assertThat(result.get("newRuns").asLong()).isEqualTo(3);
		assertThat(result.get("newTasks").asLong()).isEqualTo(6);
		assertThat(result.get("input").asString()).hasSize(64);
		assertThat(result.get("outcome").get("status").asString()).isEqualTo("COMPLETED");
		assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
		assertThat(this.json.readTree(again.out()).get("rejected")).isEmpty();
	}

	@Test
	void aMissingPathIsAUsageError() {
		CliHarness.Result result = new CliHarness(this.context).run("ingest", this.dir.resolve("missing").toString());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("missing: no such file or folder");
	}

}
