package io.nightshift.platform.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.json.CanonicalJson;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@NightshiftTest
class DemoSeederTests {

	private static final DemoSpec SPEC = new DemoSpec(DemoScale.SMALL, 3, 5, 7, LocalDate.of(2026, 11, 20));

	@Autowired
	DemoSeeder seeder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	CanonicalJson canonical;

	@Autowired
	JsonMapper json;

	@BeforeEach
	void reset() {
		Databases.reset(this.jdbc, this.mongo);
	}

	@Test
	void everyTableAndCollectionGetsRealisticData() {
		DemoSummary summary = this.seeder.seed(SPEC, false);

		assertThat(summary.tenants()).containsExactly("acme", "globex", "initech");
		summary.rows().forEach((table, rows) -> assertThat(rows).as(table).isPositive());
		summary.documents().forEach((collection, documents) -> assertThat(documents).as(collection).isPositive());
		assertThat(this.jdbc.sql("SELECT DISTINCT status FROM enrollments").query(String.class).list())
			.containsExactlyInAnyOrder("invited", "active", "paused", "completed", "withdrawn");
		assertThat(this.jdbc.sql("SELECT DISTINCT stream_type FROM events").query(String.class).list())
			.containsExactlyInAnyOrder("specialist", "sortie", "mission", "checkpoint");
		assertThat(this.jdbc.sql("SELECT count(*) FROM build_metrics WHERE cached").query(Long.class).single())
			.isPositive();
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM build_metrics WHERE status = 'failed'").query(Long.class).single())
			.isPositive();
		Map<String, Object> spread = this.jdbc.sql("""
				SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
				       percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99
				  FROM build_metrics WHERE NOT cached AND project = 'web' AND target = 'e2e'
				""").query().singleRow();
		assertThat((Double) spread.get("p99")).as("long-tailed durations")
			.isGreaterThan(2 * (Double) spread.get("p50"));
		assertThat(this.jdbc
			.sql("""
					SELECT count(*) FROM build_metrics
					 WHERE finished_at < TIMESTAMPTZ '2026-11-16 00:00:00Z' OR finished_at >= TIMESTAMPTZ '2026-11-21 00:00:00Z'
					""")
			.query(Long.class)
			.single()).as("every task finishes inside the window").isZero();
	}

	@Test
	void metaHashesAreTheCanonicalHashOfMeta() {
		this.seeder.seed(SPEC, false);

		List<Map<String, Object>> rows = this.jdbc.sql("SELECT meta::text AS meta, meta_hash FROM enrollments")
			.query()
			.listOfRows();
		assertThat(rows).isNotEmpty();
		for (Map<String, Object> row : rows) {
			assertThat(this.canonical.sha256Hex(this.json.readTree((String) row.get("meta"))))
				.isEqualTo(((String) row.get("meta_hash")).trim());
		}
	}

	@Test
	void theSameSpecGivesTheSameDataAndAFullDatabaseIsRefused() {
		this.seeder.seed(SPEC, false);
		String first = fingerprint();

		assertThatThrownBy(() -> this.seeder.seed(SPEC, false)).isInstanceOf(NightshiftException.class)
			.hasMessageContaining("--replace")
			.satisfies((ex) -> assertThat(((NightshiftException) ex).exitCode()).isEqualTo(ExitCodes.USAGE));

		this.seeder.seed(SPEC, true);
		assertThat(fingerprint()).isEqualTo(first);

		this.seeder.seed(new DemoSpec(DemoScale.SMALL, 3, 5, 8, SPEC.endDate()), true);
		assertThat(fingerprint()).as("another seed, other data").isNotEqualTo(first);
	}

	private String fingerprint() {
		StringBuilder print = new StringBuilder();
		for (String query : List.of("SELECT md5(string_agg(u::text, '|' ORDER BY id)) FROM users u",
				"SELECT md5(string_agg(p::text, '|' ORDER BY id)) FROM programs p",
				"SELECT md5(string_agg(e::text, '|' ORDER BY id)) FROM enrollments e",
				"SELECT md5(string_agg(concat_ws(',', tenant_id, run_id, project, target, status, duration_ms, cached, started_at), '|' ORDER BY run_id, project, target)) FROM build_metrics",
				"SELECT md5(string_agg(concat_ws(',', stream_id, sequence_number, event_type, data::text, created_at), '|' ORDER BY stream_id, sequence_number)) FROM events")) {
			print.append(this.jdbc.sql(query).query(String.class).single()).append(';');
		}
		for (String collection : List.of("quality_runs", "telemetry_events", "program_interest")) {
			List<Document> documents = this.mongo.getCollection(collection)
				.find()
				.sort(new Document("_id", 1))
				.into(new java.util.ArrayList<>());
			print.append(collection).append('=').append(documents.hashCode()).append(';');
		}
		return print.toString();
	}

}
