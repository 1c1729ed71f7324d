package io.nightshift.bench;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A benchmark: a workload and the baseline that does the same work by the plainest means,
 * run in the same process against the same stores so that their ratio means something on
 * a noisy machine.
 */
public interface Workload {

	/** Short name, e.g. {@code W0}. */
	String name();

	/** One sentence: what the workload and the baseline do. */
	String description();

	/** What a measurement counts, e.g. {@code items}. */
	default String unit() {
		return "items";
	}

	/**
	 * Whether the ratio is workload/baseline throughput (true) or workload/baseline time
	 * (false).
	 */
	default boolean higherIsBetter() {
		return true;
	}

	/** Prepares data once before the warm-up. */
	void setUp(ConfigurableApplicationContext context, BenchOptions options) throws Exception;

	Measurement workload() throws Exception;

	Measurement baseline() throws Exception;

	default void tearDown() throws Exception {
	}

}
