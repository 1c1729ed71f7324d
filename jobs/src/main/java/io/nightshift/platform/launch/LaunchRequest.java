package io.nightshift.platform.launch;

import java.time.LocalDate;
import java.util.Map;

/**
 * A request to run one job for one period.
 *
 * @param job the job name
 * @param date any date in the period (weekly jobs use the Monday of its ISO week)
 * @param tenant a tenant id or {@code all}
 * @param settings {@code --set KEY=VALUE} overrides of the job's settings for this run
 * @param requester who asks and why
 */
public record LaunchRequest(String job, LocalDate date, String tenant, Map<String, String> settings,
		Requester requester) {

	public LaunchRequest {
		tenant = (tenant == null || tenant.isBlank()) ? RunIdentity.ALL_TENANTS : tenant;
		settings = (settings == null) ? Map.of() : Map.copyOf(settings);
	}

}
