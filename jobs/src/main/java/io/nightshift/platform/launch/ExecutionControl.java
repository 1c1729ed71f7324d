package io.nightshift.platform.launch;

import java.time.Duration;
import java.util.Optional;

import io.nightshift.platform.ExitCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Stop, abandon and recover: the operations on an existing execution, audited like
 * launches. They work across processes: the execution may run in another process or on
 * another node.
 */
@Service
public class ExecutionControl {

	private static final Logger log = LoggerFactory.getLogger(ExecutionControl.class);

	private final JobOperator operator;

	private final JobRepository repository;

	private final RunLeases leases;

	private final LaunchAudit audit;

	private final RunEnvironment environment;

	ExecutionControl(JobOperator operator, JobRepository repository, RunLeases leases, LaunchAudit audit,
			RunEnvironment environment) {
		this.operator = operator;
		this.repository = repository;
		this.leases = leases;
		this.audit = audit;
		this.environment = environment;
	}

	/**
	 * Asks a running execution to stop at its next chunk boundary and waits up to
	 * {@code wait} for it to end STOPPED (restartable).
	 */
	public LaunchOutcome stop(long executionId, Requester requester, Duration wait) {
		JobExecution execution = require(executionId);
		RunIdentity identity = identity(execution);
		long auditId = this.audit.requested("stop", identity.job(), identity, requester, null, executionId);
		LaunchOutcome outcome;
		try {
			requestStop(executionId);
			log.info("stop requested for execution {} of {}", executionId, identity.describe());
			JobExecution current = awaitEnd(executionId, wait);
			if (current.getStatus().isRunning()) {
				outcome = outcome(identity, current, ExitCodes.ALREADY_RUNNING,
						"stop requested; execution " + executionId + " is still " + current.getStatus() + " after "
								+ wait.toSeconds()
								+ "s (it stops at its next chunk boundary); if its process died: nightshift recover "
								+ executionId);
			}
			else {
				outcome = outcome(identity, current, ExitCodes.COMPLETED, "execution " + executionId + " ended "
						+ current.getStatus() + "; resume it with: nightshift restart " + executionId);
			}
		}
		catch (JobExecutionNotRunningException ex) {
			outcome = outcome(identity, execution, ExitCodes.ALREADY_COMPLETE,
					"nothing to stop: execution " + executionId + " is " + execution.getStatus());
		}
		this.audit.finished(auditId, outcome);
		return outcome;
	}

	/** Marks a stopped or failed execution ABANDONED: it will not be restarted. */
	public LaunchOutcome abandon(long executionId, Requester requester) {
		JobExecution execution = require(executionId);
		RunIdentity identity = identity(execution);
		long auditId = this.audit.requested("abandon", identity.job(), identity, requester, null, executionId);
		LaunchOutcome outcome;
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			outcome = outcome(identity, execution, ExitCodes.USAGE,
					"execution " + executionId + " completed; only failed or stopped executions can be abandoned");
		}
		else {
			try {
				JobExecution abandoned = this.operator.abandon(execution);
				outcome = outcome(identity, abandoned, ExitCodes.COMPLETED,
						"execution " + executionId + " abandoned; a new attempt needs: nightshift rerun "
								+ identity.describe() + " --reason TEXT");
			}
			catch (JobExecutionAlreadyRunningException ex) {
				outcome = outcome(identity, execution, ExitCodes.ALREADY_RUNNING, "execution " + executionId + " is "
						+ execution.getStatus() + "; stop it first (or recover it if its process died)");
			}
		}
		this.audit.finished(auditId, outcome);
		return outcome;
	}

	/**
	 * Marks an execution whose process died (left STARTED or STOPPING) FAILED so that it
	 * can be restarted. Refuses while the execution's lease is live and its owner may
	 * still be running, unless forced.
	 */
	public LaunchOutcome recover(long executionId, Requester requester, boolean force) {
		JobExecution execution = require(executionId);
		RunIdentity identity = identity(execution);
		long auditId = this.audit.requested("recover", identity.job(), identity, requester, null, executionId);
		LaunchOutcome outcome;
		Optional<RunLeases.Holder> holder = this.leases.holder(identity.job(), identity.date(), identity.tenant())
			.filter((live) -> live.executionId() == null || live.executionId() == executionId);
		if (!execution.getStatus().isRunning()) {
			outcome = outcome(identity, execution, ExitCodes.ALREADY_COMPLETE,
					"nothing to recover: execution " + executionId + " is " + execution.getStatus());
		}
		else if (holder.isPresent() && ownerMayBeAlive(holder.get()) && !force) {
			outcome = outcome(identity, execution, ExitCodes.ALREADY_RUNNING,
					"execution " + executionId + " looks alive: its lease is held by " + holder.get().describe()
							+ "; if that process is gone, retry after the lease expires or use --force");
		}
		else {
			JobExecution recovered = this.operator.recover(execution);
			this.leases.expire(identity.job(), identity.date(), identity.tenant(), executionId);
			outcome = outcome(identity, recovered, ExitCodes.COMPLETED, "execution " + executionId + " recovered as "
					+ recovered.getStatus() + "; resume it with: nightshift restart " + executionId);
		}
		this.audit.finished(auditId, outcome);
		return outcome;
	}

	/**
	 * Batch 6's stop also marks the running step executions STOPPING, with the version it
	 * read; a chunk committing meanwhile bumps that version and the stop fails (and rolls
	 * back) with an optimistic locking failure. Reading the execution again and repeating
	 * the request settles it.
	 */
	private void requestStop(long executionId) throws JobExecutionNotRunningException {
		for (int attempt = 1;; attempt++) {
			try {
				this.operator.stop(require(executionId));
				return;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == 10) {
					throw ex;
				}
				try {
					Thread.sleep(20L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/** On this host a dead pid settles it; elsewhere only an expired lease does. */
	private boolean ownerMayBeAlive(RunLeases.Holder holder) {
		if (holder.host().equals(this.environment.host())) {
			return ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false);
		}
		return true;
	}

	private JobExecution awaitEnd(long executionId, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		JobExecution current = require(executionId);
		while (current.getStatus().isRunning() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			current = require(executionId);
		}
		return current;
	}

	private JobExecution require(long executionId) {
		return Executions.require(this.repository, executionId);
	}

	private static RunIdentity identity(JobExecution execution) {
		return RunIdentity.of(execution.getJobInstance().getJobName(), execution.getJobParameters());
	}

	private static LaunchOutcome outcome(RunIdentity identity, JobExecution execution, int exitCode, String message) {
		return new LaunchOutcome(execution.getId(), identity.job(), identity.date(), identity.tenant(),
				identity.attempt(), execution.getStatus().toString(), exitCode, message);
	}

}
