package io.nightshift.platform;

/**
 * The exit-code contract of every command (README, {@code --help}). Scripts and CI depend
 * on these numbers; never renumber them.
 */
public final class ExitCodes {

	/** The work completed. */
	public static final int COMPLETED = 0;

	/** The work failed (or was stopped). */
	public static final int FAILED = 1;

	/** Usage, configuration or input error; nothing was written. */
	public static final int USAGE = 2;

	/** Already complete: nothing to do. */
	public static final int ALREADY_COMPLETE = 3;

	/** Already running, or the lease is held by another process. */
	public static final int ALREADY_RUNNING = 4;

	/** Not found (execution, period, stream). */
	public static final int NOT_FOUND = 5;

	/** A check failed: a gate, a ledger verification, drift with fail-on-drift. */
	public static final int CHECK_FAILED = 6;

	private ExitCodes() {
	}

}
