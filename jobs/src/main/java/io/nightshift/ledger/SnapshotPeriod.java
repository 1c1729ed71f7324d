package io.nightshift.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A snapshot's period: the days {@code start..end} (inclusive), which as instants are
 * {@code [from, until)} in UTC, the zone the demo data, perf aggregates and quality runs
 * use for their days.
 */
record SnapshotPeriod(LocalDate start, LocalDate end) {

	Instant from() {
		return this.start.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	Instant until() {
		return this.end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	boolean overlaps(LocalDate first, LocalDate last) {
		return (first == null || !this.end.isBefore(first)) && (last == null || !this.start.isAfter(last));
	}

}
