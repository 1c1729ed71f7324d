package io.nightshift.ledger;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of snapshot-daily and snapshot-weekly ({@code settings:} in their job-config
 * files; every one may be overridden for a run with {@code --set KEY=VALUE}).
 *
 * @param partitions how many contiguous ranges of tenants (in id order) the run splits
 * into; each is a worker step with its own restart position, and reads its tenants'
 * quality runs in one query (which the embedded Mongo-wire server answers by scanning the
 * collection: keep it close to {@code threads} there)
 * @param threads how many partitions run at once
 * @param mongoTimeout the longest a tenant's quality-runs query may take before the
 * snapshot is captured PARTIAL without them
 * @param partialSupersedesComplete whether a PARTIAL capture may supersede a COMPLETE
 * revision of the same period (off: a rerun during a Mongo outage keeps the complete
 * entry current instead of degrading the evidence)
 */
record SnapshotSettings(@DefaultValue("2") @Min(1) @Max(64) int partitions,
		@DefaultValue("2") @Min(1) @Max(16) int threads,
		@DefaultValue("PT30S") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 30) Duration mongoTimeout,
		@DefaultValue("false") boolean partialSupersedesComplete) {
}
