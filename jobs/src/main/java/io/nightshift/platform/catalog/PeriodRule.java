package io.nightshift.platform.catalog;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * How a job's logical period (its {@code date} parameter) is named and which period a
 * scheduled fire processes. Weekly periods are ISO weeks, named by their Monday.
 */
public enum PeriodRule {

	/** One run per calendar day; a fire processes the previous day. */
	DAILY {
		@Override
		public LocalDate normalize(LocalDate date) {
			return date;
		}

		@Override
		public LocalDate periodForFireDate(LocalDate fireDate) {
			return fireDate.minusDays(1);
		}

		@Override
		public LocalDate next(LocalDate period) {
			return period.plusDays(1);
		}
	},

	/**
	 * One run per ISO week (Monday to Sunday), named by its Monday; a fire processes the
	 * previous week.
	 */
	WEEKLY {
		@Override
		public LocalDate normalize(LocalDate date) {
			return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		}

		@Override
		public LocalDate periodForFireDate(LocalDate fireDate) {
			return normalize(fireDate).minusWeeks(1);
		}

		@Override
		public LocalDate next(LocalDate period) {
			return period.plusWeeks(1);
		}
	};

	/** The name of the period containing {@code date}. */
	public abstract LocalDate normalize(LocalDate date);

	/**
	 * The period a scheduled fire on {@code fireDate} processes (a period that has
	 * ended).
	 */
	public abstract LocalDate periodForFireDate(LocalDate fireDate);

	public abstract LocalDate next(LocalDate period);

	/** Every period overlapping {@code from..to}, oldest first. */
	public List<LocalDate> periods(LocalDate from, LocalDate to) {
		List<LocalDate> periods = new ArrayList<>();
		for (LocalDate period = normalize(from); !period.isAfter(to); period = next(period)) {
			periods.add(period);
		}
		return periods;
	}

}
