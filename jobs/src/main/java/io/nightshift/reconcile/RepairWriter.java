package io.nightshift.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Re-projects the differing documents of a run from SQL as it is now. Each document is
 * read first: one that already holds the expected content is not written again (so a
 * chunk replayed after a failure repairs nothing twice), one whose
 * {@code sourceWatermark} is newer than the expected one is left alone, and the others
 * are inserted, replaced or deleted only if they are still what was read (compare-and-set
 * on hash and watermark). The outcome of each is committed with the chunk.
 */
class RepairWriter implements ItemWriter<RepairCandidate> {

	private static final Logger log = LoggerFactory.getLogger(RepairWriter.class);

	private final ProgramAggregates aggregates;

	private final OverviewStore store;

	private final OverviewProjection projection;

	private final ReconcileReport report;

	private final long runId;

	private final String tenant;

	RepairWriter(ProgramAggregates aggregates, OverviewStore store, OverviewProjection projection,
			ReconcileReport report, long runId, String tenant) {
		this.aggregates = aggregates;
		this.store = store;
		this.projection = projection;
		this.report = report;
		this.runId = runId;
		this.tenant = tenant;
	}

	@Override
	public void write(Chunk<? extends RepairCandidate> chunk) {
		List<Long> ids = new ArrayList<>();
		chunk.forEach((candidate) -> ids.add(candidate.programId()));
		Map<Long, ProgramAggregate> programs = new HashMap<>();
		for (ProgramAggregate aggregate : this.aggregates.byIds(ids)) {
			if (ProgramAggregates.isAll(this.tenant) || this.tenant.equals(aggregate.tenantId())) {
				programs.put(aggregate.programId(), aggregate);
			}
		}
		Map<Long, Document> documents = this.store.find(ids);
		Instant now = Instant.now();
		Map<Long, String> states = new LinkedHashMap<>();
		List<String> repaired = new ArrayList<>();
		for (RepairCandidate candidate : chunk) {
			ProgramAggregate program = programs.get(candidate.programId());
			Overview expected = (program != null) ? this.projection.project(program) : null;
			String state = repair(expected, documents.get(candidate.programId()), now);
			states.put(candidate.programId(), state);
			if (!ReconcileReport.RepairState.SKIPPED_NEWER.equals(state)) {
				repaired.add(Long.toString(candidate.programId()));
			}
			else {
				log.info("left program_overview {} alone: its sourceWatermark is newer than the projection's, or it"
						+ " changed under the repair", candidate.programId());
			}
		}
		this.report.repairsFinished(this.runId, states, repaired);
	}

	private String repair(Overview expected, Document document, Instant now) {
		if (expected == null) {
			if (document == null || !inScope(document)) {
				return ReconcileReport.RepairState.RESOLVED;
			}
			return this.store.deleteIfUnchanged(document) ? ReconcileReport.RepairState.REPAIRED
					: ReconcileReport.RepairState.SKIPPED_NEWER;
		}
		if (document == null) {
			return this.store.insert(this.projection.toDocument(expected, now)) ? ReconcileReport.RepairState.REPAIRED
					: ReconcileReport.RepairState.SKIPPED_NEWER;
		}
		if (this.projection.hash(this.projection.comparable(document))
			.equals(this.projection.hash(this.projection.comparable(expected)))) {
			// Already as expected: repaired by an earlier attempt of this chunk, or by
			// someone else.
			return ReconcileReport.RepairState.REPAIRED;
		}
		if (newer(document, expected)) {
			return ReconcileReport.RepairState.SKIPPED_NEWER;
		}
		return this.store.replaceIfUnchanged(document, this.projection.toDocument(expected, now))
				? ReconcileReport.RepairState.REPAIRED : ReconcileReport.RepairState.SKIPPED_NEWER;
	}

	private boolean inScope(Document document) {
		return ProgramAggregates.isAll(this.tenant) || this.tenant.equals(document.get("tenantId"));
	}

	/**
	 * Whether the stored document saw newer source rows than the projection: its
	 * watermark is later, or it has one where the projection has none.
	 */
	static boolean newer(Document document, Overview expected) {
		Instant stored = OverviewProjection.watermarkOf(document);
		if (stored == null) {
			return false;
		}
		return expected.watermark() == null || stored.isAfter(expected.watermark());
	}

}
