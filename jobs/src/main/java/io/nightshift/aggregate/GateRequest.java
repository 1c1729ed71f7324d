package io.nightshift.aggregate;

import java.time.LocalDate;

/**
 * What {@code nightshift gate} checks. Null fields take the defaults of
 * job-configs/perf-aggregate.yml.
 *
 * @param project the project
 * @param target the target
 * @param tenant the tenant; null when only one tenant has the series
 * @param date judge the latest day with data up to this date; null for the latest
 * @param thresholdMs p95 threshold in milliseconds
 * @param consecutiveDays how many consecutive days with data above the threshold fail the
 * gate
 * @param tolerance how far above its baseline the latest p95 may be (0.2 = 20%)
 */
public record GateRequest(String project, String target, String tenant, LocalDate date, Long thresholdMs,
		Integer consecutiveDays, Double tolerance) {
}
