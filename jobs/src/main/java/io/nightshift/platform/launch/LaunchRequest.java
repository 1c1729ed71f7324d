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
 * @param keys further identifying parameters for jobs whose runs are not told apart by
 * period alone (e.g. the digest of an ingested input); empty for periodic jobs
 */
public record LaunchRequest(String job, LocalDate date, String tenant, Map<String, String> settings,
		Requester requester, Map<String, String> keys) {

	public LaunchRequest {
		tenant = (tenant == null || tenant.isBlank()) ? RunIdentity.ALL_TENANTS : tenant;
		settings = (settings == null) ? Map.of() : Map.copyOf(settings);
		keys = (keys == null) ? Map.of() : Map.copyOf(keys);
	}

	public LaunchRequest(String job, LocalDate date, String tenant, Map<String, String> settings, Requester requester) {
		this(job, date, tenant, settings, requester, Map.of());
	}

}
