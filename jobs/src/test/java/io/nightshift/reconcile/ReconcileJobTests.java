package io.nightshift.reconcile;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.demo.DemoSeeder;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.testsupport.CliHarness;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@NightshiftTest
class ReconcileJobTests {

	private static final String JOB = "reconcile";

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
	ConfigurableApplicationContext context;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		Overviews.seed(this.seeder);
		LaunchOutcome rebuild = Overviews.run(this.launcher, "projection-rebuild", "all", Map.of());
		assertThat(rebuild.exitCode()).as(rebuild.message()).isEqualTo(ExitCodes.COMPLETED);
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(JOB);
	}

	@Test
	void zeroDifferencesAfterARebuildOfTheDemoData() {
		LaunchOutcome reconcile = Overviews.run(this.launcher, JOB, "all", Map.of("fail-on-drift", "true"));

		assertThat(reconcile.exitCode()).as(reconcile.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		long programs = Overviews.programIds(this.jdbc, "all").size();
		assertThat(run).containsEntry("outcome", "clean")
			.containsEntry("run_date", java.sql.Date.valueOf(Overviews.DAY))
			.containsEntry("tenant", "all")
			.containsEntry("execution_id", reconcile.executionId());
		assertThat(Overviews.count(run, "expected")).isEqualTo(programs);
		assertThat(Overviews.count(run, "actual")).isEqualTo(programs);
		assertThat(drift(run)).isZero();
		assertThat(Databases.count(this.jdbc, "reconcile_discrepancies")).isZero();
		assertThat(run.get("finished_at")).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(longs = { 7, 1234 })
	void randomDriftIsFoundExactlyByKind(long seed) {
		Drift drift = injectDrift(new SplittableRandom(seed), "all");

		LaunchOutcome reconcile = Overviews.run(this.launcher, JOB, "all", Map.of());

		assertThat(reconcile.exitCode()).as(reconcile.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(run).containsEntry("outcome", "drift");
		assertThat(Overviews.count(run, "missing")).isEqualTo(drift.missing().size());
		assertThat(Overviews.count(run, "extra")).isEqualTo(drift.extra().size());
		assertThat(Overviews.count(run, "mismatched")).isEqualTo(drift.mismatched().size());
		assertThat(Overviews.count(run, "meta_hash_mismatches")).isEqualTo(drift.meta().size());
		assertThat(Overviews.recorded(this.jdbc, "missing")).isEqualTo(drift.missing());
		assertThat(Overviews.recorded(this.jdbc, "extra")).isEqualTo(drift.extra());
		assertThat(Overviews.recorded(this.jdbc, "mismatched")).isEqualTo(drift.mismatched());
		assertThat(Overviews.recorded(this.jdbc, "meta_hash")).isEqualTo(drift.meta());
		for (String key : drift.changedCount()) {
			assertThat(diff("mismatched", key)).contains("\"/participantsCount\"").doesNotContain("/byStatus");
		}
		for (String key : drift.changedKpi()) {
			assertThat(diff("mismatched", key)).contains("\"/kpiProgress/participants/progress\"")
				.contains("\"actual\":0.999");
		}
		assertThat(diff("missing", drift.missing().first())).startsWith("{\"expected\":{");
		assertThat(diff("meta_hash", drift.meta().first())).contains("\"stored\"").contains("\"computed\"");
	}

	@Test
	void differentRepresentationsOfTheSameValuesAreNotDrift() {
		for (Document document : Overviews.overviews(this.mongo).find()) {
			Document rewritten = new Document();
			List<String> fields = new ArrayList<>(document.keySet());
			Collections.reverse(fields);
			for (String field : fields) {
				rewritten.put(field, document.get(field));
			}
			rewritten.put("participantsCount", document.getLong("participantsCount").intValue());
			Document byStatus = new Document();
			document.get("byStatus", Document.class)
				.forEach((status, n) -> byStatus.put(status, ((Long) n).intValue()));
			rewritten.put("byStatus", byStatus);
			Document kpis = new Document();
			document.get("kpiProgress", Document.class).forEach((name, value) -> {
				Document kpi = new Document((Document) value);
				if (kpi.get("target") instanceof Number target) {
					kpi.put("target", target.doubleValue());
				}
				if (kpi.get("progress") instanceof Double progress) {
					kpi.put("progress", new Decimal128(new BigDecimal(progress.toString()).setScale(6)));
				}
				kpis.put(name, kpi);
			});
			rewritten.put("kpiProgress", kpis);
			if (document.getDate("sourceWatermark") != null) {
				rewritten.put("sourceWatermark",
						document.getDate("sourceWatermark").toInstant().atOffset(ZoneOffset.ofHours(2)).toString());
			}
			Overviews.overviews(this.mongo).replaceOne(Filters.eq("_id", document.get("_id")), rewritten);
		}
		// meta with its keys in another order and a number with trailing zeros: the same
		// canonical form.
		long enrollment = this.jdbc.sql("SELECT min(id) FROM enrollments").query(Long.class).single();
		this.jdbc.sql("""
				UPDATE enrollments
				   SET meta = jsonb_set(meta, '{score}', to_jsonb((meta->>'score')::numeric * 1.000))
				 WHERE id = :id""").param("id", enrollment).update();
		assertThat(this.jdbc.sql("SELECT meta->>'score' FROM enrollments WHERE id = :id")
			.param("id", enrollment)
			.query(String.class)
			.single()).endsWith("000");
		assertThat(Overviews.overviews(this.mongo).find().first().get("participantsCount")).isInstanceOf(Integer.class);

		LaunchOutcome reconcile = Overviews.run(this.launcher, JOB, "all", Map.of("fail-on-drift", "true"));

		assertThat(reconcile.exitCode()).as(reconcile.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(drift(Overviews.lastRun(this.jdbc))).isZero();
	}

	@Test
	void repairReProjectsOnlyTheDifferingDocumentsAndAReconcileAfterwardsFindsNothing() {
		Drift drift = injectDocumentDrift(new SplittableRandom(99), "all");
		Map<Object, Date> projectedBefore = projectedAt();

		LaunchOutcome repair = Overviews.run(this.launcher, JOB, "all", Map.of("repair", "true"));

		assertThat(repair.exitCode()).as(repair.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		long differing = drift.missing().size() + drift.extra().size() + drift.mismatched().size();
		assertThat(Overviews.count(run, "repaired")).isEqualTo(differing);
		assertThat(Overviews.count(run, "skipped_newer")).isZero();
		assertThat(run).containsEntry("outcome", "repaired").containsEntry("repair", true);
		assertThat(this.jdbc.sql("SELECT count(*) FROM reconcile_discrepancies WHERE NOT repaired")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT DISTINCT state FROM reconcile_repairs").query(String.class).list())
			.containsExactly("repaired");
		Map<Object, Date> projectedAfter = projectedAt();
		TreeSet<String> rewritten = new TreeSet<>();
		projectedAfter.forEach((id, at) -> {
			if (!at.equals(projectedBefore.get(id))) {
				rewritten.add(id.toString());
			}
		});
		TreeSet<String> expectedRewritten = new TreeSet<>(drift.missing());
		expectedRewritten.addAll(drift.mismatched());
		assertThat(rewritten).as("only the differing documents are written").isEqualTo(expectedRewritten);
		assertThat(projectedAfter.keySet().stream().map(Object::toString).collect(Collectors.toSet()))
			.doesNotContainAnyElementsOf(drift.extra());

		LaunchOutcome again = Overviews.rerun(this.launcher, JOB, "all", Map.of("fail-on-drift", "true"));

		assertThat(again.exitCode()).as(again.message()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(drift(Overviews.lastRun(this.jdbc))).isZero();
	}

	@Test
	void aDocumentWithANewerWatermarkIsNeverOverwritten() {
		long program = Overviews.programIds(this.jdbc, "all").get(3);
		Date future = Date.from(Overviews.DAY.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant());
		Overviews.overviews(this.mongo)
			.updateOne(Filters.eq("_id", program),
					Updates.combine(Updates.inc("participantsCount", 5L), Updates.set("sourceWatermark", future)));
		Document before = Overviews.overviews(this.mongo).find(Filters.eq("_id", program)).first();

		LaunchOutcome repair = Overviews.run(this.launcher, JOB, "all",
				Map.of("repair", "true", "fail-on-drift", "true"));

		assertThat(repair.exitCode()).as(repair.message()).isEqualTo(ExitCodes.CHECK_FAILED);
		assertThat(repair.message()).contains("1 mismatched").contains("1 left alone");
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(run, "mismatched")).isEqualTo(1);
		assertThat(Overviews.count(run, "skipped_newer")).isEqualTo(1);
		assertThat(Overviews.count(run, "repaired")).isZero();
		assertThat(run).containsEntry("outcome", "drift");
		assertThat(this.jdbc.sql("SELECT state FROM reconcile_repairs").query(String.class).single())
			.isEqualTo("skipped_newer");
		assertThat(Overviews.overviews(this.mongo).find(Filters.eq("_id", program)).first()).isEqualTo(before);
	}

	@Test
	void aTenantRunSeesAndRepairsOnlyThatTenant() {
		Drift acme = injectDrift(new SplittableRandom(5), "acme");
		Drift globex = injectDrift(new SplittableRandom(6), "globex");

		LaunchOutcome reconcile = Overviews.run(this.launcher, JOB, "acme", Map.of("repair", "true"));

		assertThat(reconcile.exitCode()).as(reconcile.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(run).containsEntry("tenant", "acme");
		assertThat(Overviews.count(run, "expected")).isEqualTo(Overviews.programIds(this.jdbc, "acme").size());
		assertThat(Overviews.recorded(this.jdbc, "missing")).isEqualTo(acme.missing());
		assertThat(Overviews.recorded(this.jdbc, "extra")).isEqualTo(acme.extra());
		assertThat(Overviews.recorded(this.jdbc, "mismatched")).isEqualTo(acme.mismatched());
		assertThat(Overviews.recorded(this.jdbc, "meta_hash")).isEqualTo(acme.meta());
		assertThat(this.jdbc.sql("SELECT DISTINCT tenant_id FROM reconcile_discrepancies").query(String.class).list())
			.containsExactly("acme");

		LaunchOutcome globexRun = Overviews.run(this.launcher, JOB, "globex", Map.of());

		assertThat(globexRun.exitCode()).as(globexRun.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> globexReport = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(globexReport, "missing")).as("acme's repair left globex alone")
			.isEqualTo(globex.missing().size());
		assertThat(Overviews.count(globexReport, "mismatched")).isEqualTo(globex.mismatched().size());
		assertThat(Overviews.count(globexReport, "extra")).isEqualTo(globex.extra().size());
	}

	@Test
	void theCapLimitsTheRowsAndCountsTheRest() {
		Drift drift = injectDrift(new SplittableRandom(3), "all");
		long total = drift.missing().size() + drift.extra().size() + drift.mismatched().size() + drift.meta().size();

		LaunchOutcome reconcile = Overviews.run(this.launcher, JOB, "all",
				Map.of("discrepancy-cap", "3", "grid-size", "3"));

		assertThat(reconcile.exitCode()).as(reconcile.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(run, "discrepancies_recorded")).isEqualTo(3);
		assertThat(Overviews.count(run, "discrepancies_beyond_cap")).isEqualTo(total - 3);
		assertThat(Databases.count(this.jdbc, "reconcile_discrepancies")).isEqualTo(3);
		assertThat(drift(run)).isEqualTo(total);
	}

	@Test
	void aRunThatFailsInTheMiddleOfTheMergeIsRestartedWithExactTotals() {
		Drift drift = injectDrift(new SplittableRandom(21), "all");
		long keys = Overviews.programIds(this.jdbc, "all").size() + drift.extra().size();
		this.faults.failAfterItems(JOB, 6);
		Map<String, String> settings = Map.of("grid-size", "1", "chunk-size", "2");

		LaunchOutcome failed = Overviews.run(this.launcher, JOB, "all", settings);

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.message()).contains("injected fault");
		Map<String, Object> partial = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(partial, "expected") + Overviews.count(partial, "extra"))
			.as("three chunks of two committed")
			.isEqualTo(6);

		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(Databases.count(this.jdbc, "reconcile_runs")).isEqualTo(1);
		assertThat(run).containsEntry("execution_id", restarted.executionId());
		assertThat(Overviews.count(run, "expected")).isEqualTo(Overviews.programIds(this.jdbc, "all").size());
		assertThat(Overviews.count(run, "missing")).isEqualTo(drift.missing().size());
		assertThat(Overviews.count(run, "extra")).isEqualTo(drift.extra().size());
		assertThat(Overviews.count(run, "mismatched")).isEqualTo(drift.mismatched().size());
		assertThat(Overviews.count(run, "meta_hash_mismatches")).isEqualTo(drift.meta().size());
		assertThat(Overviews.recorded(this.jdbc, "missing")).isEqualTo(drift.missing());
		assertThat(Overviews.recorded(this.jdbc, "mismatched")).isEqualTo(drift.mismatched());
		assertThat(Overviews.recorded(this.jdbc, "meta_hash")).isEqualTo(drift.meta());
		assertThat(this.jdbc.sql("SELECT count(*) - count(DISTINCT (kind, entity_key)) FROM reconcile_discrepancies")
			.query(Long.class)
			.single()).as("nothing recorded twice").isZero();
		assertThat(workerReadCount(restarted.executionId())).as("the restart reads only what was not committed")
			.isEqualTo(keys - 6);
	}

	@Test
	void aRunThatFailsInTheMiddleOfTheMetaHashCheckIsRestartedWithExactTotals() {
		List<Long> enrollments = this.jdbc.sql("SELECT id FROM enrollments ORDER BY id").query(Long.class).list();
		TreeSet<String> tampered = new TreeSet<>();
		for (int i = 5; i < enrollments.size() && tampered.size() < 5; i += 25) {
			this.jdbc.sql("UPDATE enrollments SET meta = meta || '{\"tampered\": 1}'::jsonb WHERE id = :id")
				.param("id", enrollments.get(i))
				.update();
			tampered.add(Long.toString(enrollments.get(i)));
		}
		long keys = Overviews.programIds(this.jdbc, "all").size();
		// The compare step writes every key, the meta-hash step one block of ten
		// enrollments per chunk; it fails on its fifth block, after two tampered ones.
		this.faults.failAfterItems(JOB, keys + 4);
		Map<String, String> settings = Map.of("grid-size", "1", "meta-chunk-size", "10");

		LaunchOutcome failed = Overviews.run(this.launcher, JOB, "all", settings);

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.message()).contains("injected fault");
		assertThat(Overviews.count(Overviews.lastRun(this.jdbc), "meta_hash_mismatches")).isEqualTo(2);

		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(run, "meta_hash_mismatches")).isEqualTo(5);
		assertThat(Overviews.count(run, "meta_checked")).isEqualTo(enrollments.size());
		assertThat(Overviews.count(run, "expected")).isEqualTo(keys);
		assertThat(Overviews.recorded(this.jdbc, "meta_hash")).isEqualTo(tampered);
		assertThat(Databases.count(this.jdbc, "reconcile_discrepancies")).isEqualTo(5);
	}

	@Test
	void aRepairReplayedAfterAFailureIsNotAppliedTwice() {
		Drift drift = injectDocumentDrift(new SplittableRandom(42), "all");
		long keys = Overviews.programIds(this.jdbc, "all").size() + drift.extra().size();
		long differing = drift.missing().size() + drift.extra().size() + drift.mismatched().size();
		// The compare step writes every key, the meta-hash step one block; the repair
		// fails
		// in its second chunk, after that chunk's documents were written to Mongo and
		// before its report commits.
		this.faults.failAfterItems(JOB, keys + 1 + 2);
		Map<String, String> settings = Map.of("grid-size", "1", "chunk-size", "2", "repair", "true");

		LaunchOutcome failed = Overviews.run(this.launcher, JOB, "all", settings);

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		assertThat(this.jdbc.sql("SELECT count(*) FROM reconcile_repairs WHERE state = 'pending'")
			.query(Long.class)
			.single()).isEqualTo(differing - 2);
		Map<Object, Date> afterFailure = projectedAt();

		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("resume"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(run, "repaired")).isEqualTo(differing);
		assertThat(run).containsEntry("outcome", "repaired");
		afterFailure
			.forEach((id, at) -> assertThat(projectedAt().get(id)).as("document %s written once", id).isEqualTo(at));
		LaunchOutcome again = Overviews.rerun(this.launcher, JOB, "all", Map.of("fail-on-drift", "true"));
		assertThat(again.exitCode()).as(again.message()).isEqualTo(ExitCodes.COMPLETED);
	}

	@Test
	void failOnDriftExitsSixWhenDriftRemains() {
		injectDrift(new SplittableRandom(8), "all");

		LaunchOutcome reconcile = Overviews.run(this.launcher, JOB, "all", Map.of("fail-on-drift", "true"));

		assertThat(reconcile.exitCode()).as(reconcile.message()).isEqualTo(ExitCodes.CHECK_FAILED);
		assertThat(reconcile.status()).isEqualTo("COMPLETED");
		assertThat(reconcile.message()).contains("check failed").contains("drift remains");
	}

	@Test
	void aDocumentWhoseIdIsNoProgramIdIsExtra() {
		Overviews.overviews(this.mongo).insertOne(new Document("_id", "stray-1").append("tenantId", "acme"));

		LaunchOutcome reconcile = Overviews.run(this.launcher, JOB, "all", Map.of());

		assertThat(reconcile.exitCode()).as(reconcile.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(run, "extra")).isEqualTo(1);
		assertThat(Overviews.count(run, "actual")).isEqualTo(Overviews.programIds(this.jdbc, "all").size() + 1);
		assertThat(Overviews.recorded(this.jdbc, "extra")).containsExactly("stray-1");
	}

	@Test
	void theDriftCommandShowsARunAndItsDiscrepancies() {
		CliHarness cli = new CliHarness(this.context);
		assertThat(cli.run("drift").exitCode()).as("no run yet").isEqualTo(ExitCodes.NOT_FOUND);
		Drift drift = injectDrift(new SplittableRandom(17), "all");
		Overviews.run(this.launcher, JOB, "all", Map.of());

		CliHarness.Result table = cli.run("drift");
		CliHarness.Result json = cli.run("drift", "--kind", "mismatched", "-o", "json");
		CliHarness.Result badKind = cli.run("drift", "--kind", "odd");

		assertThat(table.exitCode()).as(table.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
		assertThat(table.out()).contains("1 missing, 1 extra, 2 mismatched, 3 meta-hash")
			.contains(drift.missing().first())
			.contains("meta_hash");
		assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
		tools.jackson.databind.JsonNode report = this.json.readTree(json.out());
		assertThat(report.at("/run/mismatched").asLong()).isEqualTo(2);
		assertThat(report.at("/run/outcome").asString()).isEqualTo("drift");
		List<String> kinds = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		report.get("discrepancies").forEach((row) -> {
			kinds.add(row.get("kind").asString());
			keys.add(row.get("entityKey").asString());
		});
		assertThat(kinds).containsOnly("mismatched");
		assertThat(new TreeSet<>(keys)).isEqualTo(drift.mismatched());
		assertThat(badKind.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(badKind.err()).contains("--kind odd");
	}

	@Test
	void badSettingsAreRefusedWithTheKeyNamedAndNothingWritten() {
		CliHarness cli = new CliHarness(this.context);
		long executions = Databases.count(this.jdbc, "batch_job_execution");
		String[][] cases = { { "--set", "speed=11" }, { "--set", "repair=maybe" }, { "--set", "discrepancy-cap=-1" },
				{ "--set", "grid-size=0" }, { "--set", "chunk-size=many" }, { "--set", "fail-on-drift=2" } };
		String[] names = { "--set speed: unknown key", "--set repair", "--set discrepancy-cap", "--set grid-size",
				"--set chunk-size", "--set fail-on-drift" };
		for (int i = 0; i < cases.length; i++) {
			CliHarness.Result result = cli.run("run", JOB, "--date", Overviews.DAY.toString(), cases[i][0],
					cases[i][1]);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
			assertThat(result.err()).contains(names[i]);
		}
		CliHarness.Result tenant = cli.run("run", JOB, "--date", Overviews.DAY.toString(), "--tenant", "nobody");
		assertThat(tenant.exitCode()).as(tenant.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(tenant.err()).contains("--tenant nobody");

		assertThat(Databases.count(this.jdbc, "batch_job_execution")).isEqualTo(executions);
		assertThat(Databases.count(this.jdbc, "reconcile_runs")).isZero();
	}

	private long workerReadCount(long executionId) {
		JobExecution execution = this.repository.getJobExecution(executionId);
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().startsWith(ReconcileJobConfiguration.WORKER + ":"))
			.mapToLong(StepExecution::getReadCount)
			.sum();
	}

	private String diff(String kind, String key) {
		return this.jdbc.sql("SELECT diff FROM reconcile_discrepancies WHERE kind = :kind AND entity_key = :key")
			.param("kind", kind)
			.param("key", key)
			.query(String.class)
			.single();
	}

	private Map<Object, Date> projectedAt() {
		Map<Object, Date> projected = new HashMap<>();
		Overviews.overviews(this.mongo)
			.find()
			.forEach((document) -> projected.put(document.get("_id"), document.getDate("projectedAt")));
		return projected;
	}

	private static long drift(Map<String, Object> run) {
		return Overviews.count(run, "missing") + Overviews.count(run, "extra") + Overviews.count(run, "mismatched")
				+ Overviews.count(run, "meta_hash_mismatches");
	}

	/** Document drift of every kind and tampered meta, in one tenant or all. */
	private Drift injectDrift(SplittableRandom random, String tenant) {
		Drift drift = injectDocumentDrift(random, tenant);
		List<Long> enrollments = new ArrayList<>(
				this.jdbc.sql("SELECT id FROM enrollments WHERE (:tenant = 'all' OR tenant_id = :tenant) ORDER BY id")
					.param("tenant", tenant)
					.query(Long.class)
					.list());
		Collections.shuffle(enrollments, new java.util.Random(random.nextLong()));
		for (long id : enrollments.subList(0, 3)) {
			this.jdbc.sql("UPDATE enrollments SET meta = meta || '{\"tampered\": true}'::jsonb WHERE id = :id")
				.param("id", id)
				.update();
			drift.meta().add(Long.toString(id));
		}
		return drift;
	}

	private Drift injectDocumentDrift(SplittableRandom random, String tenant) {
		List<Long> programs = new ArrayList<>(Overviews.programIds(this.jdbc, tenant));
		Collections.shuffle(programs, new java.util.Random(random.nextLong()));
		Drift drift = new Drift(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
				new TreeSet<>());
		var overviews = Overviews.overviews(this.mongo);
		long maxProgram = this.jdbc.sql("SELECT max(id) FROM programs").query(Long.class).single();
		String extraTenant = "all".equals(tenant) ? "acme" : tenant;
		for (long id : programs.subList(0, 1)) {
			overviews.deleteOne(Filters.eq("_id", id));
			drift.missing().add(Long.toString(id));
		}
		for (long id : programs.subList(1, 2)) {
			overviews.updateOne(Filters.eq("_id", id), Updates.inc("participantsCount", 1L + random.nextInt(5)));
			drift.changedCount().add(Long.toString(id));
		}
		for (long id : programs.subList(2, 3)) {
			overviews.updateOne(Filters.eq("_id", id), Updates.set("kpiProgress.participants.progress", 0.999));
			drift.changedKpi().add(Long.toString(id));
		}
		drift.mismatched().addAll(drift.changedCount());
		drift.mismatched().addAll(drift.changedKpi());
		Document template = overviews.find(Filters.eq("_id", programs.get(3))).first();
		long extraId = maxProgram + 100 + random.nextInt(1000) + ("globex".equals(tenant) ? 5000 : 0);
		overviews.insertOne(new Document(template).append("_id", extraId).append("tenantId", extraTenant));
		drift.extra().add(Long.toString(extraId));
		return drift;
	}

	record Drift(TreeSet<String> missing, TreeSet<String> extra, TreeSet<String> mismatched,
			TreeSet<String> changedCount, TreeSet<String> changedKpi, TreeSet<String> meta) {

	}

}
