package io.nightshift.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.nightshift.platform.NightshiftException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the reconcile reports back for {@code nightshift drift}: a run's summary and its
 * recorded discrepancies.
 */
@Component
public class DriftReports {

	/** The discrepancy kinds a report holds. */
	public static final Set<String> KINDS = Set.of("missing", "extra", "mismatched", "meta_hash");

	private final JdbcClient jdbc;

	DriftReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The run with that id; or else the latest run, of the date and tenant when given.
	 */
	public Optional<Run> find(Long runId, LocalDate date, String tenant) {
		if (runId != null) {
			return this.jdbc.sql("SELECT * FROM reconcile_runs WHERE id = :id")
				.param("id", runId)
				.query(Run.class)
				.optional();
		}
		return this.jdbc
			.sql("""
					SELECT * FROM reconcile_runs
					 WHERE (CAST(:date AS DATE) IS NULL OR run_date = :date) AND (CAST(:tenant AS TEXT) IS NULL OR tenant = :tenant)
					 ORDER BY id DESC LIMIT 1""")
			.param("date", date)
			.param("tenant", tenant)
			.query(Run.class)
			.optional();
	}

	/** Up to {@code limit} recorded discrepancies of the run, of one kind or all. */
	public List<Discrepancy> discrepancies(long runId, String kind, int limit) {
		if (kind != null && !KINDS.contains(kind)) {
			throw NightshiftException
				.usage("--kind " + kind + ": expected one of missing, extra, mismatched, meta_hash");
		}
		return this.jdbc.sql("""
				SELECT kind, tenant_id, entity_key, repaired, diff FROM reconcile_discrepancies
				 WHERE run_id = :run AND (CAST(:kind AS TEXT) IS NULL OR kind = :kind)
				 ORDER BY kind, length(entity_key), entity_key LIMIT :limit""")
			.param("run", runId)
			.param("kind", kind)
			.param("limit", limit)
			.query(Discrepancy.class)
			.list();
	}

	/**
	 * One reconcile run's report row (see docs/jobs/reconcile.md).
	 *
	 * @param id the row id
	 * @param executionId the latest execution of the run
	 * @param runDate the run's date
	 * @param tenant a tenant or all
	 * @param expected documents SQL says should exist
	 * @param actual documents found
	 * @param missing expected, not found
	 * @param extra found, not expected
	 * @param mismatched found with another canonical hash
	 * @param metaHashMismatches enrollments whose stored meta hash differs
	 * @param repaired drift resolved by the run's repair
	 * @param skippedNewer documents the repair left alone (newer sourceWatermark)
	 * @param discrepanciesRecorded rows in reconcile_discrepancies
	 * @param discrepanciesBeyondCap discrepancies only counted
	 * @param repair whether the run repaired
	 * @param outcome clean, repaired, drift; null while running or after a failure
	 * @param startedAt when the run began
	 * @param finishedAt when it finished, or null
	 */
	public record Run(long id, Long executionId, LocalDate runDate, String tenant, long expected, long actual,
			long missing, long extra, long mismatched, long metaHashMismatches, long repaired, long skippedNewer,
			long discrepanciesRecorded, long discrepanciesBeyondCap, boolean repair, String outcome, Instant startedAt,
			Instant finishedAt) {

	}

	/**
	 * A recorded discrepancy.
	 *
	 * @param kind missing, extra, mismatched or meta_hash
	 * @param tenantId its tenant
	 * @param entityKey the program id, or the enrollment id for meta_hash
	 * @param repaired whether the run's repair resolved it
	 * @param diff canonical JSON of what differs
	 */
	public record Discrepancy(String kind, String tenantId, String entityKey, boolean repaired, String diff) {

	}

}
