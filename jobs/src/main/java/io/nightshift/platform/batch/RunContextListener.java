package io.nightshift.platform.batch;

import io.nightshift.platform.launch.LaunchAudit;
import io.nightshift.platform.launch.LaunchParameters;
import io.nightshift.platform.launch.RunLeases;
import io.nightshift.platform.launch.RunningExecutions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Attached to every job and step: links the new execution to the audit row and the lease
 * of the request that created it, and keeps the logging context (MDC) of the running
 * work.
 */
class RunContextListener implements JobExecutionListener, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunContextListener.class);

	private final LaunchAudit audit;

	private final RunLeases leases;

	private final RunningExecutions running;

	RunContextListener(LaunchAudit audit, RunLeases leases, RunningExecutions running) {
		this.audit = audit;
		this.leases = leases;
		this.running = running;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		RunContext.enter(execution);
		log.info("{} started as execution {}", execution.getJobInstance().getJobName(), execution.getId());
		this.running.started(execution.getId());
		JobParameters parameters = execution.getJobParameters();
		Long auditId = parameters.getLong(LaunchParameters.AUDIT_ID);
		if (auditId != null) {
			this.audit.linkExecution(auditId, execution.getId());
		}
		Long epoch = parameters.getLong(LaunchParameters.LEASE_EPOCH);
		if (epoch != null) {
			this.leases.attach(execution.getJobInstance().getJobName(), parameters.getLocalDate("date"),
					parameters.getString("tenant"), epoch, execution.getId());
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		log.info("{} {} with exit status {}", execution.getJobInstance().getJobName(), execution.getStatus(),
				execution.getExitStatus().getExitCode());
		BatchMeters.jobEnded(execution);
		this.running.ended(execution.getId());
		RunContext.leave();
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		RunContext.enter(stepExecution);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		log.info("step {} {}: read {}, written {}, filtered {}, skipped {}, commits {}, rollbacks {}",
				stepExecution.getStepName(), stepExecution.getStatus(), stepExecution.getReadCount(),
				stepExecution.getWriteCount(), stepExecution.getFilterCount(), stepExecution.getSkipCount(),
				stepExecution.getCommitCount(), stepExecution.getRollbackCount());
		BatchMeters.stepEnded(stepExecution);
		RunContext.enter(stepExecution.getJobExecution());
		return null;
	}

}
