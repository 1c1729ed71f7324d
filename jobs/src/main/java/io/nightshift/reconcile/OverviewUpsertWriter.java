package io.nightshift.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Upserts projected documents, one unordered bulk write per chunk, leaving alone those
 * whose stored watermark is newer (unless told to overwrite them). Idempotent: a replayed
 * chunk writes the same documents again. Counts what it left alone in its step's
 * execution context, which commits with the chunk.
 */
class OverviewUpsertWriter implements ItemStreamWriter<Overview> {

	/** Execution context key: documents left alone because their watermark is newer. */
	static final String SKIPPED_NEWER = "overviewUpsertWriter.skippedNewer";

	private final OverviewStore store;

	private final boolean overwriteNewer;

	/** Execution context key: documents projected (written or left alone). */
	static final String PROJECTED = "overviewUpsertWriter.projected";

	private long skippedNewer;

	private long projected;

	OverviewUpsertWriter(OverviewStore store, boolean overwriteNewer) {
		this.store = store;
		this.overwriteNewer = overwriteNewer;
	}

	@Override
	public void open(ExecutionContext context) {
		this.skippedNewer = context.getLong(SKIPPED_NEWER, 0L);
		this.projected = context.getLong(PROJECTED, 0L);
	}

	@Override
	public void write(Chunk<? extends Overview> chunk) {
		List<Overview> overviews = new ArrayList<>(chunk.getItems());
		this.skippedNewer += this.store.upsert(overviews, this.overwriteNewer, Instant.now()).size();
		this.projected += overviews.size();
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(SKIPPED_NEWER, this.skippedNewer);
		context.putLong(PROJECTED, this.projected);
	}

}
