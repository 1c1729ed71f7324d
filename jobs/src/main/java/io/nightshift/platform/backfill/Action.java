package io.nightshift.platform.backfill;

/** What a backfill does with a period. */
public enum Action {

	/** Never ran: run it. */
	RUN(true),
	/** Failed or stopped: resume it from its last commit. */
	RESUME(true),
	/** Completed (reprocess all) or abandoned: start a new attempt. */
	RERUN(true),
	/** Completed: nothing to do. */
	SKIP_COMPLETE(false),
	/** Failed or stopped, and the policy leaves failures alone. */
	SKIP_FAILED(false),
	/** Abandoned, and the policy leaves it alone. */
	SKIP_ABANDONED(false),
	/** Running elsewhere: never run twice at once. */
	SKIP_RUNNING(false),
	/** Already done by this backfill before it was interrupted. */
	DONE(false);

	private final boolean runs;

	Action(boolean runs) {
		this.runs = runs;
	}

	public boolean runs() {
		return this.runs;
	}

}
