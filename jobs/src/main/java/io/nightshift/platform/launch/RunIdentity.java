package io.nightshift.platform.launch;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run's identity: the job and its logical period ({@code date}, {@code tenant}), the
 * attempt (1 unless rerun), and for jobs whose runs are not only told apart by period,
 * further keys (e.g. the digest of an ingested input). These are the only identifying job
 * parameters; never a timestamp.
 */
public record RunIdentity(String job, LocalDate date, String tenant, long attempt, Map<String, String> keys) {

	public static final String DATE = "date";

	public static final String TENANT = "tenant";

	public static final String ATTEMPT = "attempt";

	/** The tenant value meaning every tenant. */
	public static final String ALL_TENANTS = "all";

	public RunIdentity {
		keys = (keys == null) ? Map.of() : Map.copyOf(new TreeMap<>(keys));
	}

	public RunIdentity(String job, LocalDate date, String tenant, long attempt) {
		this(job, date, tenant, attempt, Map.of());
	}

	public JobParametersBuilder toParameters() {
		JobParametersBuilder builder = new JobParametersBuilder().addLocalDate(DATE, this.date, true)
			.addString(TENANT, this.tenant, true)
			.addLong(ATTEMPT, this.attempt, true);
		new TreeMap<>(this.keys).forEach((key, value) -> builder.addString(key, value, true));
		return builder;
	}

	public JobParameters toJobParameters() {
		return toParameters().toJobParameters();
	}

	public RunIdentity withAttempt(long attempt) {
		return new RunIdentity(this.job, this.date, this.tenant, attempt, this.keys);
	}

	public static RunIdentity of(String job, JobParameters parameters) {
		Map<String, String> keys = new TreeMap<>();
		for (JobParameter<?> parameter : parameters.getIdentifyingParameters()) {
			if (!parameter.name().equals(DATE) && !parameter.name().equals(TENANT)
					&& !parameter.name().equals(ATTEMPT)) {
				keys.put(parameter.name(), String.valueOf(parameter.value()));
			}
		}
		return new RunIdentity(job, parameters.getLocalDate(DATE), parameters.getString(TENANT),
				parameters.getLong(ATTEMPT, 1L), keys);
	}

	/**
	 * As an operator would type it:
	 * {@code perf-aggregate --date 2026-11-22 --tenant acme}.
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.job).append(" --date ")
			.append(this.date)
			.append(" --tenant ")
			.append(this.tenant);
		new TreeMap<>(this.keys)
			.forEach((key, value) -> text.append(" (").append(key).append(' ').append(value).append(')'));
		if (this.attempt > 1) {
			text.append(" (attempt ").append(this.attempt).append(')');
		}
		return text.toString();
	}

}
