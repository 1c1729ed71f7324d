package io.nightshift.platform.launch;

import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run's identity: the job and its logical period ({@code date}, {@code tenant}) and the
 * attempt (1 unless rerun). These are the only identifying job parameters; never a
 * timestamp.
 */
public record RunIdentity(String job, LocalDate date, String tenant, long attempt) {

	public static final String DATE = "date";

	public static final String TENANT = "tenant";

	public static final String ATTEMPT = "attempt";

	/** The tenant value meaning every tenant. */
	public static final String ALL_TENANTS = "all";

	public JobParametersBuilder toParameters() {
		return new JobParametersBuilder().addLocalDate(DATE, this.date, true)
			.addString(TENANT, this.tenant, true)
			.addLong(ATTEMPT, this.attempt, true);
	}

	public JobParameters toJobParameters() {
		return toParameters().toJobParameters();
	}

	public RunIdentity withAttempt(long attempt) {
		return new RunIdentity(this.job, this.date, this.tenant, attempt);
	}

	public static RunIdentity of(String job, JobParameters parameters) {
		return new RunIdentity(job, parameters.getLocalDate(DATE), parameters.getString(TENANT),
				parameters.getLong(ATTEMPT, 1L));
	}

	/**
	 * As an operator would type it:
	 * {@code perf-aggregate --date 2026-11-22 --tenant acme}.
	 */
	public String describe() {
		return this.job + " --date " + this.date + " --tenant " + this.tenant
				+ ((this.attempt > 1) ? " (attempt " + this.attempt + ")" : "");
	}

}
