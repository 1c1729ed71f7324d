package io.nightshift.platform.demo;

/**
 * Sizes of the demo data set. {@code small} seeds in seconds; {@code large} makes
 * millions of rows for benchmarks.
 */
public enum DemoScale {

	SMALL(3, 14, 40, 5, 24, 6, 120),

	MEDIUM(10, 30, 1_000, 40, 300, 20, 500),

	LARGE(1_000, 30, 200, 10, 50, 10, 20);

	final int tenants;

	final int days;

	final int usersPerTenant;

	final int programsPerTenant;

	final int streamsPerTenant;

	final int runsPerDay;

	final int telemetryPerDay;

	DemoScale(int tenants, int days, int usersPerTenant, int programsPerTenant, int streamsPerTenant, int runsPerDay,
			int telemetryPerDay) {
		this.tenants = tenants;
		this.days = days;
		this.usersPerTenant = usersPerTenant;
		this.programsPerTenant = programsPerTenant;
		this.streamsPerTenant = streamsPerTenant;
		this.runsPerDay = runsPerDay;
		this.telemetryPerDay = telemetryPerDay;
	}

	public int defaultTenants() {
		return this.tenants;
	}

	public int defaultDays() {
		return this.days;
	}

}
