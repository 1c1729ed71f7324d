package io.nightshift.aggregate;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code perf-aggregate} ({@code settings:} in
 * job-configs/perf-aggregate.yml), also read by {@code nightshift gate} and
 * {@code nightshift perf trends}.
 *
 * @param partitions how many partitions a day is split into (each owns the projects whose
 * name hashes to it, and scans the day once)
 * @param concurrency how many partitions run at once
 * @param fetchSize rows per round trip of the streamed read
 * @param sketchAccuracy relative accuracy of the stored DDSketch (0.01 = estimates within
 * 1% of the exact percentile)
 * @param regression how a day's p95 is compared with its trailing baseline
 * @param gate defaults of {@code nightshift gate}
 */
record PerfAggregateSettings(@DefaultValue("2") @Positive @Max(256) int partitions,
		@DefaultValue("2") @Positive @Max(64) int concurrency, @DefaultValue("10000") @Positive int fetchSize,
		@DefaultValue("0.01") @DecimalMin(value = "0.0001") @DecimalMax(value = "0.2") double sketchAccuracy,
		@DefaultValue @NotNull @Valid Regression regression, @DefaultValue @NotNull @Valid Gate gate) {

	/**
	 * @param baselineDays the baseline is the median p95 of the days with data among the
	 * previous baseline-days calendar days
	 * @param minBaselineDays fewer days with data than this: no verdict
	 * @param tolerance a p95 above baseline x (1 + tolerance) is a regression (0.2 = 20%)
	 * @param minSamples days with fewer non-cached successful tasks are neither judged
	 * nor part of a baseline
	 */
	record Regression(@DefaultValue("7") @Positive @Max(365) int baselineDays,
			@DefaultValue("3") @Positive int minBaselineDays,
			@DefaultValue("0.2") @PositiveOrZero @DecimalMax("100") double tolerance,
			@DefaultValue("5") @Positive long minSamples) {
	}

	/**
	 * @param consecutiveDays the gate fails when p95 exceeded the threshold on this many
	 * consecutive days with data
	 * @param thresholdMs the p95 threshold of every project and target without its own;
	 * none when absent
	 * @param thresholds thresholds of particular projects and targets (optionally of one
	 * tenant)
	 */
	record Gate(@DefaultValue("3") @Positive @Max(365) int consecutiveDays, @Positive Long thresholdMs,
			@DefaultValue @NotNull List<@Valid Threshold> thresholds) {

		/** The threshold of a project and target for a tenant: the most specific one. */
		Long thresholdFor(String tenant, String project, String target) {
			Long general = null;
			for (Threshold threshold : this.thresholds) {
				if (threshold.project().equals(project) && threshold.target().equals(target)) {
					if (tenant.equals(threshold.tenant())) {
						return threshold.thresholdMs();
					}
					if (threshold.tenant() == null) {
						general = threshold.thresholdMs();
					}
				}
			}
			return (general != null) ? general : this.thresholdMs;
		}

	}

	/**
	 * @param project the project
	 * @param target the target
	 * @param tenant only for this tenant; every tenant when absent
	 * @param thresholdMs the p95 threshold in milliseconds
	 */
	record Threshold(@NotBlank String project, @NotBlank String target, String tenant,
			@NotNull @Positive Long thresholdMs) {
	}

}
