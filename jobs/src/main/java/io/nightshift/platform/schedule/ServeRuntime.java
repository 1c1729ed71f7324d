package io.nightshift.platform.schedule;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.nightshift.platform.recovery.StaleRunReaper;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * What {@code serve} runs besides the web server: the clustered scheduler with triggers
 * from the job configs, and the stale-run reaper on a fixed interval. Blocks until the
 * application shuts down (SIGTERM), which stops running executions cleanly first.
 */
@Component
public class ServeRuntime implements ApplicationListener<ContextClosedEvent> {

	private static final Logger log = LoggerFactory.getLogger(ServeRuntime.class);

	private final ObjectProvider<Scheduler> scheduler;

	private final ScheduleRegistrar registrar;

	private final StaleRunReaper reaper;

	private final Duration reaperInterval;

	private final CountDownLatch closed = new CountDownLatch(1);

	private ScheduledExecutorService reaperLoop;

	private ExecutorService restarts;

	ServeRuntime(ObjectProvider<Scheduler> scheduler, ScheduleRegistrar registrar, StaleRunReaper reaper,
			@Value("${nightshift.reaper.interval:PT15S}") Duration reaperInterval) {
		this.scheduler = scheduler;
		this.registrar = registrar;
		this.reaper = reaper;
		this.reaperInterval = reaperInterval;
	}

	/**
	 * Registers the triggers, starts the scheduler and the reaper; returns the scheduled
	 * jobs.
	 */
	public List<String> start() throws SchedulerException {
		Scheduler quartz = this.scheduler.getIfAvailable();
		if (quartz == null) {
			throw new IllegalStateException("no scheduler in this process (serve runs with Quartz enabled)");
		}
		List<String> scheduled = this.registrar.sync(quartz);
		quartz.start();
		this.restarts = Executors.newSingleThreadExecutor((runnable) -> new Thread(runnable, "nightshift-restarts"));
		this.reaperLoop = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "nightshift-reaper");
			thread.setDaemon(true);
			return thread;
		});
		this.reaperLoop.scheduleWithFixedDelay(this::reap, 0, this.reaperInterval.toMillis(), TimeUnit.MILLISECONDS);
		log.info("scheduler {} started with {} scheduled jobs; reaper every {}", quartz.getSchedulerInstanceId(),
				scheduled.size(), this.reaperInterval);
		return scheduled;
	}

	public String instanceId() throws SchedulerException {
		return this.scheduler.getObject().getSchedulerInstanceId();
	}

	/** Waits until the application context closes. */
	public void awaitShutdown() throws InterruptedException {
		this.closed.await();
	}

	private void reap() {
		try {
			this.reaper.reapOnce(this.restarts);
		}
		catch (RuntimeException ex) {
			log.warn("the stale-run reaper failed this round: {}", ex.getMessage());
		}
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (this.reaperLoop != null) {
			this.reaperLoop.shutdownNow();
		}
		if (this.restarts != null) {
			this.restarts.shutdown();
		}
		this.closed.countDown();
	}

}
