package io.nightshift.bench;

import java.util.Map;

/**
 * Command-line options of a benchmark run.
 *
 * @param repetitions timed repetitions of each side
 * @param warmups untimed repetitions of each side first
 * @param size workload size (items, rows), or 0 for the workload's default
 * @param parameters further {@code key=value} options a workload understands
 * @param record whether to append the result to docs/benchmarks.md
 */
record BenchOptions(int repetitions, int warmups, long size, Map<String, String> parameters, boolean record) {

	long size(long defaultSize) {
		return (this.size > 0) ? this.size : defaultSize;
	}

	String parameter(String key, String defaultValue) {
		return this.parameters.getOrDefault(key, defaultValue);
	}

}
