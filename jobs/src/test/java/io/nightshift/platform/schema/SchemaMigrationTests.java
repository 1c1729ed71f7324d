package io.nightshift.platform.schema;

import java.util.List;

import javax.sql.DataSource;

import io.nightshift.testsupport.NightshiftTest;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@NightshiftTest
class SchemaMigrationTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void flywayMigratesAnEmptyDatabaseAndASecondStartChangesNothing() throws Exception {
		String url;
		try (var connection = this.dataSource.getConnection()) {
			url = connection.getMetaData().getURL();
		}
		this.jdbc.sql("DROP DATABASE IF EXISTS migration_check").update();
		this.jdbc.sql("CREATE DATABASE migration_check").update();
		String fresh = url.replaceFirst("/[^/?]+(\\?|$)", "/migration_check$1");
		SingleConnectionDataSource empty = new SingleConnectionDataSource(fresh, "postgres", "", true);
		try {
			Flyway flyway = Flyway.configure().dataSource(empty).locations("classpath:db/migration").load();

			MigrateResult first = flyway.migrate();
			MigrateResult second = flyway.migrate();

			assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(16);
			assertThat(second.migrationsExecuted).isZero();
			List<String> tables = JdbcClient.create(empty)
				.sql("SELECT lower(tablename) FROM pg_tables WHERE schemaname = 'public'")
				.query(String.class)
				.list();
			assertThat(tables).contains("batch_job_instance", "batch_job_execution", "batch_step_execution",
					"qrtz_triggers", "qrtz_locks", "tenants", "users", "programs", "enrollments", "build_metrics",
					"perf_aggregate", "events", "launch_audit", "run_leases", "ledger_snapshots", "reconcile_runs");
			assertThat(flyway.info().pending()).isEmpty();
		}
		finally {
			empty.destroy();
			this.jdbc.sql("DROP DATABASE migration_check").update();
		}
	}

	@Test
	void theBatchIndexesItsDdlLacksExist() {
		List<String> indexes = this.jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'batch_%'")
			.query(String.class)
			.list();

		assertThat(indexes).contains("batch_job_execution_status_start_idx", "batch_job_execution_instance_idx",
				"batch_step_execution_job_execution_idx", "batch_job_execution_params_execution_idx");
	}

	@Test
	void theLedgerIsAppendOnlyExceptForRedaction() {
		this.jdbc.sql("INSERT INTO tenants (id, name) VALUES ('ledger-t', 'L') ON CONFLICT DO NOTHING").update();
		long id = this.jdbc.sql("""
				INSERT INTO ledger_snapshots (tenant_id, kind, period, revision, seq, schema_version, coverage, payload,
				                              content_hash, prev_hash, chain_hash, captured_at)
				VALUES ('ledger-t', 'daily', DATE '2026-11-20', 1, 1, 1, 'COMPLETE', '{"a":1}'::bytea,
				        repeat('a', 64), repeat('0', 64), repeat('b', 64), now())
				RETURNING id
				""").query(Long.class).single();

		assertThatThrownBy(
				() -> this.jdbc.sql("UPDATE ledger_snapshots SET content_hash = repeat('c', 64) WHERE id = :id")
					.param("id", id)
					.update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM ledger_snapshots WHERE id = :id").param("id", id).update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("TRUNCATE ledger_snapshots").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql(
				"UPDATE ledger_snapshots SET payload = NULL, redacted_at = now(), chain_hash = repeat('d', 64) WHERE id = :id")
			.param("id", id)
			.update()).as("a redaction may not touch the hashes").hasMessageContaining("append-only");

		int redacted = this.jdbc.sql("UPDATE ledger_snapshots SET payload = NULL, redacted_at = now() WHERE id = :id")
			.param("id", id)
			.update();

		assertThat(redacted).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT content_hash FROM ledger_snapshots WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("a".repeat(64));
	}

}
