package io.nightshift.platform.schedule;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The scheduler of {@code serve}: UP when it fires triggers, OUT_OF_SERVICE in standby.
 */
@Component("schedulerHealthIndicator")
class SchedulerHealthIndicator extends AbstractHealthIndicator {

	private final ObjectProvider<Scheduler> scheduler;

	SchedulerHealthIndicator(ObjectProvider<Scheduler> scheduler) {
		super("scheduler health check failed");
		this.scheduler = scheduler;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws SchedulerException {
		Scheduler quartz = this.scheduler.getIfAvailable();
		if (quartz == null) {
			builder.unknown().withDetail("scheduler", "not part of this process");
			return;
		}
		boolean firing = quartz.isStarted() && !quartz.isInStandbyMode() && !quartz.isShutdown();
		(firing ? builder.up() : builder.outOfService()).withDetail("instanceId", quartz.getSchedulerInstanceId())
			.withDetail("clustered", quartz.getMetaData().isJobStoreClustered())
			.withDetail("executing", quartz.getCurrentlyExecutingJobs().size());
	}

}
