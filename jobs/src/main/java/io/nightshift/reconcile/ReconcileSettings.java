package io.nightshift.reconcile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code reconcile} (job-configs/reconcile.yml).
 *
 * @param chunkSize programs compared per chunk (and repairs applied per chunk)
 * @param gridSize program id ranges (partitions) compared, of nearly equal size; a
 * restart keeps the grid of the failed run
 * @param concurrency partitions compared at the same time (threads)
 * @param discrepancyCap discrepancies recorded one row each per run; the rest are only
 * counted
 * @param repair whether to re-project the documents that differ (never one whose
 * sourceWatermark is newer than the expected one)
 * @param failOnDrift whether a run that leaves drift behind ends with exit code 6
 * @param checkMetaHash whether to recompute every enrollment's meta hash
 * @param metaChunkSize enrollments whose meta hash is recomputed per chunk
 */
record ReconcileSettings(@DefaultValue("500") @Positive @Max(10_000) int chunkSize,
		@DefaultValue("4") @Positive @Max(256) int gridSize, @DefaultValue("2") @Positive @Max(64) int concurrency,
		@DefaultValue("1000") @PositiveOrZero @Max(1_000_000) int discrepancyCap, @DefaultValue("false") boolean repair,
		@DefaultValue("false") boolean failOnDrift, @DefaultValue("true") boolean checkMetaHash,
		@DefaultValue("2000") @Positive @Max(50_000) int metaChunkSize) {

}
