package io.nightshift.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published JSON Schema (docs/schemas/quality-report.schema.json) and the ingest
 * validator agree: on every fixture, a generic 2020-12 validator (with format assertions)
 * finds the same structural problem at the same place, accepts what the validator
 * accepts, and accepts the files whose problem is a rule the schema cannot express.
 */
class QualityReportSchemaTests {

	private final QualityReportParser parser = new QualityReportParser(JsonMapper.builder().build());

	private final Schema schema = schema();

	@Test
	void theValidatorRejectsEveryMalformedFixtureAtItsExpectedPointer() {
		List<MalformedReports.Case> cases = MalformedReports.cases();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
		for (MalformedReports.Case fixture : cases) {
			if (fixture.kind().equals("reference")) {
				assertThat(this.parser.parse(fixture.content())).as(fixture.file())
					.isInstanceOf(QualityReportParser.Valid.class);
				continue;
			}
			QualityReportParser.Result result = this.parser.parse(fixture.content());
			assertThat(result).as(fixture.file()).isInstanceOf(QualityReportParser.Invalid.class);
			QualityReportParser.Invalid invalid = (QualityReportParser.Invalid) result;
			assertThat(invalid.pointer()).as(fixture.file() + ": " + invalid.message()).isEqualTo(fixture.pointer());
			assertThat(invalid.message()).as(fixture.file()).contains(fixture.fragment());
		}
	}

	@Test
	void thePublishedSchemaFindsTheSameStructuralProblemsAndNoOthers() {
		for (MalformedReports.Case fixture : MalformedReports.cases()) {
			if (fixture.kind().equals("syntax")) {
				continue;
			}
			List<Error> errors = this.schema.validate(new String(fixture.content(), StandardCharsets.UTF_8),
					InputFormat.JSON);
			if (fixture.kind().equals("schema") || fixture.kind().equals("format")) {
				assertThat(errors).as(fixture.file()).isNotEmpty();
				assertThat(errors.stream().map(QualityReportSchemaTests::pointers).flatMap(List::stream).toList())
					.as(fixture.file() + ": " + errors)
					.contains(fixture.pointer());
			}
			else {
				assertThat(errors).as(fixture.file() + " breaks a rule beyond the schema").isEmpty();
			}
		}
	}

	@Test
	void theValidFixturesAreValidForBoth() throws IOException {
		List<Path> valid = MalformedReports.valid();
		assertThat(valid).hasSize(3);
		for (Path file : valid) {
			byte[] content = Files.readAllBytes(file);
			assertThat(this.parser.parse(content)).as(file.toString()).isInstanceOf(QualityReportParser.Valid.class);
			assertThat(this.schema.validate(new String(content, StandardCharsets.UTF_8), InputFormat.JSON))
				.as(file.toString())
				.isEmpty();
		}
	}

	@Test
	void aValidReportBindsEveryFieldAndComputesMissingSummaries() throws IOException {
		QualityReportParser.Valid parsed = (QualityReportParser.Valid) this.parser
			.parse(Files.readAllBytes(MalformedReports.folder("valid").resolve("ci-1002-no-aggregates.json")));

		QualityReport report = parsed.report();
		assertThat(report.runId()).isEqualTo("ci-1002");
		assertThat(report.tasks()).hasSize(3);
		assertThat(report.tasks().get(0).durationMs()).as("41000.0 is an integer").isEqualTo(41000);
		assertThat(report.tasks().get(2).startedAt()).hasToString("2026-11-20T09:00:00Z");
		assertThat(report.aggregates()).containsExactly(new QualityReport.ProjectAggregate("web", 2, 1, 0, 136000),
				new QualityReport.ProjectAggregate("api", 1, 0, 1, 300));
	}

	/**
	 * The pointers an error may name: its instance location, and for a missing or unknown
	 * property, that property below it.
	 */
	private static List<String> pointers(Error error) {
		String location = pointer(error.getInstanceLocation());
		return (error.getProperty() != null)
				? List.of(location, location + "/" + QualityReportParser.escape(error.getProperty()))
				: List.of(location);
	}

	private static String pointer(NodePath path) {
		return java.util.stream.IntStream.range(0, path.getNameCount())
			.mapToObj((i) -> "/" + QualityReportParser.escape(String.valueOf(path.getElement(i))))
			.collect(Collectors.joining());
	}

	private static Schema schema() {
		try {
			String text = Files.readString(Path.of("../docs/schemas/quality-report.schema.json"));
			SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					(builder) -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
						.formatAssertionsEnabled(true)
						.pathType(PathType.JSON_POINTER)
						.build()));
			return registry.getSchema(text, InputFormat.JSON);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
