package io.nightshift.platform.launch;

import io.nightshift.platform.NightshiftException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/** Looks up executions by id with the not-found contract (exit 5). */
final class Executions {

	private Executions() {
	}

	static JobExecution require(JobRepository repository, long executionId) {
		JobExecution execution;
		try {
			execution = repository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			// The JDBC repository of Batch 6 throws here where earlier versions returned
			// null.
			execution = null;
		}
		if (execution == null) {
			throw NightshiftException.notFound("no execution " + executionId);
		}
		return execution;
	}

}
