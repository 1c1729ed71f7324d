package io.nightshift.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Splits the enrollment id space into {@code gridSize} ranges of equal width between the
 * smallest and the largest id (ids are dense, so nearly equal row counts); the first and
 * the last range are open-ended. Reading by primary key range visits the table in
 * physical order. When the check is off, every range is empty. Always exactly
 * {@code gridSize} partitions, so that a restart matches them by name.
 */
class EnrollmentRangePartitioner implements Partitioner {

	private final JdbcClient jdbc;

	private final boolean enabled;

	EnrollmentRangePartitioner(JdbcClient jdbc, boolean enabled) {
		this.jdbc = jdbc;
		this.enabled = enabled;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, Object> bounds = this.jdbc.sql("SELECT min(id) AS low, max(id) AS high FROM enrollments")
			.query()
			.singleRow();
		boolean empty = !this.enabled || bounds.get("low") == null;
		long low = empty ? 0 : ((Number) bounds.get("low")).longValue();
		long high = empty ? 0 : ((Number) bounds.get("high")).longValue();
		double width = (double) (high - low + 1) / gridSize;
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		long after = empty ? Long.MAX_VALUE : Long.MIN_VALUE;
		for (int i = 0; i < gridSize; i++) {
			long to = (empty || i == gridSize - 1) ? Long.MAX_VALUE : low - 1 + (long) Math.floor(width * (i + 1));
			ExecutionContext context = new ExecutionContext();
			context.putLong(ProgramRangePartitioner.AFTER, after);
			context.putLong(ProgramRangePartitioner.TO, to);
			partitions.put(String.format("partition%03d", i), context);
			after = to;
		}
		return partitions;
	}

}
