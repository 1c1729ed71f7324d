package io.nightshift.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the suite itself (not of one job).
 *
 * @param home where embedded stores and local state live (NIGHTSHIFT_HOME)
 * @param configDir folder of the job-config YAML files; the copy packaged in the jar is
 * used when it does not exist
 * @param lease run leases: how long one lasts without a heartbeat, and how often it is
 * renewed
 */
@ConfigurationProperties("nightshift")
public record NightshiftProperties(@DefaultValue("var") Path home, @DefaultValue("job-configs") Path configDir,
		@DefaultValue Lease lease) {

	/**
	 * @param ttl a lease not renewed within this time is expired and may be taken over
	 * @param heartbeat how often a running execution renews its lease
	 */
	public record Lease(@DefaultValue("PT60S") Duration ttl, @DefaultValue("PT10S") Duration heartbeat) {
	}

}
