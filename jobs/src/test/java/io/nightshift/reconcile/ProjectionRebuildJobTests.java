package io.nightshift.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.demo.DemoSeeder;
import io.nightshift.platform.json.CanonicalJson;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.testsupport.CliHarness;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@NightshiftTest
class ProjectionRebuildJobTests {

	private static final String JOB = "projection-rebuild";

	@Autowired
	LaunchService launcher;

	@Autowired
	DemoSeeder seeder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	FaultInjection faults;

	@Autowired
	JobRepository repository;

	@Autowired
	CanonicalJson canonical;

	@Autowired
	JsonMapper json;

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		Overviews.seed(this.seeder);
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(JOB);
	}

	@Test
	void buildsOneDocumentPerProgramFromSql() {
		this.jdbc.sql("""
				INSERT INTO programs (id, tenant_id, code, phase, kpi_target_json)
				VALUES (900, 'acme', 'EMPTY-1', 'pilot', '{"participants": 10, "activeShare": 0.5, "nps": 40}')""")
			.update();

		LaunchOutcome outcome = Overviews.run(this.launcher, JOB, "all", Map.of());

		assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
		List<Long> programs = Overviews.programIds(this.jdbc, "all");
		assertThat(Overviews.overviews(this.mongo).countDocuments()).isEqualTo(programs.size());
		for (long program : programs) {
			Document document = Overviews.overviews(this.mongo).find(Filters.eq("_id", program)).first();
			assertThat(document).as("program %d", program).isNotNull();
			assertThat(document).containsAllEntriesOf(expectedFromSql(program));
			assertThat(document.getDate("projectedAt")).isNotNull();
		}
		Document empty = Overviews.overviews(this.mongo).find(Filters.eq("_id", 900L)).first();
		assertThat(empty.get("participantsCount")).isEqualTo(0L);
		assertThat(empty.get("sourceWatermark")).isNull();
		assertThat(empty.get("kpiProgress", Document.class).get("nps", Document.class)).containsEntry("target", 40)
			.containsEntry("actual", null)
			.containsEntry("progress", null);
		assertThat(empty.get("kpiProgress", Document.class).get("activeShare", Document.class)).containsEntry("actual",
				null);
	}

	@Test
	void aSecondRunWritesTheSameDocuments() {
		Overviews.run(this.launcher, JOB, "all", Map.of());
		Map<Object, Document> first = documents();

		LaunchOutcome again = Overviews.rerun(this.launcher, JOB, "all", Map.of("grid-size", "3", "chunk-size", "1"));

		assertThat(again.exitCode()).as(again.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<Object, Document> second = documents();
		assertThat(second.keySet()).isEqualTo(first.keySet());
		second.forEach((id, document) -> {
			document.remove("projectedAt");
			Document before = first.get(id);
			before.remove("projectedAt");
			assertThat(document).isEqualTo(before);
		});
	}

	@Test
	void aTenantRunProjectsOnlyThatTenant() {
		LaunchOutcome outcome = Overviews.run(this.launcher, JOB, "globex", Map.of());

		assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(Overviews.overviews(this.mongo).distinct("tenantId", String.class).into(new java.util.ArrayList<>()))
			.containsExactly("globex");
		assertThat(Overviews.overviews(this.mongo).countDocuments())
			.isEqualTo(Overviews.programIds(this.jdbc, "globex").size());
	}

	@Test
	void aDocumentWithANewerWatermarkIsLeftAloneUnlessOverwriteNewer() {
		Overviews.run(this.launcher, JOB, "all", Map.of());
		long program = Overviews.programIds(this.jdbc, "all").get(2);
		Date future = Date.from(Overviews.DAY.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant());
		Overviews.overviews(this.mongo)
			.updateOne(Filters.eq("_id", program),
					Updates.combine(Updates.set("participantsCount", 999L), Updates.set("sourceWatermark", future)));

		LaunchOutcome again = Overviews.rerun(this.launcher, JOB, "all", Map.of());

		assertThat(again.exitCode()).as(again.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(overview(program).get("participantsCount")).isEqualTo(999L);
		assertThat(this.repository.getJobExecution(again.executionId())
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals("projectionRebuildPruneStep"))
			.findFirst()
			.orElseThrow()
			.getExitStatus()
			.getExitDescription()).contains("1 left alone");

		LaunchOutcome forced = Overviews.rerun(this.launcher, JOB, "all", Map.of("overwrite-newer", "true"));

		assertThat(forced.exitCode()).as(forced.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(overview(program)).containsAllEntriesOf(expectedFromSql(program));
	}

	@Test
	void documentsWithoutAProgramInTheScopeAreRemoved() {
		Overviews.run(this.launcher, JOB, "all", Map.of());
		var overviews = Overviews.overviews(this.mongo);
		overviews.insertOne(new Document("_id", 7_000L).append("tenantId", "acme"));
		overviews.insertOne(new Document("_id", "not-a-program").append("tenantId", "acme"));
		overviews.insertOne(new Document("_id", 7_001L).append("tenantId", "globex"));
		long globexProgram = Overviews.programIds(this.jdbc, "globex").get(0);
		overviews.updateOne(Filters.eq("_id", globexProgram), Updates.set("tenantId", "acme"));

		LaunchOutcome acme = Overviews.run(this.launcher, JOB, "acme", Map.of());

		assertThat(acme.exitCode()).as(acme.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(overviews.countDocuments(Filters.eq("_id", 7_000L))).isZero();
		assertThat(overviews.countDocuments(Filters.eq("_id", "not-a-program"))).isZero();
		assertThat(overviews.countDocuments(Filters.eq("_id", globexProgram))).as("labelled acme, not acme's").isZero();
		assertThat(overviews.countDocuments(Filters.eq("_id", 7_001L))).as("another tenant's").isOne();
	}

	@Test
	void aRunThatFailsPartWayIsRestartedAndWritesEachDocumentOnce() {
		long programs = Overviews.programIds(this.jdbc, "all").size();
		this.faults.failAfterItems(JOB, 4);
		Map<String, String> settings = Map.of("grid-size", "1", "chunk-size", "2");

		LaunchOutcome failed = Overviews.run(this.launcher, JOB, "all", settings);

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		Map<Object, Date> written = new HashMap<>();
		Overviews.overviews(this.mongo)
			.find()
			.forEach((document) -> written.put(document.get("_id"), document.getDate("projectedAt")));
		// The failing chunk wrote its two documents to Mongo before the fault; the
		// restart
		// replays that chunk only.
		assertThat(written).hasSize(6);

		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(Overviews.overviews(this.mongo).countDocuments()).isEqualTo(programs);
		long reread = this.repository.getJobExecution(restarted.executionId())
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().startsWith(ProjectionRebuildJobConfiguration.WORKER + ":"))
			.mapToLong(StepExecution::getReadCount)
			.sum();
		assertThat(reread).isEqualTo(programs - 4);
		List<Long> ids = Overviews.programIds(this.jdbc, "all");
		for (long program : ids.subList(0, 4)) {
			assertThat(overview(program).getDate("projectedAt")).as("committed before the fault, not rewritten")
				.isEqualTo(written.get(program));
		}
		for (long program : ids) {
			assertThat(overview(program)).containsAllEntriesOf(expectedFromSql(program));
		}
	}

	@Test
	void badSettingsAreRefusedWithTheKeyNamedAndNothingWritten() {
		CliHarness cli = new CliHarness(this.context);
		String[][] cases = { { "chunk-size=0", "--set chunk-size" },
				{ "overwrite-newer=perhaps", "--set overwrite-newer" }, { "concurrency=0", "--set concurrency" },
				{ "grid=2", "--set grid: unknown key" } };
		for (String[] bad : cases) {
			CliHarness.Result result = cli.run("run", JOB, "--date", Overviews.DAY.toString(), "--set", bad[0]);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
			assertThat(result.err()).contains(bad[1]);
		}
		assertThat(Databases.count(this.jdbc, "batch_job_execution")).isZero();
		assertThat(Overviews.overviews(this.mongo).countDocuments()).isZero();
	}

	private Document overview(long program) {
		return Overviews.overviews(this.mongo).find(Filters.eq("_id", program)).first();
	}

	private Map<Object, Document> documents() {
		Map<Object, Document> documents = new HashMap<>();
		Overviews.overviews(this.mongo).find().forEach((document) -> documents.put(document.get("_id"), document));
		return documents;
	}

	/**
	 * The document fields computed here straight from SQL, independently of the job's
	 * code.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> expectedFromSql(long program) {
		Map<String, Object> row = this.jdbc
			.sql("SELECT tenant_id, kpi_target_json::text AS kpi FROM programs WHERE id = :id")
			.param("id", program)
			.query()
			.singleRow();
		Map<String, Long> byStatus = new LinkedHashMap<>();
		for (String status : List.of("invited", "active", "paused", "completed", "withdrawn")) {
			byStatus.put(status,
					this.jdbc.sql("SELECT count(*) FROM enrollments WHERE program_id = :id AND status = :status")
						.param("id", program)
						.param("status", status)
						.query(Long.class)
						.single());
		}
		Timestamp latest = this.jdbc.sql("SELECT max(updated_at) FROM enrollments WHERE program_id = :id")
			.param("id", program)
			.query((rs, index) -> rs.getTimestamp(1))
			.list()
			.get(0);
		long participants = byStatus.values().stream().mapToLong(Long::longValue).sum() - byStatus.get("withdrawn");
		Map<String, Object> kpis = new TreeMap<>();
		JsonNode targets = this.json.readTree((String) row.get("kpi"));
		for (Map.Entry<String, JsonNode> target : targets.properties()) {
			Number actual = switch (target.getKey()) {
				case "participants" -> participants;
				case "completions" -> byStatus.get("completed");
				case "activeShare" -> (participants > 0) ? round(byStatus.get("active") / (double) participants) : null;
				default -> null;
			};
			Map<String, Object> kpi = new LinkedHashMap<>();
			kpi.put("target", target.getValue().numberValue());
			kpi.put("actual", actual);
			kpi.put("progress",
					(actual != null) ? round(actual.doubleValue() / target.getValue().doubleValue()) : null);
			kpis.put(target.getKey(), kpi);
		}
		Date watermark = (latest != null) ? Date.from(latest.toInstant().truncatedTo(ChronoUnit.MILLIS)) : null;
		Map<String, Object> hashed = new TreeMap<>();
		hashed.put("programId", program);
		hashed.put("tenantId", row.get("tenant_id"));
		hashed.put("participantsCount", participants);
		hashed.put("byStatus", byStatus);
		hashed.put("kpiProgress", kpis);
		hashed.put("sourceWatermark", (watermark != null) ? OverviewProjection.instant(watermark.toInstant()) : null);
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("tenantId", row.get("tenant_id"));
		expected.put("participantsCount", participants);
		expected.put("byStatus", new Document(new LinkedHashMap<>(byStatus)));
		Document kpiDocument = new Document();
		kpis.forEach((name, kpi) -> kpiDocument.put(name, new Document((Map<String, Object>) kpi)));
		expected.put("kpiProgress", kpiDocument);
		expected.put("sourceWatermark", watermark);
		expected.put("projectionHash", this.canonical.sha256Hex(hashed));
		return expected;
	}

	private static double round(double value) {
		return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
	}

}
