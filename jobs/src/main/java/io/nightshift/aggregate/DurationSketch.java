package io.nightshift.aggregate;

import java.io.IOException;
import java.util.Iterator;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.Bin;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

/**
 * A mergeable summary of the durations of one day, project and target: a DDSketch
 * (relative-accuracy quantile sketch). Why DDSketch: its guarantee is on the value (every
 * estimate within α of the true value, the bound an operator reads a build time with), it
 * is exactly mergeable (merging adds bucket counts, so a week merged from seven days has
 * the same guarantee as one sketch over the week), and it stays small for long-tailed
 * durations (buckets grow with the log of the range, not the count). KLL bounds the rank,
 * not the value; HdrHistogram bounds the value too but needs its range fixed up front and
 * serializes larger.
 * <p>
 * The estimate of a percentile interpolates the sketch's values at the two neighbouring
 * ranks exactly as {@code percentile_cont} interpolates the true values; since each of
 * those is within a factor (1 ± α) of the true value and interpolation weights are
 * non-negative, the estimate is within α of the exact percentile_cont:
 * {@code |estimate - exact| ≤ α·exact}.
 */
final class DurationSketch {

	private final DDSketch sketch;

	private DurationSketch(DDSketch sketch) {
		this.sketch = sketch;
	}

	static DurationSketch empty(double accuracy) {
		return new DurationSketch(DDSketches.unboundedDense(accuracy));
	}

	/** A sketch of the first {@code n} values, sorted ascending (one update per run). */
	static DurationSketch ofSorted(long[] sorted, int n, double accuracy) {
		DDSketch sketch = DDSketches.unboundedDense(accuracy);
		int i = 0;
		while (i < n) {
			long value = sorted[i];
			int j = i + 1;
			while (j < n && sorted[j] == value) {
				j++;
			}
			sketch.accept(value, j - i);
			i = j;
		}
		return new DurationSketch(sketch);
	}

	static DurationSketch decode(byte[] bytes) {
		try {
			return new DurationSketch(DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot decode a stored sketch: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The sketch in DDSketch's own encoding, index mapping included (its protobuf form,
	 * {@code serialize()}, is not what {@code decode} reads).
	 */
	byte[] encode() {
		GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
		try {
			this.sketch.encode(output, false);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot encode a sketch: " + ex.getMessage(), ex);
		}
		return output.trimmedCopy();
	}

	/** Adds the other sketch's values to this one; both must have the same accuracy. */
	void merge(DurationSketch other) {
		this.sketch.mergeWith(other.sketch);
	}

	/** The guaranteed relative accuracy α of every estimate. */
	double accuracy() {
		return this.sketch.getIndexMapping().relativeAccuracy();
	}

	long count() {
		return Math.round(this.sketch.getCount());
	}

	boolean isEmpty() {
		return this.sketch.isEmpty();
	}

	/**
	 * The estimate of {@code percentile_cont(p)} over the values, or null when there are
	 * none.
	 */
	Double percentile(double p) {
		long n = count();
		if (n == 0) {
			return null;
		}
		double position = p * (n - 1);
		long first = (long) Math.floor(position);
		long second = (long) Math.ceil(position);
		double low = valueAtRank(first);
		if (first == second) {
			return low;
		}
		double high = valueAtRank(second);
		return low + ((position - first) * (high - low));
	}

	/** The sketch's value of the element of 0-based rank {@code rank}. */
	private double valueAtRank(long rank) {
		double zeros = this.sketch.getCount() - this.sketch.getPositiveValueStore().getTotalCount()
				- this.sketch.getNegativeValueStore().getTotalCount();
		if (rank < zeros) {
			return 0;
		}
		double remaining = rank - zeros;
		double seen = 0;
		Iterator<Bin> bins = this.sketch.getPositiveValueStore().getAscendingIterator();
		Bin bin = null;
		while (bins.hasNext()) {
			bin = bins.next();
			seen += bin.getCount();
			if (seen > remaining) {
				return this.sketch.getIndexMapping().value(bin.getIndex());
			}
		}
		if (bin == null) {
			throw new IllegalStateException("rank " + rank + " beyond an empty sketch");
		}
		return this.sketch.getIndexMapping().value(bin.getIndex());
	}

}
