package io.nightshift.platform.backfill;

import java.time.LocalDate;
import java.util.List;

/**
 * Every period of a backfill with its current state and the action it gets.
 *
 * @param job the job
 * @param tenant the tenant
 * @param reprocess the policy
 * @param resumes the backfill this plan resumes, if the same command was interrupted
 * before
 * @param periods the periods in execution order
 */
public record BackfillPlan(String job, String tenant, Reprocess reprocess, Long resumes, List<Period> periods) {

	public long count(Action action) {
		return this.periods.stream().filter((period) -> period.action() == action).count();
	}

	public long toRun() {
		return this.periods.stream().filter((period) -> period.action().runs()).count();
	}

	/**
	 * One period of the plan.
	 *
	 * @param period the period
	 * @param state its current state: NEVER_RAN, COMPLETED, FAILED, STOPPED, ABANDONED,
	 * RUNNING
	 * @param executionId its latest execution, if any
	 * @param attempt its latest attempt, if any
	 * @param action what the backfill does with it
	 */
	public record Period(LocalDate period, String state, Long executionId, Long attempt, Action action) {
	}

}
