package io.nightshift.platform.batch;

import io.nightshift.platform.launch.LaunchParameters;
import io.nightshift.platform.launch.RunLeases;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Checks after every chunk write, inside the chunk's transaction, that the execution
 * still holds the lease epoch it was launched with: a zombie (a run declared dead by the
 * reaper while it was only slow) fails instead of committing.
 */
class LeaseFence implements ItemWriteListener<Object> {

	private final RunLeases leases;

	LeaseFence(RunLeases leases) {
		this.leases = leases;
	}

	@Override
	public void afterWrite(Chunk<? extends Object> items) {
		StepContext context = StepSynchronizationManager.getContext();
		if (context == null) {
			return;
		}
		JobExecution execution = context.getStepExecution().getJobExecution();
		JobParameters parameters = execution.getJobParameters();
		Long epoch = parameters.getLong(LaunchParameters.LEASE_EPOCH);
		if (epoch == null || parameters.getLocalDate("date") == null) {
			return;
		}
		this.leases.verifyHeld(execution.getJobInstance().getJobName(), parameters.getLocalDate("date"),
				parameters.getString("tenant"), epoch);
	}

}
