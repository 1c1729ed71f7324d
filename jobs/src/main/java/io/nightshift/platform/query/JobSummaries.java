package io.nightshift.platform.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.config.JobConfig;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.config.Schedule;
import org.quartz.CronExpression;

import org.springframework.stereotype.Component;

/**
 * Every job with its schedule, next fire and last outcome: {@code jobs}, the dashboard
 * and the API.
 */
@Component
public class JobSummaries {

	private final JobCatalog catalog;

	private final JobConfigs configs;

	private final ExecutionQueries executions;

	JobSummaries(JobCatalog catalog, JobConfigs configs, ExecutionQueries executions) {
		this.catalog = catalog;
		this.configs = configs;
		this.executions = executions;
	}

	public List<JobSummary> all() {
		List<JobSummary> jobs = new ArrayList<>();
		for (JobDefinition definition : this.catalog.definitions()) {
			JobConfig config = this.configs.config(definition.name());
			jobs.add(new JobSummary(definition.name(), definition.description(),
					definition.period().name().toLowerCase(Locale.ROOT), config.enabled(),
					config.schedule().map(Schedule::cron).orElse(null),
					config.schedule().map((schedule) -> schedule.zone().getId()).orElse(null),
					config.enabled() ? config.schedule().map(JobSummaries::nextFire).orElse(null) : null,
					this.configs.knownSettings(definition), this.executions.latest(definition.name()).orElse(null)));
		}
		return jobs;
	}

	/** Where the job configs came from. */
	public String configLocation() {
		return this.configs.location();
	}

	static Instant nextFire(Schedule schedule) {
		try {
			CronExpression cron = new CronExpression(schedule.cron());
			cron.setTimeZone(TimeZone.getTimeZone(schedule.zone()));
			Date next = cron.getNextValidTimeAfter(new Date());
			return (next != null) ? next.toInstant() : null;
		}
		catch (java.text.ParseException ex) {
			return null;
		}
	}

	/**
	 * One job.
	 *
	 * @param name the job name
	 * @param description what it does
	 * @param period daily or weekly
	 * @param enabled whether the scheduler fires it
	 * @param schedule its Quartz cron, if scheduled
	 * @param zone the zone of the cron and of its periods
	 * @param nextFire when it fires next, if enabled and scheduled
	 * @param settings the settings it accepts
	 * @param lastExecution its newest execution, if it ever ran
	 */
	public record JobSummary(String name, String description, String period, boolean enabled, String schedule,
			String zone, Instant nextFire, String settings, ExecutionSummary lastExecution) {
	}

}
