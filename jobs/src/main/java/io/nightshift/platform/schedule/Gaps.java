package io.nightshift.platform.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeSet;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.config.JobConfig;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.config.Schedule;
import io.nightshift.platform.launch.PeriodHistory;
import io.nightshift.platform.launch.RunIdentity;
import org.quartz.CronExpression;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The periods a job's schedule expected in a range that have no successful execution, and
 * why: never ran (no request at all, as after a skipped misfire or a stopped scheduler;
 * or refused), failed, stopped, abandoned, or still running. Expected periods are derived
 * from the cron (the fires in the range and the period each one processes), so a job that
 * runs on weekdays only is not reported for weekends.
 */
@Component
public class Gaps {

	private final JobCatalog catalog;

	private final JobConfigs configs;

	private final PeriodHistory history;

	private final JdbcClient jdbc;

	private final Clock clock;

	Gaps(JobCatalog catalog, JobConfigs configs, PeriodHistory history, JdbcClient jdbc, Clock clock) {
		this.catalog = catalog;
		this.configs = configs;
		this.history = history;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Gap> find(LocalDate from, LocalDate to, Optional<String> job) {
		if (from.isAfter(to)) {
			throw NightshiftException.usage("--from " + from + " is after --to " + to);
		}
		List<Gap> gaps = new ArrayList<>();
		for (JobDefinition definition : definitions(job)) {
			for (LocalDate period : expectedPeriods(definition, from, to)) {
				gap(definition.name(), period).ifPresent(gaps::add);
			}
		}
		return gaps;
	}

	/** The periods the job's schedule processed with fires up to now, within from..to. */
	public List<LocalDate> expectedPeriods(JobDefinition definition, LocalDate from, LocalDate to) {
		JobConfig config = this.configs.config(definition.name());
		if (!config.enabled() || config.schedule().isEmpty()) {
			return List.of();
		}
		Schedule schedule = config.schedule().get();
		ZoneId zone = schedule.zone();
		CronExpression cron = cron(schedule);
		TreeSet<LocalDate> periods = new TreeSet<>();
		LocalDate first = definition.period().normalize(from);
		Instant now = this.clock.instant();
		Instant cursor = first.atStartOfDay(zone).toInstant();
		// Fires up to one period (and a week of slack) after the range process periods
		// inside it.
		Instant end = to.plusDays(15).atStartOfDay(zone).toInstant();
		Date next = cron.getNextValidTimeAfter(Date.from(cursor));
		while (next != null && next.toInstant().isBefore(end) && !next.toInstant().isAfter(now)) {
			LocalDate period = definition.period().periodForFireDate(LocalDate.ofInstant(next.toInstant(), zone));
			if (!period.isBefore(first) && !period.isAfter(to)) {
				periods.add(period);
			}
			next = cron.getNextValidTimeAfter(next);
		}
		return List.copyOf(periods);
	}

	/**
	 * How long ago the newest successful period of the job ended, if one ever succeeded.
	 */
	public Optional<Duration> ageOfLastSuccess(String job) {
		JobDefinition definition = this.catalog.require(job);
		return this.jdbc
			.sql("""
					SELECT max(CAST(d.parameter_value AS DATE)) FROM batch_job_execution e
					  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
					  JOIN batch_job_execution_params d ON d.job_execution_id = e.job_execution_id AND d.parameter_name = 'date'
					 WHERE i.job_name = :job AND e.status = 'COMPLETED'
					""")
			.param("job", job)
			.query(LocalDate.class)
			.optional()
			.map((period) -> {
				ZoneId zone = this.configs.config(job).schedule().map(Schedule::zone).orElse(ZoneId.of("UTC"));
				Instant periodEnd = definition.period().next(period).atStartOfDay(zone).toInstant();
				return Duration.between(periodEnd, this.clock.instant());
			});
	}

	private Optional<Gap> gap(String job, LocalDate period) {
		String tenant = RunIdentity.ALL_TENANTS;
		Optional<PeriodHistory.PeriodExecution> latest = this.history.latest(job, period, tenant);
		if (latest.isEmpty()) {
			Optional<String> refusal = this.jdbc.sql("""
					SELECT outcome || ': ' || coalesce(message, '') FROM launch_audit
					 WHERE job_name = :job AND period = :period AND tenant = :tenant ORDER BY id DESC LIMIT 1
					""")
				.param("job", job)
				.param("period", period)
				.param("tenant", tenant)
				.query(String.class)
				.optional();
			return Optional
				.of(new Gap(job, period, tenant, "NEVER_RAN", refusal.map((text) -> "requested but refused: " + text)
					.orElse("no launch request: a misfire was skipped or no scheduler ran"), null));
		}
		PeriodHistory.PeriodExecution execution = latest.get();
		if (execution.status() == BatchStatus.COMPLETED) {
			return Optional.empty();
		}
		String reason = execution.status().isRunning() ? "RUNNING" : execution.status().name();
		return Optional.of(new Gap(job, period, tenant, reason, "latest execution " + execution.id() + " (attempt "
				+ execution.attempt() + ") is " + execution.status(), execution.id()));
	}

	private List<JobDefinition> definitions(Optional<String> job) {
		return job.map((name) -> List.of(this.catalog.require(name))).orElseGet(this.catalog::definitions);
	}

	private static CronExpression cron(Schedule schedule) {
		try {
			CronExpression cron = new CronExpression(schedule.cron());
			cron.setTimeZone(TimeZone.getTimeZone(schedule.zone()));
			return cron;
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException("validated cron no longer parses: " + schedule.cron(), ex);
		}
	}

	/**
	 * A period without a successful execution.
	 *
	 * @param job the job
	 * @param period the period
	 * @param tenant the tenant scheduled runs use ({@code all})
	 * @param state NEVER_RAN, FAILED, STOPPED, ABANDONED or RUNNING
	 * @param detail why, for people
	 * @param executionId the latest execution, if any
	 */
	public record Gap(String job, LocalDate period, String tenant, String state, String detail, Long executionId) {
	}

}
