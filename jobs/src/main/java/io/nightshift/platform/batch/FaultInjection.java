package io.nightshift.platform.batch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

/**
 * Drills: makes a job fail part-way or run slowly, to rehearse restarts, stops and crash
 * recovery. Disarmed unless set, either programmatically or with the properties
 * {@code nightshift.faults.fail-after-items.<job>=N} (the first run of the job in this
 * process fails inside the chunk that would take its writes past N; that chunk rolls
 * back) and {@code nightshift.faults.chunk-delay.<job>=PT0.2S} (every chunk write waits
 * that long).
 */
@Component
public class FaultInjection implements ItemWriteListener<Object> {

	private final Map<String, Long> failAfterItems = new ConcurrentHashMap<>();

	private final Map<String, Duration> chunkDelay = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> transientFailures = new ConcurrentHashMap<>();

	FaultInjection(Environment environment) {
		Binder binder = Binder.get(environment);
		this.failAfterItems
			.putAll(binder.bind("nightshift.faults.fail-after-items", Bindable.mapOf(String.class, Long.class))
				.orElse(Map.of()));
		this.chunkDelay
			.putAll(binder.bind("nightshift.faults.chunk-delay", Bindable.mapOf(String.class, Duration.class))
				.orElse(Map.of()));
	}

	/**
	 * The next run of {@code job} fails once its writes in this process would pass
	 * {@code items}.
	 */
	public void failAfterItems(String job, long items) {
		this.written.remove(job);
		this.failAfterItems.put(job, items);
	}

	/**
	 * The next {@code times} chunk writes of {@code job} fail with a transient error (as
	 * a dropped connection would), each rolling its chunk back.
	 */
	public void failTransiently(String job, long times) {
		this.transientFailures.put(job, new AtomicLong(times));
	}

	/** Every chunk write of {@code job} waits {@code delay}. */
	public void delayChunks(String job, Duration delay) {
		this.chunkDelay.put(job, delay);
	}

	public void disarm(String job) {
		this.failAfterItems.remove(job);
		this.chunkDelay.remove(job);
		this.written.remove(job);
		this.transientFailures.remove(job);
	}

	@Override
	public void beforeWrite(Chunk<? extends Object> items) {
		String job = currentJob();
		Duration delay = (job != null) ? this.chunkDelay.get(job) : null;
		if (delay != null) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void afterWrite(Chunk<? extends Object> items) {
		String job = currentJob();
		AtomicLong transientLeft = (job != null) ? this.transientFailures.get(job) : null;
		if (transientLeft != null && transientLeft.getAndDecrement() > 0) {
			throw new TransientDataAccessResourceException(
					"injected transient failure: " + job + " lost its connection (drill)");
		}
		Long limit = (job != null) ? this.failAfterItems.get(job) : null;
		if (limit == null) {
			return;
		}
		long total = this.written.computeIfAbsent(job, (name) -> new AtomicLong()).addAndGet(items.size());
		if (total > limit) {
			this.failAfterItems.remove(job);
			this.written.remove(job);
			throw new InjectedFault("injected fault: " + job + " failed after writing " + (total - items.size())
					+ " items in this process (drill: nightshift.faults.fail-after-items." + job + "=" + limit + ")");
		}
	}

	private static String currentJob() {
		StepContext context = StepSynchronizationManager.getContext();
		return (context != null) ? context.getStepExecution().getJobExecution().getJobInstance().getJobName() : null;
	}

	/** The failure a drill raises. */
	public static class InjectedFault extends RuntimeException {

		InjectedFault(String message) {
			super(message);
		}

	}

}
