package io.nightshift.platform.launch;

import java.time.LocalDate;

/**
 * What a request through the launch service came to.
 *
 * @param executionId the execution it created or acted on; null when refused before one
 * existed
 * @param job the job name
 * @param date the period
 * @param tenant the tenant or {@code all}
 * @param attempt the attempt
 * @param status the Spring Batch status of the execution, or the refusal
 * (ALREADY_COMPLETE, ...)
 * @param exitCode the process exit code of the contract (README)
 * @param message one line an operator can act on
 */
public record LaunchOutcome(Long executionId, String job, LocalDate date, String tenant, Long attempt, String status,
		int exitCode, String message) {

	static LaunchOutcome refused(RunIdentity identity, Long executionId, String status, int exitCode, String message) {
		return new LaunchOutcome(executionId, identity.job(), identity.date(), identity.tenant(), identity.attempt(),
				status, exitCode, message);
	}

}
