package io.nightshift.platform.demo;

import java.time.LocalDate;

/**
 * What {@code seed-demo} generates. The same spec always yields the same data.
 *
 * @param scale the size
 * @param tenants how many tenants
 * @param days how many days of history, ending with {@code endDate}
 * @param seed the random seed
 * @param endDate the last day with data (usually yesterday)
 */
public record DemoSpec(DemoScale scale, int tenants, int days, long seed, LocalDate endDate) {

	public LocalDate startDate() {
		return this.endDate.minusDays(this.days - 1L);
	}

}
