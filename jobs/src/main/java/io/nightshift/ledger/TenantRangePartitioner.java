package io.nightshift.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.batch.RunContext;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a run's tenants (in id order) into up to {@code partitions} contiguous ranges,
 * named {@code tenants-01}, {@code tenants-02}...; each range is one worker step with its
 * own restart position. On a restart the splitter re-runs only the ranges that did not
 * complete, with the bounds they had.
 */
class TenantRangePartitioner implements Partitioner {

	static final String FIRST = "partition.first";

	static final String LAST = "partition.last";

	static final String COUNT = "partition.tenants";

	private final List<String> tenants;

	private final int partitions;

	TenantRangePartitioner(List<String> tenants, int partitions) {
		this.tenants = tenants.stream().sorted().toList();
		this.partitions = partitions;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> ranges = new LinkedHashMap<>();
		int count = Math.min(this.partitions, this.tenants.size());
		for (int i = 0; i < count; i++) {
			int from = (int) ((long) this.tenants.size() * i / count);
			int to = (int) ((long) this.tenants.size() * (i + 1) / count) - 1;
			ExecutionContext context = new ExecutionContext();
			context.putString(FIRST, this.tenants.get(from));
			context.putString(LAST, this.tenants.get(to));
			context.putInt(COUNT, to - from + 1);
			if (from == to) {
				// One tenant: the platform puts it in every log line of the worker.
				context.putString(RunContext.PARTITION_TENANT, this.tenants.get(from));
			}
			ranges.put(String.format("tenants-%02d", i + 1), context);
		}
		return ranges;
	}

}
