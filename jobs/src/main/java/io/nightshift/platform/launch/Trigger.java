package io.nightshift.platform.launch;

import java.util.Locale;

/** What asked for a run; recorded with every execution. */
public enum Trigger {

	/** The Quartz scheduler of {@code serve}. */
	SCHEDULE,
	/** A person at the command line. */
	OPERATOR,
	/** A CI system. */
	CI,
	/** A backfill working through a range of periods. */
	BACKFILL,
	/** A caller of the HTTP API. */
	API,
	/** The stale-run reaper. */
	REAPER,
	/** The process itself, e.g. stopping its runs on SIGTERM. */
	SYSTEM;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Trigger of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
