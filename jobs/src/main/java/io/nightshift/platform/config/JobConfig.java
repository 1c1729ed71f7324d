package io.nightshift.platform.config;

import java.util.Optional;

/**
 * One job's job-config file, bound and validated.
 *
 * @param job the job name (and file name)
 * @param source where it was read from, for messages
 * @param enabled whether the scheduler fires it
 * @param schedule when it fires; empty for jobs that are only launched on demand
 * @param recovery retries of transient failures and restarts after a dead process
 * @param settings the job's own settings, of the type its definition names
 */
public record JobConfig(String job, String source, boolean enabled, Optional<Schedule> schedule, Recovery recovery,
		Object settings) {

	public <S> S settings(Class<S> type) {
		return type.cast(this.settings);
	}

}
