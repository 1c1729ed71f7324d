package io.nightshift.platform.backfill;

import java.util.Locale;

import io.nightshift.platform.NightshiftException;

/** Which periods a backfill runs besides those that never ran. */
public enum Reprocess {

	/** Only periods that never ran. */
	NONE,
	/** Also resume failed and stopped periods, and start afresh abandoned ones. */
	FAILED,
	/** Also rerun completed periods (a new attempt each). */
	ALL;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Reprocess of(String value) {
		for (Reprocess reprocess : values()) {
			if (reprocess.value().equals(value)) {
				return reprocess;
			}
		}
		throw NightshiftException.usage("--reprocess " + value + ": expected none, failed or all");
	}

}
