package io.nightshift.platform.batch;

import io.nightshift.platform.launch.LaunchAudit;
import io.nightshift.platform.launch.RunLeases;
import io.nightshift.platform.launch.RunningExecutions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.item.ChunkOrientedStep;

/**
 * Attaches the platform's listeners to every job and step bean, so that no job
 * configuration can forget them: audit and lease linking, logging context, and drills
 * ({@link FaultInjection}).
 */
class BatchInstrumentation implements BeanPostProcessor {

	private final ObjectProvider<LaunchAudit> audit;

	private final ObjectProvider<RunLeases> leases;

	private final ObjectProvider<FaultInjection> faults;

	private final ObjectProvider<RunningExecutions> running;

	private RunContextListener listener;

	BatchInstrumentation(ObjectProvider<LaunchAudit> audit, ObjectProvider<RunLeases> leases,
			ObjectProvider<FaultInjection> faults, ObjectProvider<RunningExecutions> running) {
		this.audit = audit;
		this.leases = leases;
		this.faults = faults;
		this.running = running;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractJob job) {
			job.registerJobExecutionListener(listener());
		}
		if (bean instanceof AbstractStep step) {
			step.registerStepExecutionListener(listener());
		}
		if (bean instanceof ChunkOrientedStep<?, ?> step) {
			((ChunkOrientedStep<Object, Object>) step).registerItemWriteListener(this.faults.getObject());
			((ChunkOrientedStep<Object, Object>) step)
				.registerItemWriteListener(new LeaseFence(this.leases.getObject()));
		}
		return bean;
	}

	private synchronized RunContextListener listener() {
		if (this.listener == null) {
			this.listener = new RunContextListener(this.audit.getObject(), this.leases.getObject(),
					this.running.getObject());
		}
		return this.listener;
	}

}
