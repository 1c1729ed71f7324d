package io.nightshift.reconcile;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.mongodb.client.MongoCollection;
import io.nightshift.platform.demo.DemoScale;
import io.nightshift.platform.demo.DemoSeeder;
import io.nightshift.platform.demo.DemoSpec;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixtures of the reconcile family's tests: the demo data, runs, the report. */
final class Overviews {

	static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private Overviews() {
	}

	/** The small demo data set: three tenants (acme, globex, initech). */
	static void seed(DemoSeeder seeder) {
		seeder.seed(new DemoSpec(DemoScale.SMALL, 3, 14, 42, DAY), false);
	}

	static LaunchOutcome run(LaunchService launcher, String job, String tenant, Map<String, String> settings) {
		return launcher
			.run(new LaunchRequest(job, DAY, tenant, settings, new Requester(Trigger.OPERATOR, "tester", null)));
	}

	static LaunchOutcome rerun(LaunchService launcher, String job, String tenant, Map<String, String> settings) {
		return launcher.rerun(new LaunchRequest(job, DAY, tenant, settings,
				new Requester(Trigger.OPERATOR, "tester", "check again")));
	}

	static MongoCollection<Document> overviews(MongoTemplate mongo) {
		return mongo.getCollection(OverviewProjection.COLLECTION);
	}

	/** The report row of the latest reconcile run. */
	static Map<String, Object> lastRun(JdbcClient jdbc) {
		return jdbc.sql("SELECT * FROM reconcile_runs ORDER BY id DESC LIMIT 1").query().singleRow();
	}

	/** Entity keys of the latest run's discrepancy rows of one kind, sorted. */
	static TreeSet<String> recorded(JdbcClient jdbc, String kind) {
		List<String> keys = jdbc.sql("""
				SELECT entity_key FROM reconcile_discrepancies
				 WHERE run_id = (SELECT max(id) FROM reconcile_runs) AND kind = :kind""")
			.param("kind", kind)
			.query(String.class)
			.list();
		return new TreeSet<>(keys);
	}

	static List<Long> programIds(JdbcClient jdbc, String tenant) {
		return jdbc.sql("SELECT id FROM programs WHERE (:tenant = 'all' OR tenant_id = :tenant) ORDER BY id")
			.param("tenant", tenant)
			.query(Long.class)
			.list();
	}

	static long count(Map<String, Object> row, String column) {
		return ((Number) row.get(column)).longValue();
	}

}
