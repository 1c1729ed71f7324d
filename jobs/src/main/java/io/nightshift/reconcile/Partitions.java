package io.nightshift.reconcile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/** The local partitioning both jobs share. */
final class Partitions {

	private Partitions() {
	}

	/**
	 * Runs the worker step over {@code gridSize} partitions, {@code concurrency} at a
	 * time, on threads named after the job.
	 */
	static TaskExecutorPartitionHandler handler(String job, Step worker, int gridSize, int concurrency) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(job + "-");
		executor.setConcurrencyLimit(concurrency);
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		// The job-scoped worker is resolved here, on the job's thread: the partition
		// threads have no job scope to resolve it in.
		handler.setStep((worker instanceof ScopedObject scoped) ? (Step) scoped.getTargetObject() : worker);
		handler.setGridSize(gridSize);
		handler.setTaskExecutor(executor);
		return handler;
	}

	/**
	 * Sums a counter the worker keeps in its execution context over the partitions of the
	 * job instance. A restarted partition continues the context of its failed attempt, so
	 * the latest execution of each partition holds its whole count.
	 */
	static long total(JobRepository repository, JobExecution current, String worker, String counter) {
		Map<String, StepExecution> latest = new HashMap<>();
		for (JobExecution execution : repository.getJobExecutions(current.getJobInstance())) {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().startsWith(worker + ":")) {
					latest.merge(step.getStepName(), step, (a, b) -> (a.getId() > b.getId()) ? a : b);
				}
			}
		}
		return latest.values().stream().mapToLong((step) -> step.getExecutionContext().getLong(counter, 0L)).sum();
	}

	/**
	 * Makes a failed partitioned step report why a partition failed: the manager step
	 * only says "Partition handler returned an unsuccessful step", and the launch outcome
	 * quotes one failure of the execution.
	 */
	static StepExecutionListener surfaceWorkerFailure(String worker) {
		return new StepExecutionListener() {

			@Override
			public ExitStatus afterStep(StepExecution manager) {
				if (manager.getStatus() != BatchStatus.FAILED) {
					return null;
				}
				manager.getJobExecution()
					.getStepExecutions()
					.stream()
					.filter((step) -> step.getStepName().startsWith(worker + ":"))
					.filter((step) -> !step.getFailureExceptions().isEmpty())
					.min(Comparator.comparingLong(StepExecution::getId))
					.ifPresent((failed) -> {
						manager.getFailureExceptions().clear();
						manager.addFailureException(failed.getFailureExceptions().get(0));
					});
				return null;
			}

		};
	}

}
