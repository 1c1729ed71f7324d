package io.nightshift.platform.batch;

import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The logging context of work done inside a job: every log line carries the job name,
 * execution id, step and tenant (MDC keys {@code job}, {@code execution}, {@code step},
 * {@code tenant}, and {@code run} combining them for the text log pattern).
 */
public final class RunContext {

	public static final String PARTITION_TENANT = "partition.tenant";

	private RunContext() {
	}

	static void enter(JobExecution execution) {
		put(execution.getJobInstance().getJobName(), execution.getId(), null,
				execution.getJobParameters().getString("tenant"));
	}

	static void enter(StepExecution step) {
		JobExecution job = step.getJobExecution();
		String tenant = step.getExecutionContext().containsKey(PARTITION_TENANT)
				? step.getExecutionContext().getString(PARTITION_TENANT) : job.getJobParameters().getString("tenant");
		put(job.getJobInstance().getJobName(), job.getId(), step.getStepName(), tenant);
	}

	/** Narrows the tenant of the current log lines, for steps that loop over tenants. */
	public static void tenant(String tenant) {
		MDC.put("tenant", tenant);
		MDC.put("run", describe(MDC.get("job"), MDC.get("execution"), MDC.get("step"), tenant));
	}

	static void leave() {
		MDC.remove("job");
		MDC.remove("execution");
		MDC.remove("step");
		MDC.remove("tenant");
		MDC.remove("run");
	}

	private static void put(String job, long executionId, String step, String tenant) {
		MDC.put("job", job);
		MDC.put("execution", Long.toString(executionId));
		if (step != null) {
			MDC.put("step", step);
		}
		if (tenant != null) {
			MDC.put("tenant", tenant);
		}
		MDC.put("run", describe(job, Long.toString(executionId), step, tenant));
	}

	private static String describe(String job, String execution, String step, String tenant) {
		StringBuilder run = new StringBuilder().append(job).append('#').append(execution);
		if (step != null) {
			run.append(' ').append(step);
		}
		if (tenant != null) {
			run.append(" tenant=").append(tenant);
		}
		return run.toString();
	}

}
