package io.nightshift.testsupport;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resets the stores between tests. */
public final class Databases {

	private Databases() {
	}

	/**
	 * Empties every table but Flyway's history and the scheduler's, and every Mongo
	 * collection (keeping their indexes). Triggers are bypassed so that append-only
	 * tables can be reset too.
	 */
	public static void reset(JdbcClient jdbc, MongoTemplate mongo) {
		List<String> tables = jdbc.sql("""
				SELECT quote_ident(tablename) FROM pg_tables
				 WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'
				   AND tablename NOT LIKE 'qrtz\\_%'
				""").query(String.class).list();
		// One statement, so that the role change and the truncation share a connection
		// and a transaction.
		jdbc.sql("DO $$ BEGIN SET LOCAL session_replication_role = replica; EXECUTE 'TRUNCATE "
				+ String.join(", ", tables) + " CASCADE'; END $$")
			.update();
		for (String collection : mongo.getCollectionNames()) {
			mongo.remove(new Query(), collection);
		}
	}

	/** Removes every job, trigger and scheduler record from the Quartz tables. */
	public static void resetScheduler(JdbcClient jdbc) {
		jdbc.sql("""
				TRUNCATE qrtz_fired_triggers, qrtz_simple_triggers, qrtz_cron_triggers, qrtz_simprop_triggers,
				         qrtz_blob_triggers, qrtz_triggers, qrtz_job_details, qrtz_calendars, qrtz_paused_trigger_grps,
				         qrtz_scheduler_state
				""").update();
	}

	public static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
