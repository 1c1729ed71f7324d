package io.nightshift.aggregate;

import io.nightshift.platform.launch.ExitCodeMapping;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * A day without build metrics completes with NOTHING_TO_DO (exit 3); otherwise the exit
 * description says what was published.
 */
class PerfAggregateExitStatusListener implements JobExecutionListener {

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			return;
		}
		int published = execution.getExecutionContext().getInt(PublishDayTasklet.PUBLISHED, 0);
		int regressions = execution.getExecutionContext().getInt(PublishDayTasklet.REGRESSIONS, 0);
		long kept = execution.getExecutionContext().getLong(PublishDayTasklet.KEPT, 0);
		String keptNote = (kept > 0) ? "; kept " + kept + " rows of tenants without build metrics left" : "";
		if (published == 0) {
			execution.setExitStatus(new ExitStatus(ExitCodeMapping.NOTHING_TO_DO.getExitCode(),
					"no build metrics finished on " + execution.getJobParameters().getLocalDate("date") + keptNote));
		}
		else {
			execution.setExitStatus(ExitStatus.COMPLETED
				.addExitDescription("published " + published + " rows; " + regressions + " regressions" + keptNote));
		}
	}

}
