package io.nightshift.aggregate;

/**
 * Exact percentiles as PostgreSQL's {@code percentile_cont} computes them: over the n
 * sorted values, the position p·(n-1), linearly interpolated between its two neighbours,
 * with the same floating-point operations in the same order (orderedsetaggs.c,
 * float8_lerp), so the results are identical to the last bit.
 */
final class Percentiles {

	private Percentiles() {
	}

	/**
	 * The p-th percentile (0 ≤ p ≤ 1) of the first {@code n} values, sorted ascending.
	 */
	static double cont(long[] sorted, int n, double p) {
		if (n == 0) {
			throw new IllegalArgumentException("no values");
		}
		double position = p * (n - 1);
		long first = (long) Math.floor(position);
		long second = (long) Math.ceil(position);
		double low = sorted[(int) first];
		if (first == second) {
			return low;
		}
		double high = sorted[(int) second];
		return low + ((position - first) * (high - low));
	}

}
