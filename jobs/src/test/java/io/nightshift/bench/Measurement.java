package io.nightshift.bench;

import java.util.Map;

/**
 * One timed repetition.
 *
 * @param nanos wall time
 * @param units how many units (items, rows, documents) were processed
 * @param extra other figures of the repetition, e.g. statements per chunk
 */
record Measurement(long nanos, long units, Map<String, Double> extra) {

	Measurement(long nanos, long units) {
		this(nanos, units, Map.of());
	}

	double perSecond() {
		return this.units / (this.nanos / 1e9);
	}

	double seconds() {
		return this.nanos / 1e9;
	}

}
