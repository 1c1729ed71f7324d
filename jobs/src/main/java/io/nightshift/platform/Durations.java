package io.nightshift.platform;

import java.util.Locale;

/** Durations as operators read them: {@code 4.2s}, {@code 3m07s}, {@code 1h12m}. */
public final class Durations {

	private Durations() {
	}

	public static String human(Long millis) {
		if (millis == null) {
			return null;
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
		}
		long seconds = millis / 1000;
		return (seconds < 3600) ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
				: String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
	}

}
