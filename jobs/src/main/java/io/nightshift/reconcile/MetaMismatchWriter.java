package io.nightshift.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Records what a chunk's meta-hash check found in the report, in the chunk's transaction:
 * how many were checked, how many differ, and one row each while the run is under its
 * cap.
 */
class MetaMismatchWriter implements ItemWriter<MetaHashCheck.Checked> {

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
	public void write(Chunk<? extends MetaHashCheck.Checked> chunk) {
		long checked = 0;
		List<ReconcileReport.Discrepancy> discrepancies = new ArrayList<>();
		for (MetaHashCheck.Checked block : chunk) {
			checked += block.checked();
			for (MetaMismatch mismatch : block.mismatches()) {
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
		this.report.record(this.runId, new ReconcileReport.Tally(0, 0, 0, 0, 0, discrepancies.size(), checked),
				discrepancies, List.of(), this.cap);
	}

}
