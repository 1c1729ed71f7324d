package io.nightshift.ledger;

import java.util.Arrays;
import java.util.Locale;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.catalog.PeriodRule;

/**
 * The two ledger chains every tenant has: daily snapshots and weekly ones (ISO weeks,
 * Monday to Sunday, named by their Monday).
 */
public enum SnapshotKind {

	DAILY("daily", "snapshot-daily", PeriodRule.DAILY),

	WEEKLY("weekly", "snapshot-weekly", PeriodRule.WEEKLY);

	private final String value;

	private final String job;

	private final PeriodRule rule;

	SnapshotKind(String value, String job, PeriodRule rule) {
		this.value = value;
		this.job = job;
		this.rule = rule;
	}

	/** As stored in {@code ledger_snapshots.kind} and written in payloads. */
	public String value() {
		return this.value;
	}

	/** The job that captures this kind. */
	public String job() {
		return this.job;
	}

	PeriodRule rule() {
		return this.rule;
	}

	/** The period named by {@code date} (for weekly: the ISO week containing it). */
	SnapshotPeriod period(java.time.LocalDate date) {
		java.time.LocalDate start = this.rule.normalize(date);
		return new SnapshotPeriod(start, this.rule.next(start).minusDays(1));
	}

	public static SnapshotKind of(String value) {
		return Arrays.stream(values())
			.filter((kind) -> kind.value.equals(value.toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> NightshiftException.usage("--kind " + value + ": expected daily or weekly"));
	}

}
