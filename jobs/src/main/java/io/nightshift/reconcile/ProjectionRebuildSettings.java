package io.nightshift.reconcile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code projection-rebuild} (job-configs/projection-rebuild.yml).
 *
 * @param chunkSize programs read, projected and written per chunk (one transaction of the
 * job repository, one bulk write to Mongo)
 * @param gridSize program id ranges (partitions) the programs are split into, of nearly
 * equal size; a restart keeps the grid of the failed run
 * @param concurrency partitions projected at the same time (threads)
 * @param overwriteNewer whether to overwrite documents whose sourceWatermark is newer
 * than the one projected (left alone by default, counted as skipped)
 */
record ProjectionRebuildSettings(@DefaultValue("500") @Positive @Max(10_000) int chunkSize,
		@DefaultValue("4") @Positive @Max(256) int gridSize, @DefaultValue("2") @Positive @Max(64) int concurrency,
		@DefaultValue("false") boolean overwriteNewer) {

}
