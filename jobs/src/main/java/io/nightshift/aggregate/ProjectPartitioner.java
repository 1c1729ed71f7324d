package io.nightshift.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a day by project: partition k of n owns the projects whose name hashes to k, so
 * every group of a project is aggregated in one partition and the partitions need no list
 * of projects up front (finding it would cost a scan of the day). Each partition scans
 * the day once; the partitions run on a local thread pool.
 */
class ProjectPartitioner implements Partitioner {

	static final String BUCKET = "bucket";

	static final String BUCKETS = "buckets";

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int bucket = 0; bucket < gridSize; bucket++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(BUCKET, bucket);
			context.putInt(BUCKETS, gridSize);
			partitions.put("projects-" + (bucket + 1) + "-of-" + gridSize, context);
		}
		return partitions;
	}

}
