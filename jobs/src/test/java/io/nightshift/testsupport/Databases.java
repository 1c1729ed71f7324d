package io.nightshift.testsupport;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resets the stores between tests. */
public final class Databases {

	private static final List<String> COLLECTIONS = List.of("telemetry_events", "quality_runs", "program_interest",
			"program_overview");

	private Databases() {
	}

	/**
	 * Empties the job repository, the launch audit, the leases and the domain tables and
	 * collections.
	 */
	public static void reset(JdbcClient jdbc, MongoTemplate mongo) {
		resetJobHistory(jdbc);
		jdbc.sql("TRUNCATE tenants, users, programs, enrollments, build_metrics, perf_aggregate, events CASCADE")
			.update();
		for (String collection : COLLECTIONS) {
			mongo.remove(new org.bson.Document(), collection);
		}
	}

	public static void resetJobHistory(JdbcClient jdbc) {
		jdbc.sql("""
				TRUNCATE batch_step_execution_context, batch_job_execution_context, batch_step_execution,
				         batch_job_execution_params, batch_job_execution, batch_job_instance, launch_audit, run_leases
				""").update();
	}

	public static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
