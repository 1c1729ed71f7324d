package io.nightshift.platform.launch;

import io.nightshift.platform.ExitCodes;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * Maps a finished execution to the exit-code contract. A job reports "nothing to do" or
 * "a check failed" through its exit status ({@link #NOTHING_TO_DO},
 * {@link #CHECK_FAILED}) while its batch status stays COMPLETED, because such runs did
 * their work correctly.
 */
public final class ExitCodeMapping {

	/** Exit status of a completed run that found nothing new (exit code 3). */
	public static final ExitStatus NOTHING_TO_DO = new ExitStatus("NOTHING_TO_DO", "nothing new to do");

	/** Exit status of a completed run whose check failed (exit code 6). */
	public static final ExitStatus CHECK_FAILED = new ExitStatus("CHECK_FAILED", "check failed");

	private ExitCodeMapping() {
	}

	public static int exitCode(JobExecution execution) {
		return exitCode(execution.getStatus(), execution.getExitStatus().getExitCode());
	}

	public static int exitCode(BatchStatus status, String exitStatusCode) {
		if (status != BatchStatus.COMPLETED) {
			return status.isRunning() ? ExitCodes.ALREADY_RUNNING : ExitCodes.FAILED;
		}
		if (NOTHING_TO_DO.getExitCode().equals(exitStatusCode)) {
			return ExitCodes.ALREADY_COMPLETE;
		}
		if (CHECK_FAILED.getExitCode().equals(exitStatusCode)) {
			return ExitCodes.CHECK_FAILED;
		}
		return ExitCodes.COMPLETED;
	}

}
