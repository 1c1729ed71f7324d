package io.nightshift.reconcile;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Records a chunk of verdicts in the report, in the chunk's transaction: counts, one row
 * per discrepancy while the run is under its cap, and the documents to repair when the
 * run repairs. Replaying a chunk after a failure is exact because nothing of the failed
 * attempt was committed.
 */
class DiscrepancyWriter implements ItemWriter<Verdict> {

	private final ReconcileReport report;

	private final long runId;

	private final int cap;

	private final boolean repair;

	DiscrepancyWriter(ReconcileReport report, long runId, int cap, boolean repair) {
		this.report = report;
		this.runId = runId;
		this.cap = cap;
		this.repair = repair;
	}

	@Override
	public void write(Chunk<? extends Verdict> chunk) {
		long expected = 0;
		long actual = 0;
		long missing = 0;
		long extra = 0;
		long mismatched = 0;
		List<ReconcileReport.Discrepancy> discrepancies = new ArrayList<>();
		List<RepairCandidate> repairs = new ArrayList<>();
		for (Verdict verdict : chunk) {
			expected += verdict.expected() ? 1 : 0;
			actual += verdict.actual() ? 1 : 0;
			if (verdict.kind() != null) {
				switch (verdict.kind()) {
					case ComparisonProcessor.MISSING -> missing++;
					case ComparisonProcessor.EXTRA -> extra++;
					default -> mismatched++;
				}
				discrepancies.add(new ReconcileReport.Discrepancy(verdict.tenantId(), verdict.kind(),
						Long.toString(verdict.programId()), verdict.diff()));
				if (this.repair) {
					repairs.add(new RepairCandidate(verdict.programId(), verdict.tenantId(), verdict.kind()));
				}
			}
		}
		this.report.record(this.runId, new ReconcileReport.Tally(expected, actual, missing, extra, mismatched, 0, 0),
				discrepancies, repairs, this.cap);
	}

}
