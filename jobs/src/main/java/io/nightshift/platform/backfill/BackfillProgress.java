package io.nightshift.platform.backfill;

/**
 * Progress callbacks of a running backfill (the command line draws a bar or prints
 * lines).
 */
public interface BackfillProgress {

	/** A period finished; {@code done} of {@code total} runnable periods are through. */
	void periodDone(BackfillResult.PeriodResult result, int done, int total, long elapsedMillis);

	BackfillProgress NONE = (result, done, total, elapsedMillis) -> {
	};

}
