package io.nightshift.aggregate;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The instants a day covers in a zone: tasks count for the day they finished on,
 * {@code [from, to)}.
 *
 * @param day the day
 * @param zone the zone the day is read in (perf-aggregate's schedule zone)
 */
record DayWindow(LocalDate day, ZoneId zone) {

	Timestamp from() {
		return Timestamp.from(this.day.atStartOfDay(this.zone).toInstant());
	}

	Timestamp to() {
		return Timestamp.from(this.day.plusDays(1).atStartOfDay(this.zone).toInstant());
	}

}
