package io.nightshift.platform.batch;

import io.nightshift.platform.launch.LaunchAudit;
import io.nightshift.platform.launch.RunLeases;
import io.nightshift.platform.launch.RunningExecutions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link BatchInstrumentation}; static so that it runs before the job beans
 * exist.
 */
@Configuration(proxyBeanMethods = false)
public class BatchInstrumentationConfiguration {

	@Bean
	static BatchInstrumentation batchInstrumentation(ObjectProvider<LaunchAudit> audit,
			ObjectProvider<RunLeases> leases, ObjectProvider<FaultInjection> faults,
			ObjectProvider<RunningExecutions> running) {
		return new BatchInstrumentation(audit, leases, faults, running);
	}

}
