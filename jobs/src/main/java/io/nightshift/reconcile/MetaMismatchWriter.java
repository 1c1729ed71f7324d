package io.nightshift.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Records a chunk's meta-hash mismatches in the report, in the chunk's transaction: the
 * count, and one row each while the run is under its cap.
 */
class MetaMismatchWriter implements ItemWriter<MetaMismatch> {

	static final String META_HASH = "meta_hash";

	private final ReconcileReport report;

	private final OverviewProjection projection;

	private final long runId;

	private final int cap;

	MetaMismatchWriter(ReconcileReport report, OverviewProjection projection, long runId, int cap) {
		this.report = report;
		this.projection = projection;
		this.runId = runId;
		this.cap = cap;
	}

	@Override
	public void write(Chunk<? extends MetaMismatch> chunk) {
		if (chunk.isEmpty()) {
			return;
		}
		List<ReconcileReport.Discrepancy> discrepancies = new ArrayList<>(chunk.size());
		for (MetaMismatch mismatch : chunk) {
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
		this.report.record(this.runId, new ReconcileReport.Tally(0, 0, 0, 0, 0, chunk.size()), discrepancies, List.of(),
				this.cap);
	}

}
