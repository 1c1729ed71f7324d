package io.nightshift.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Appends captured snapshots to their tenants' chains, in the chunk's transaction.
 * Idempotent: an append re-checks the period's latest revision under the chain's lock, so
 * a replayed chunk (restart, concurrent run) adds nothing twice.
 */
class LedgerWriter implements ItemWriter<SnapshotCapture.CapturedSnapshot> {

	private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

	private final Ledger ledger;

	private final long executionId;

	private final boolean partialSupersedesComplete;

	LedgerWriter(Ledger ledger, long executionId, boolean partialSupersedesComplete) {
		this.ledger = ledger;
		this.executionId = executionId;
		this.partialSupersedesComplete = partialSupersedesComplete;
	}

	@Override
	public void write(Chunk<? extends SnapshotCapture.CapturedSnapshot> chunk) {
		for (SnapshotCapture.CapturedSnapshot snapshot : chunk) {
			Ledger.Appended appended = this.ledger.append(snapshot, this.executionId, this.partialSupersedesComplete);
			if (appended.added()) {
				log.info("{}: appended revision {} as seq {} ({}{}){}", snapshot.describe(),
						appended.entry().revision(), appended.entry().seq(), snapshot.coverage(),
						(snapshot.reasonsJson() != null) ? " " + snapshot.reasonsJson() : "",
						(appended.superseded() != null) ? ", superseding revision " + appended.superseded().revision()
								: "");
			}
			else {
				log.info("{}: {} meanwhile, nothing appended", snapshot.describe(),
						(appended.outcome() == Ledger.Outcome.UNCHANGED) ? "unchanged" : "kept complete");
			}
		}
	}

}
