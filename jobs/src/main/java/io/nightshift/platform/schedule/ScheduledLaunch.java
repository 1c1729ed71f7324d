package io.nightshift.platform.schedule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.config.Schedule;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.RunEnvironment;
import io.nightshift.platform.launch.RunIdentity;
import io.nightshift.platform.launch.Trigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The one bridge from a Quartz trigger to the launch service, for every job. The run's
 * logical date comes from the trigger's scheduled fire time (in the job's zone) and the
 * job's period rule (previous day, previous ISO week), never from the wall clock: a fire
 * that runs late still processes the period it was scheduled for.
 */
@DisallowConcurrentExecution
public class ScheduledLaunch extends QuartzJobBean {

	/** The job-data key holding the nightshift job name. */
	public static final String JOB = "job";

	private static final Logger log = LoggerFactory.getLogger(ScheduledLaunch.class);

	@Autowired
	private LaunchService launcher;

	@Autowired
	private JobCatalog catalog;

	@Autowired
	private JobConfigs configs;

	@Autowired
	private RunEnvironment environment;

	@Override
	protected void executeInternal(JobExecutionContext context) {
		String job = context.getMergedJobDataMap().getString(JOB);
		JobDefinition definition = this.catalog.require(job);
		ZoneId zone = this.configs.config(job).schedule().map(Schedule::zone).orElse(ZoneId.of("UTC"));
		LocalDate fireDate = LocalDate.ofInstant(context.getScheduledFireTime().toInstant(), zone);
		LocalDate period = definition.period().periodForFireDate(fireDate);
		Requester scheduler = new Requester(Trigger.SCHEDULE, "scheduler@" + this.environment.host(),
				"scheduled fire at " + context.getScheduledFireTime().toInstant());
		LaunchOutcome outcome = this.launcher
			.run(new LaunchRequest(job, period, RunIdentity.ALL_TENANTS, Map.of(), scheduler));
		log.info("scheduled {} for {}: {}", job, period, outcome.message());
	}

}
