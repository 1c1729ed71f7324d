package io.nightshift.platform.schedule;

import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduler shuts down after the process has stopped its running executions (the
 * graceful shutdown runs in the highest lifecycle phase); otherwise Quartz would wait for
 * its jobs, which only end once they are asked to stop.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerPhase {

	@Bean
	SchedulerFactoryBeanCustomizer schedulerShutsDownAfterRuns() {
		return (factory) -> factory.setPhase(Integer.MAX_VALUE - 1000);
	}

}
