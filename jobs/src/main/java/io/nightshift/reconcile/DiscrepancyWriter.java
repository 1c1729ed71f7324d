package io.nightshift.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Records a chunk of verdicts in the report, in the chunk's transaction: counts, one row
 * per discrepancy while the run is under its cap, and the documents to repair when the
 * run repairs. Replaying a chunk after a failure is exact because nothing of the failed
 * attempt was committed.
 */
class DiscrepancyWriter implements ItemWriter<Verdict> {

	static final String META_HASH = "meta_hash";

	private final ReconcileReport report;

	private final OverviewProjection projection;

	private final long runId;

	private final int cap;

	private final boolean repair;

	DiscrepancyWriter(ReconcileReport report, OverviewProjection projection, long runId, int cap, boolean repair) {
		this.report = report;
		this.projection = projection;
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
		long metaHash = 0;
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
			for (MetaMismatch mismatch : verdict.metaMismatches()) {
				metaHash++;
				Map<String, Object> diff = new LinkedHashMap<>();
				diff.put("programId", mismatch.programId());
				diff.put("stored", mismatch.stored());
				diff.put("computed", mismatch.computed());
				if (mismatch.problem() != null) {
					diff.put("problem", mismatch.problem());
				}
				discrepancies.add(new ReconcileReport.Discrepancy(mismatch.tenantId(), META_HASH,
						Long.toString(mismatch.enrollmentId()), this.projection.canonicalJson(diff)));
			}
		}
		this.report.record(this.runId,
				new ReconcileReport.Tally(expected, actual, missing, extra, mismatched, metaHash), discrepancies,
				repairs, this.cap);
	}

}
