package io.nightshift.platform.launch;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM (or any orderly shutdown) asks this process's running executions to stop at
 * their next chunk boundary and waits for them, so they end STOPPED and restartable
 * instead of being left STARTED. Runs before the scheduler and the stores shut down
 * (highest lifecycle phase).
 */
@Component
class GracefulShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

	private final RunningExecutions running;

	private final ExecutionControl control;

	private final RunLeases leases;

	private final Duration grace;

	private volatile boolean started;

	GracefulShutdown(RunningExecutions running, ExecutionControl control, RunLeases leases,
			@Value("${nightshift.shutdown.grace:PT60S}") Duration grace) {
		this.running = running;
		this.control = control;
		this.leases = leases;
		this.grace = grace;
	}

	@Override
	public void start() {
		this.started = true;
	}

	@Override
	public void stop() {
		List<Long> executions = this.running.snapshot();
		if (!executions.isEmpty()) {
			log.warn("shutting down: stopping running executions {} (waiting up to {})", executions, this.grace);
			Requester system = new Requester(Trigger.SYSTEM, "nightshift", "the process is shutting down");
			executions.parallelStream().forEach((id) -> {
				try {
					this.control.stop(id, system, this.grace);
				}
				catch (RuntimeException ex) {
					log.warn("could not stop execution {} cleanly: {}", id, ex.getMessage());
				}
			});
			this.leases.releaseAll();
		}
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
