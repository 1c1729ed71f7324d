package io.nightshift.ledger;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * What a ledger entry records about one tenant and period: the snapshot schema (version
 * {@value #SCHEMA_VERSION}, documented in docs/jobs/snapshot.md). It is stored as its RFC
 * 8785 canonical JSON, so member order here is irrelevant; values are only strings,
 * integers within ±2^53, finite doubles, booleans, nulls, arrays and objects.
 *
 * @param schema always {@value #SCHEMA}
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param tenant the tenant id
 * @param kind {@code daily} or {@code weekly}
 * @param period the days covered and their UTC instants
 * @param coverage COMPLETE, or PARTIAL with the reasons
 * @param programs the tenant's programs with their KPI targets, by id
 * @param enrollments enrollments created before the period's end, by program and status,
 * with a digest of the rows
 * @param perfAggregates the perf aggregates of the period's days
 * @param qualityRuns the quality runs generated in the period; null when they could not
 * be read (see coverage)
 * @param eventStreams the head of every event stream as of the period's end
 * @param dailySnapshots weekly only: the latest daily entry of each day of the week
 */
record SnapshotPayload(String schema, int schemaVersion, String tenant, String kind, PeriodView period,
		Coverage coverage, List<ProgramEntry> programs, Enrollments enrollments,
		List<PerfAggregateEntry> perfAggregates, QualityRuns qualityRuns, EventStreams eventStreams,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<DailyAnchor> dailySnapshots) {

	static final String SCHEMA = "nightshift.ledger.snapshot";

	static final int SCHEMA_VERSION = 1;

	/**
	 * @param start first day (ISO date)
	 * @param end last day (ISO date)
	 * @param from first instant (UTC, inclusive)
	 * @param until end instant (UTC, exclusive)
	 */
	record PeriodView(String start, String end, String from, String until) {

		static PeriodView of(SnapshotPeriod period) {
			return new PeriodView(period.start().toString(), period.end().toString(), period.from().toString(),
					period.until().toString());
		}

	}

	/**
	 * @param status {@code COMPLETE} or {@code PARTIAL}
	 * @param reasons why PARTIAL, sorted by code then source; empty when COMPLETE
	 */
	record Coverage(String status, List<CoverageReason> reasons) {

		static final String COMPLETE = "COMPLETE";

		static final String PARTIAL = "PARTIAL";

		static Coverage of(List<CoverageReason> reasons) {
			List<CoverageReason> sorted = reasons.stream()
				.sorted(java.util.Comparator.comparing(CoverageReason::code).thenComparing(CoverageReason::source))
				.toList();
			return new Coverage(sorted.isEmpty() ? COMPLETE : PARTIAL, sorted);
		}

	}

	/**
	 * A machine-readable reason for PARTIAL coverage (codes in docs/jobs/snapshot.md).
	 *
	 * @param code e.g. {@code QUALITY_RUNS_UNAVAILABLE}
	 * @param source the store and collection or table, e.g. {@code mongo:quality_runs}
	 * @param detail deterministic facts (never an exception text, which would change the
	 * content hash from one capture to the next)
	 */
	record CoverageReason(String code, String source, Map<String, Object> detail) {
	}

	/**
	 * @param id program id
	 * @param code program code (unique per tenant)
	 * @param phase program phase
	 * @param kpiTargets the KPI targets JSON
	 */
	record ProgramEntry(long id, String code, String phase, JsonNode kpiTargets) {
	}

	/**
	 * @param total enrollments created before the period's end
	 * @param rowDigest how {@code rowsSha256} is computed
	 * @param byProgram one entry per program of the tenant, by program id
	 */
	record Enrollments(long total, String rowDigest, List<ProgramEnrollments> byProgram) {

		static final String ROW_DIGEST = "sha256(concat(jcs(row) + LF)), rows by id; row = {createdAt, id,"
				+ " metaSha256 = sha256(jcs(meta)), status, updatedAt, userId}";

	}

	/**
	 * @param programId the program
	 * @param total its enrollments
	 * @param byStatus count per status (every status, zeros included)
	 * @param updatedAfterPeriodEnd how many of them changed after the period ended (their
	 * status is the one at capture time)
	 * @param rowsSha256 digest of the rows (see {@link Enrollments#ROW_DIGEST})
	 */
	record ProgramEnrollments(long programId, long total, Map<String, Long> byStatus, long updatedAfterPeriodEnd,
			String rowsSha256) {
	}

	/**
	 * One row of {@code perf_aggregate}. Percentiles are numbers, or the strings
	 * {@code NaN}, {@code Infinity}, {@code -Infinity} for non-finite values; null when
	 * absent.
	 */
	record PerfAggregateEntry(String day, String project, String target, long n, long cachedCount, long failedCount,
			Object p50, Object p95, Object p99, Object mean, Object max, String method, String sketchSha256) {
	}

	/**
	 * @param count number of runs
	 * @param runs by run id
	 */
	record QualityRuns(long count, List<QualityRunEntry> runs) {
	}

	/**
	 * A quality-run summary; {@code documentSha256} digests the whole document (its
	 * canonical JSON, see docs), so any change to it changes the snapshot.
	 */
	record QualityRunEntry(String runId, String generatedAt, long tasks, long failed, long skipped, long cached,
			long durationMs, String documentSha256) {
	}

	/**
	 * @param count number of streams
	 * @param heads by stream id
	 */
	record EventStreams(long count, List<StreamHead> heads) {
	}

	/** A stream's latest event created before the period's end. */
	record StreamHead(String streamId, String streamType, long sequenceNumber, String eventType) {
	}

	/** The latest daily entry of a day of the week, as it stood at capture. */
	record DailyAnchor(String period, int revision, long seq, String contentHash, String coverage) {
	}

}
