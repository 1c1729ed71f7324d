package io.nightshift.platform.catalog;

import org.springframework.util.Assert;

/**
 * What the platform needs to know about a job besides its Spring Batch {@code Job} bean
 * of the same name: how its period is named, the type its job-config {@code settings}
 * bind to, and where it sits in the nightly pipeline (the demo and the morning report
 * follow that order).
 *
 * @param name the job name, equal to the {@code Job} bean's name and its job-config file
 * name
 * @param description one line for {@code nightshift jobs} and the docs
 * @param period how the {@code date} parameter is named
 * @param settingsType the record its job-config {@code settings:} section binds to
 * @param order position in the nightly pipeline (lower runs first)
 */
public record JobDefinition(String name, String description, PeriodRule period, Class<?> settingsType, int order) {

	public JobDefinition {
		Assert.hasText(name, "name must not be empty");
		Assert.notNull(period, "period must not be null");
		Assert.notNull(settingsType, "settingsType must not be null");
	}

}
