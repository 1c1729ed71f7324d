package io.nightshift.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reconcile report in SQL: one {@code reconcile_runs} row per run (job instance), one
 * {@code reconcile_discrepancies} row per discrepancy up to the run's cap, and the
 * {@code reconcile_repairs} work list of a repairing run. Every method runs in the
 * caller's transaction (the chunk's), so counts and rows commit or roll back with the
 * chunk that found them.
 */
@Repository
class ReconcileReport {

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate named;

	ReconcileReport(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
		this.jdbc = jdbc;
		this.named = named;
	}

	/**
	 * The report row of the job instance, created on its first execution; a restart
	 * continues it.
	 */
	long open(long jobInstanceId, long executionId, LocalDate date, String tenant, boolean repair, int cap) {
		return this.jdbc.sql("""
				INSERT INTO reconcile_runs (job_instance_id, execution_id, run_date, tenant, repair, discrepancy_cap)
				VALUES (:instance, :execution, :date, :tenant, :repair, :cap)
				ON CONFLICT (job_instance_id) DO UPDATE
				   SET execution_id = excluded.execution_id, finished_at = NULL, outcome = NULL
				RETURNING id""")
			.param("instance", jobInstanceId)
			.param("execution", executionId)
			.param("date", date)
			.param("tenant", tenant)
			.param("repair", repair)
			.param("cap", cap)
			.query(Long.class)
			.single();
	}

	long runId(long jobInstanceId) {
		return this.jdbc.sql("SELECT id FROM reconcile_runs WHERE job_instance_id = :instance")
			.param("instance", jobInstanceId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("no reconcile_runs row for job instance " + jobInstanceId));
	}

	/**
	 * Adds a chunk's findings: its counts, its discrepancies as rows while the run is
	 * under its cap (the rest counted beyond it), and the documents to repair.
	 */
	void record(long runId, Tally tally, List<Discrepancy> discrepancies, List<RepairCandidate> repairs, int cap) {
		// The lock orders concurrent partitions so that the cap holds across them.
		long recorded = this.jdbc.sql("SELECT discrepancies_recorded FROM reconcile_runs WHERE id = :run FOR UPDATE")
			.param("run", runId)
			.query(Long.class)
			.single();
		int room = (int) Math.max(0, Math.min(discrepancies.size(), cap - recorded));
		if (room > 0) {
			List<SqlParameterSource> rows = new ArrayList<>(room);
			for (Discrepancy discrepancy : discrepancies.subList(0, room)) {
				rows.add(new MapSqlParameterSource().addValue("run", runId)
					.addValue("tenant", discrepancy.tenantId())
					.addValue("kind", discrepancy.kind())
					.addValue("key", discrepancy.entityKey())
					.addValue("diff", discrepancy.diff()));
			}
			this.named.batchUpdate("""
					INSERT INTO reconcile_discrepancies (run_id, tenant_id, kind, entity_key, diff)
					VALUES (:run, :tenant, :kind, :key, :diff)""", rows.toArray(SqlParameterSource[]::new));
		}
		if (!repairs.isEmpty()) {
			List<SqlParameterSource> rows = new ArrayList<>(repairs.size());
			for (RepairCandidate repair : repairs) {
				rows.add(new MapSqlParameterSource().addValue("run", runId)
					.addValue("program", repair.programId())
					.addValue("tenant", repair.tenantId())
					.addValue("kind", repair.kind()));
			}
			this.named.batchUpdate("""
					INSERT INTO reconcile_repairs (run_id, program_id, tenant_id, kind)
					VALUES (:run, :program, :tenant, :kind) ON CONFLICT DO NOTHING""",
					rows.toArray(SqlParameterSource[]::new));
		}
		this.jdbc.sql("""
				UPDATE reconcile_runs
				   SET expected = expected + :expected, actual = actual + :actual, missing = missing + :missing,
				       extra = extra + :extra, mismatched = mismatched + :mismatched,
				       meta_hash_mismatches = meta_hash_mismatches + :meta, meta_checked = meta_checked + :metaChecked,
				       discrepancies_recorded = discrepancies_recorded + :recorded,
				       discrepancies_beyond_cap = discrepancies_beyond_cap + :beyond
				 WHERE id = :run""")
			.param("expected", tally.expected())
			.param("actual", tally.actual())
			.param("missing", tally.missing())
			.param("extra", tally.extra())
			.param("mismatched", tally.mismatched())
			.param("meta", tally.metaHash())
			.param("metaChecked", tally.metaChecked())
			.param("recorded", room)
			.param("beyond", discrepancies.size() - room)
			.param("run", runId)
			.update();
	}

	/** Marks repairs done (or skipped) and counts them on the run. */
	void repairsFinished(long runId, Map<Long, String> states, Collection<String> repairedKeys) {
		if (states.isEmpty()) {
			return;
		}
		List<SqlParameterSource> rows = new ArrayList<>(states.size());
		states.forEach((program,
				state) -> rows.add(new MapSqlParameterSource().addValue("run", runId)
					.addValue("program", program)
					.addValue("state", state)));
		this.named.batchUpdate("""
				UPDATE reconcile_repairs SET state = :state, finished_at = now()
				 WHERE run_id = :run AND program_id = :program""", rows.toArray(SqlParameterSource[]::new));
		if (!repairedKeys.isEmpty()) {
			this.jdbc.sql("""
					UPDATE reconcile_discrepancies SET repaired = true
					 WHERE run_id = :run AND kind IN ('missing', 'extra', 'mismatched') AND entity_key IN (:keys)""")
				.param("run", runId)
				.param("keys", new ArrayList<>(repairedKeys))
				.update();
		}
		long skipped = states.values().stream().filter(RepairState.SKIPPED_NEWER::equals).count();
		this.jdbc.sql("""
				UPDATE reconcile_runs SET repaired = repaired + :repaired, skipped_newer = skipped_newer + :skipped
				 WHERE id = :run""")
			.param("repaired", states.size() - skipped)
			.param("skipped", skipped)
			.param("run", runId)
			.update();
	}

	/** Closes the run: its outcome from its counts. */
	RunSummary finish(long runId) {
		return this.jdbc
			.sql("""
					UPDATE reconcile_runs
					   SET finished_at = now(),
					       outcome = CASE
					         WHEN missing + extra + mismatched + meta_hash_mismatches = 0 THEN 'clean'
					         WHEN missing + extra + mismatched - repaired + meta_hash_mismatches = 0 THEN 'repaired'
					         ELSE 'drift' END
					 WHERE id = :run
					RETURNING id, run_date, tenant, expected, actual, missing, extra, mismatched, meta_hash_mismatches, meta_checked,
					          repaired, skipped_newer, discrepancies_recorded, discrepancies_beyond_cap, discrepancy_cap,
					          repair, outcome""")
			.param("run", runId)
			.query(RunSummary.class)
			.single();
	}

	/** What one chunk (or one pass) found. */
	record Tally(long expected, long actual, long missing, long extra, long mismatched, long metaHash,
			long metaChecked) {

	}

	/** A discrepancy row: kind is missing, extra, mismatched or meta_hash. */
	record Discrepancy(String tenantId, String kind, String entityKey, String diff) {

	}

	/** The states a repair ends in. */
	static final class RepairState {

		static final String REPAIRED = "repaired";

		static final String SKIPPED_NEWER = "skipped_newer";

		static final String RESOLVED = "resolved";

		private RepairState() {
		}

	}

	/**
	 * A finished run's report row.
	 *
	 * @param id the row id
	 * @param runDate the run's date
	 * @param tenant the run's tenant or all
	 * @param expected documents SQL says should exist
	 * @param actual documents found
	 * @param missing expected but not found
	 * @param extra found but not expected
	 * @param mismatched found with a different canonical hash
	 * @param metaHashMismatches enrollments whose stored meta hash differs
	 * @param metaChecked enrollments whose meta hash was recomputed
	 * @param repaired drift the run resolved
	 * @param skippedNewer documents left alone because their watermark is newer
	 * @param discrepanciesRecorded rows in reconcile_discrepancies
	 * @param discrepanciesBeyondCap discrepancies only counted
	 * @param discrepancyCap the cap
	 * @param repair whether the run repaired
	 * @param outcome clean, repaired or drift
	 */
	record RunSummary(long id, LocalDate runDate, String tenant, long expected, long actual, long missing, long extra,
			long mismatched, long metaHashMismatches, long metaChecked, long repaired, long skippedNewer,
			long discrepanciesRecorded, long discrepanciesBeyondCap, Integer discrepancyCap, boolean repair,
			String outcome) {

		long drift() {
			return this.missing + this.extra + this.mismatched + this.metaHashMismatches;
		}

		long remaining() {
			return drift() - this.repaired;
		}

		String describe() {
			return String
				.format("reconcile %s tenant %s: %d expected, %d actual documents; %d missing, %d extra, %d mismatched,"
						+ " %d meta-hash mismatches of %d checked; %d repaired, %d left alone (newer sourceWatermark);"
						+ " %d discrepancies recorded, %d beyond the cap of %d; outcome %s", this.runDate, this.tenant,
						this.expected, this.actual, this.missing, this.extra, this.mismatched, this.metaHashMismatches,
						this.metaChecked, this.repaired, this.skippedNewer, this.discrepanciesRecorded,
						this.discrepanciesBeyondCap, this.discrepancyCap, this.outcome);
		}

	}

}
