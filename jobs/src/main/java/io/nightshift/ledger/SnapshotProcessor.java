package io.nightshift.ledger;

import java.time.LocalDate;
import java.util.Optional;

import io.nightshift.platform.batch.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Captures a tenant's snapshot and filters it out when the ledger already holds the same
 * content for the period (or a complete revision a partial capture must not supersede).
 * The writer checks again under the chain's lock; this early check keeps the write count
 * equal to the entries appended. Counts of what was filtered go to the worker's execution
 * context ({@value #UNCHANGED}, {@value #KEPT_COMPLETE}).
 */
class SnapshotProcessor implements ItemProcessor<TenantItem, SnapshotCapture.CapturedSnapshot> {

	static final String UNCHANGED = "snapshot.unchanged";

	static final String KEPT_COMPLETE = "snapshot.kept-complete";

	private static final Logger log = LoggerFactory.getLogger(SnapshotProcessor.class);

	private final SnapshotCapture capture;

	private final Ledger ledger;

	private final SnapshotKind kind;

	private final LocalDate date;

	private final SnapshotSettings settings;

	private final StepExecution step;

	private final SnapshotCapture.TenantRange range;

	SnapshotProcessor(SnapshotCapture capture, Ledger ledger, SnapshotKind kind, LocalDate date,
			SnapshotSettings settings, StepExecution step) {
		this.capture = capture;
		this.ledger = ledger;
		this.kind = kind;
		this.date = date;
		this.settings = settings;
		this.step = step;
		this.range = new SnapshotCapture.TenantRange(step.getExecutionContext().getString(TenantRangePartitioner.FIRST),
				step.getExecutionContext().getString(TenantRangePartitioner.LAST));
	}

	@Override
	public SnapshotCapture.CapturedSnapshot process(TenantItem tenant) {
		RunContext.tenant(tenant.id());
		SnapshotCapture.CapturedSnapshot snapshot = this.capture.capture(tenant.id(), this.kind, this.date,
				this.settings.mongoTimeout(), this.step.getJobExecutionId(), this.range);
		Optional<Ledger.Revision> latest = this.ledger.latest(tenant.id(), this.kind, snapshot.period().start());
		if (latest.isPresent() && latest.get().contentHash().equals(snapshot.contentHash())) {
			log.debug("{}: unchanged since revision {} ({}), nothing appended", snapshot.describe(),
					latest.get().revision(), snapshot.coverage());
			count(UNCHANGED);
			return null;
		}
		if (latest.isPresent() && SnapshotPayload.Coverage.COMPLETE.equals(latest.get().coverage())
				&& !snapshot.complete() && !this.settings.partialSupersedesComplete()) {
			log.warn(
					"{}: captured PARTIAL {} while revision {} is COMPLETE; kept revision {} current"
							+ " (set partial-supersedes-complete to append it anyway)",
					snapshot.describe(), snapshot.reasonsJson(), latest.get().revision(), latest.get().revision());
			count(KEPT_COMPLETE);
			return null;
		}
		return snapshot;
	}

	private void count(String key) {
		this.step.getExecutionContext().putLong(key, this.step.getExecutionContext().getLong(key, 0L) + 1);
	}

}
