package io.nightshift.reconcile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the program id space into {@code gridSize} ranges holding (nearly) equal numbers
 * of the tenant's programs. The ranges cover every id, below the first program and above
 * the last included, so that documents without a program are seen too. It always returns
 * exactly {@code gridSize} partitions (some may be empty): a restart matches partitions
 * by name.
 */
class ProgramRangePartitioner implements Partitioner {

	/** Step execution context key: the range's exclusive lower bound. */
	static final String AFTER = "range.after";

	/** Step execution context key: the range's inclusive upper bound. */
	static final String TO = "range.to";

	private final ProgramAggregates aggregates;

	private final String tenant;

	ProgramRangePartitioner(ProgramAggregates aggregates, String tenant) {
		this.aggregates = aggregates;
		this.tenant = tenant;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<Long> uppers = this.aggregates.bucketUpperBounds(this.tenant, gridSize);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		long after = Long.MIN_VALUE;
		for (int i = 0; i < gridSize; i++) {
			boolean last = i == gridSize - 1;
			long to = (last || i >= uppers.size() - 1) ? Long.MAX_VALUE : uppers.get(i);
			ExecutionContext context = new ExecutionContext();
			context.putLong(AFTER, after);
			context.putLong(TO, to);
			partitions.put(String.format("partition%03d", i), context);
			after = to;
		}
		return partitions;
	}

}
