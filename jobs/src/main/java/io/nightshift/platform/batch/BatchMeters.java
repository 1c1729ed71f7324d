package io.nightshift.platform.batch;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Job and step figures for Prometheus: duration and outcome of every execution, items per
 * step. Recorded on Micrometer's global registry, to which Boot binds its registries.
 */
final class BatchMeters {

	private BatchMeters() {
	}

	static void jobEnded(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		String status = execution.getStatus().toString();
		if (execution.getStartTime() != null && execution.getEndTime() != null) {
			Timer.builder("nightshift.job.duration")
				.description("wall time of job executions")
				.tag("job", job)
				.tag("status", status)
				.register(Metrics.globalRegistry)
				.record(Duration.between(execution.getStartTime(), execution.getEndTime()));
		}
		Counter.builder("nightshift.job.executions")
			.description("job executions by final status (FAILED counts failures)")
			.tag("job", job)
			.tag("status", status)
			.register(Metrics.globalRegistry)
			.increment();
	}

	static void stepEnded(StepExecution step) {
		String job = step.getJobExecution().getJobInstance().getJobName();
		items(job, step.getStepName(), "read", step.getReadCount());
		items(job, step.getStepName(), "written", step.getWriteCount());
		items(job, step.getStepName(), "filtered", step.getFilterCount());
		items(job, step.getStepName(), "skipped", step.getSkipCount());
		if (step.getStartTime() != null && step.getEndTime() != null) {
			Timer.builder("nightshift.step.duration")
				.tag("job", job)
				.tag("step", step.getStepName())
				.tag("status", step.getStatus().toString())
				.register(Metrics.globalRegistry)
				.record(Duration.between(step.getStartTime(), step.getEndTime()));
		}
	}

	private static void items(String job, String step, String kind, long count) {
		Counter.builder("nightshift.step.items")
			.description("items read, written, filtered and skipped by steps")
			.tag("job", job)
			.tag("step", step)
			.tag("kind", kind)
			.register(Metrics.globalRegistry)
			.increment(count);
	}

}
