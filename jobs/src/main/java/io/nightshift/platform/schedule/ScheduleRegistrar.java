package io.nightshift.platform.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;

import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.config.JobConfig;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.config.Schedule;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the scheduler's triggers in line with the job configs: one cron trigger per
 * enabled job with a schedule, replaced only when its cron, zone or misfire policy
 * changed (so that nodes starting one after another do not reset each other's next fire
 * times), removed for disabled or unknown jobs.
 */
@Component
public class ScheduleRegistrar {

	/** The Quartz group of nightshift's jobs and triggers. */
	public static final String GROUP = "nightshift";

	private static final Logger log = LoggerFactory.getLogger(ScheduleRegistrar.class);

	private final JobCatalog catalog;

	private final JobConfigs configs;

	ScheduleRegistrar(JobCatalog catalog, JobConfigs configs) {
		this.catalog = catalog;
		this.configs = configs;
	}

	/**
	 * Brings the scheduler's triggers in line with the job configs; returns the scheduled
	 * jobs.
	 */
	public List<String> sync(Scheduler scheduler) throws SchedulerException {
		List<String> scheduled = new ArrayList<>();
		List<String> known = new ArrayList<>();
		for (JobDefinition definition : this.catalog.definitions()) {
			known.add(definition.name());
			JobConfig config = this.configs.config(definition.name());
			TriggerKey key = TriggerKey.triggerKey(definition.name(), GROUP);
			if (config.enabled() && config.schedule().isPresent()) {
				schedule(scheduler, definition.name(), config.schedule().get());
				scheduled.add(definition.name());
			}
			else if (scheduler.checkExists(key)) {
				scheduler.unscheduleJob(key);
				log.info("unscheduled {} (disabled or without schedule)", definition.name());
			}
		}
		Set<TriggerKey> existing = scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP));
		for (TriggerKey key : existing) {
			if (!known.contains(key.getName())) {
				scheduler.unscheduleJob(key);
				scheduler.deleteJob(JobKey.jobKey(key.getName(), GROUP));
				log.info("removed the trigger of {}, which is no job of this build", key.getName());
			}
		}
		return scheduled;
	}

	private void schedule(Scheduler scheduler, String job, Schedule schedule) throws SchedulerException {
		TriggerKey key = TriggerKey.triggerKey(job, GROUP);
		CronTrigger desired = trigger(job, schedule);
		if (scheduler.getTrigger(key) instanceof CronTrigger current && same(current, desired)) {
			return;
		}
		JobDetail detail = JobBuilder.newJob(ScheduledLaunch.class)
			.withIdentity(job, GROUP)
			.usingJobData(ScheduledLaunch.JOB, job)
			.storeDurably()
			.withDescription("launches " + job + " through the launch service")
			.build();
		try {
			scheduler.addJob(detail, true);
			if (scheduler.checkExists(key)) {
				scheduler.rescheduleJob(key, desired);
			}
			else {
				scheduler.scheduleJob(desired);
			}
			log.info("scheduled {}: '{}' in {} (misfire: {})", job, schedule.cron(), schedule.zone(),
					schedule.misfire().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
		}
		catch (ObjectAlreadyExistsException ex) {
			// another node registered it at the same moment; its trigger is equivalent
		}
	}

	private static CronTrigger trigger(String job, Schedule schedule) {
		CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.cron())
			.inTimeZone(TimeZone.getTimeZone(schedule.zone()));
		cron = switch (schedule.misfire()) {
			case SKIP -> cron.withMisfireHandlingInstructionDoNothing();
			case FIRE_ONCE -> cron.withMisfireHandlingInstructionFireAndProceed();
		};
		return TriggerBuilder.newTrigger()
			.withIdentity(job, GROUP)
			.forJob(job, GROUP)
			.withSchedule(cron)
			.withDescription(schedule.cron() + " " + schedule.zone())
			.build();
	}

	private static boolean same(CronTrigger current, CronTrigger desired) {
		return Objects.equals(current.getCronExpression(), desired.getCronExpression())
				&& Objects.equals(current.getTimeZone().getID(), desired.getTimeZone().getID())
				&& current.getMisfireInstruction() == desired.getMisfireInstruction();
	}

}
