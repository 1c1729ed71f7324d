package io.nightshift.ledger;

import java.util.List;

import io.nightshift.platform.launch.ExitCodeMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Ends a snapshot run with what it did: exit status NOTHING_TO_DO (exit code 3) when no
 * tenant got a new entry in any execution of the period's attempt, else COMPLETED with
 * the counts; and logs the run with its coverage.
 */
class SnapshotRunListener implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(SnapshotRunListener.class);

	private final Ledger ledger;

	private final SnapshotCapture capture;

	private final JobRepository repository;

	SnapshotRunListener(Ledger ledger, SnapshotCapture capture, JobRepository repository) {
		this.ledger = ledger;
		this.capture = capture;
		this.repository = repository;
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.capture.finished(execution.getId());
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			return;
		}
		// A restart finishes what a failed execution began: what counts is the attempt.
		List<Long> executions = this.repository.getJobExecutions(execution.getJobInstance())
			.stream()
			.map(JobExecution::getId)
			.toList();
		Ledger.AppendCounts counts = this.ledger.appendedBy(executions);
		long tenants = 0;
		long unchanged = 0;
		long kept = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().contains(":")) {
				tenants += step.getReadCount();
				unchanged += step.getExecutionContext().getLong(SnapshotProcessor.UNCHANGED, 0L);
				kept += step.getExecutionContext().getLong(SnapshotProcessor.KEPT_COMPLETE, 0L);
			}
		}
		String summary = "appended " + counts.appended() + " entr" + ((counts.appended() == 1) ? "y" : "ies") + " ("
				+ counts.revised() + " new revisions, " + counts.partial() + " partial); this execution read " + tenants
				+ " tenants: " + unchanged + " unchanged, " + kept + " partial captures kept behind a complete entry";
		log.info("{} {} --tenant {}: {}", execution.getJobInstance().getJobName(),
				execution.getJobParameters().getLocalDate("date"), execution.getJobParameters().getString("tenant"),
				summary);
		if (counts.appended() == 0) {
			execution.setExitStatus(
					ExitCodeMapping.NOTHING_TO_DO.addExitDescription("no tenant got a new entry: " + summary));
		}
		else {
			execution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
		}
	}

}
