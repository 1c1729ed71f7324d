package io.nightshift.platform.config;

import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a job fires.
 *
 * @param cron a Quartz cron expression; its first field is seconds: {@code 0 15 2 * * ?}
 * fires at 02:15:00 every day
 * @param zone the zone the cron expression and the logical date are read in
 * @param misfire what to do with fires missed while no scheduler ran: {@code skip} (they
 * become gaps) or {@code fire-once} (one catch-up run)
 */
public record Schedule(@NotBlank String cron, @NotNull @DefaultValue("UTC") ZoneId zone,
		@NotNull @DefaultValue("skip") Misfire misfire) {

	public enum Misfire {

		SKIP, FIRE_ONCE

	}

}
