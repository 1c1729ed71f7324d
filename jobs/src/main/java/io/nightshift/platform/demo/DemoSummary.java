package io.nightshift.platform.demo;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a seed wrote.
 *
 * @param from the first day with data
 * @param to the last day with data
 * @param tenants the tenant ids
 * @param rows rows per SQL table
 * @param documents documents per Mongo collection
 * @param millis how long it took
 */
public record DemoSummary(LocalDate from, LocalDate to, java.util.List<String> tenants, Map<String, Long> rows,
		Map<String, Long> documents, long millis) {
}
