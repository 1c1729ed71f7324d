package io.nightshift.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nightshift.platform.json.CanonicalJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Captures one tenant's snapshot for one period: reads the sources (PostgreSQL read-only,
 * Mongo by queries), decides the coverage, and produces the canonical payload with its
 * content hash. It writes nothing.
 */
@Component
class SnapshotCapture {

	static final String PERIOD_OPEN = "PERIOD_OPEN";

	static final String QUALITY_RUNS_UNAVAILABLE = "QUALITY_RUNS_UNAVAILABLE";

	static final String PERF_AGGREGATES_MISSING = "PERF_AGGREGATES_MISSING";

	private static final Logger log = LoggerFactory.getLogger(SnapshotCapture.class);

	private final SnapshotSources sources;

	private final QualityRunReader qualityRuns;

	private final CanonicalJson canonical;

	private final Clock clock;

	/**
	 * Mongo outages seen by a running execution: once Mongo failed for one tenant, the
	 * execution's other tenants do not wait for it again.
	 */
	private final Map<Long, String> outages = new ConcurrentHashMap<>();

	SnapshotCapture(SnapshotSources sources, QualityRunReader qualityRuns, CanonicalJson canonical, Clock clock) {
		this.sources = sources;
		this.qualityRuns = qualityRuns;
		this.canonical = canonical;
		this.clock = clock;
	}

	/**
	 * @param tenant the tenant
	 * @param kind daily or weekly
	 * @param date any day of the period
	 * @param mongoTimeout the longest the quality-runs query may take
	 * @param executionId the job execution capturing, whose Mongo outage is remembered;
	 * null outside a job
	 */
	CapturedSnapshot capture(String tenant, SnapshotKind kind, LocalDate date, Duration mongoTimeout,
			Long executionId) {
		return capture(tenant, kind, date, mongoTimeout, executionId, null);
	}

	/**
	 * As {@link #capture(String, SnapshotKind, LocalDate, Duration, Long)}, reading the
	 * quality runs once for a whole range of tenants.
	 * @param range the tenants a worker captures, whose quality runs it reads in one
	 * query; null to query per tenant
	 */
	CapturedSnapshot capture(String tenant, SnapshotKind kind, LocalDate date, Duration mongoTimeout, Long executionId,
			TenantRange range) {
		SnapshotPeriod period = kind.period(date);
		List<SnapshotPayload.CoverageReason> reasons = new ArrayList<>();
		if (this.clock.instant().isBefore(period.until())) {
			reasons.add(new SnapshotPayload.CoverageReason(PERIOD_OPEN, "clock",
					Map.of("until", period.until().toString())));
		}
		SnapshotSources.Sections sections = this.sources.read(tenant, kind, period);
		if (!sections.perfAggregatesMissing().isEmpty()) {
			reasons.add(new SnapshotPayload.CoverageReason(PERF_AGGREGATES_MISSING, "postgres:perf_aggregate",
					Map.of("days", sections.perfAggregatesMissing())));
		}
		SnapshotPayload.QualityRuns runs = readQualityRuns(tenant, period, mongoTimeout, executionId, range, reasons);
		SnapshotPayload.Coverage coverage = SnapshotPayload.Coverage.of(reasons);
		SnapshotPayload payload = new SnapshotPayload(SnapshotPayload.SCHEMA, SnapshotPayload.SCHEMA_VERSION, tenant,
				kind.value(), SnapshotPayload.PeriodView.of(period), coverage, sections.programs(),
				sections.enrollments(), sections.perfAggregates(), runs,
				new SnapshotPayload.EventStreams(sections.streamHeads().size(), sections.streamHeads()),
				sections.dailyAnchors());
		byte[] bytes = this.canonical.canonicalBytes(payload);
		String reasonsJson = coverage.reasons().isEmpty() ? null : this.canonical.canonicalize(coverage.reasons());
		return new CapturedSnapshot(tenant, kind, period, coverage.status(), reasonsJson, bytes,
				LedgerHashing.contentHash(bytes), SnapshotPayload.SCHEMA_VERSION);
	}

	/** Forgets the Mongo outage of a finished execution. */
	void finished(long executionId) {
		this.outages.remove(executionId);
	}

	private SnapshotPayload.QualityRuns readQualityRuns(String tenant, SnapshotPeriod period, Duration timeout,
			Long executionId, TenantRange range, List<SnapshotPayload.CoverageReason> reasons) {
		if (range != null && range.read(period)) {
			// Read before the outage (if any): the range's runs are as good as ever.
			QualityRunReader.Result result = range.qualityRuns(this.qualityRuns, period, timeout).forTenant(tenant);
			if (result.runs() != null) {
				return result.runs();
			}
		}
		String knownOutage = (executionId != null) ? this.outages.get(executionId) : null;
		if (knownOutage == null) {
			QualityRunReader.Result result = (range != null)
					? range.qualityRuns(this.qualityRuns, period, timeout).forTenant(tenant)
					: this.qualityRuns.read(tenant, period, timeout);
			if (result.runs() != null) {
				return result.runs();
			}
			knownOutage = result.cause();
			log.warn(
					"quality runs of {} for {}..{} not read ({}): {}; the snapshot is PARTIAL"
							+ ((executionId != null) ? " and this run's other tenants skip Mongo" : ""),
					tenant, period.start(), period.end(), knownOutage, result.failure().getMessage());
			if (executionId != null) {
				this.outages.put(executionId, knownOutage);
			}
		}
		reasons.add(new SnapshotPayload.CoverageReason(QUALITY_RUNS_UNAVAILABLE, QualityRunReader.SOURCE,
				Map.of("cause", knownOutage)));
		return null;
	}

	/**
	 * A captured snapshot, ready to append.
	 *
	 * @param tenant tenant id
	 * @param kind daily or weekly
	 * @param period the period
	 * @param coverage COMPLETE or PARTIAL
	 * @param reasonsJson the coverage reasons as canonical JSON; null when complete
	 * @param payload canonical JSON bytes
	 * @param contentHash SHA-256 of the payload
	 * @param schemaVersion snapshot schema version
	 */
	record CapturedSnapshot(String tenant, SnapshotKind kind, SnapshotPeriod period, String coverage,
			String reasonsJson, byte[] payload, String contentHash, int schemaVersion) {

		boolean complete() {
			return SnapshotPayload.Coverage.COMPLETE.equals(this.coverage);
		}

		String describe() {
			return this.tenant + " " + this.kind.value() + " " + this.period.start();
		}

	}

	/**
	 * The tenants of one worker (a partition): their quality runs are read once, when the
	 * first of them is captured. Not thread-safe; a worker captures one tenant at a time.
	 */
	static final class TenantRange {

		private final String first;

		private final String last;

		private QualityRunReader.RangeResult qualityRuns;

		private SnapshotPeriod period;

		TenantRange(String first, String last) {
			this.first = first;
			this.last = last;
		}

		/** Whether the range's runs of the period were read already (or failed to be). */
		boolean read(SnapshotPeriod period) {
			return this.qualityRuns != null && period.equals(this.period);
		}

		QualityRunReader.RangeResult qualityRuns(QualityRunReader reader, SnapshotPeriod period, Duration timeout) {
			if (this.qualityRuns == null || !period.equals(this.period)) {
				this.qualityRuns = reader.readRange(this.first, this.last, period, timeout);
				this.period = period;
			}
			return this.qualityRuns;
		}

	}

}
