package io.nightshift.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.nightshift.platform.launch.RunIdentity;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one partition of a day as finished aggregate rows, one per tenant, project and
 * target. It streams the partition's build_metrics rows once (no ORDER BY: PostgreSQL
 * neither sorts nor groups them), keeps each group's durations in memory, then sorts each
 * group on its own for the exact percentiles and builds its sketch. That is why it is not
 * a {@code JdbcCursorItemReader}: its items are groups, not rows, and sorting a group in
 * memory is what makes it faster than the SQL percentile_cont it must equal.
 * <p>
 * Restartable: the key of the last group handed out is saved with each commit, and a
 * restart (which reads the partition again) resumes after it.
 */
class DayGroupReader implements ItemStreamReader<PerfAggregateRow> {

	static final String LAST_KEY = "perfDayGroupReader.lastKey";

	private static final char SEPARATOR = '\u001f';

	private final DataSource dataSource;

	private final PlatformTransactionManager transactionManager;

	private final DayWindow window;

	private final String tenant;

	private final int bucket;

	private final int buckets;

	private final int fetchSize;

	private final double accuracy;

	private List<PerfAggregateRow> rows = List.of();

	private int next;

	private String lastKey;

	DayGroupReader(DataSource dataSource, PlatformTransactionManager transactionManager, DayWindow window,
			String tenant, int bucket, int buckets, int fetchSize, double accuracy) {
		this.dataSource = dataSource;
		this.transactionManager = transactionManager;
		this.window = window;
		this.tenant = tenant;
		this.bucket = bucket;
		this.buckets = buckets;
		this.fetchSize = fetchSize;
		this.accuracy = accuracy;
	}

	@Override
	public void open(ExecutionContext context) {
		this.lastKey = context.getString(LAST_KEY, null);
		this.rows = aggregate(scan());
		this.next = 0;
		if (this.lastKey != null) {
			while (this.next < this.rows.size() && this.rows.get(this.next).key().compareTo(this.lastKey) <= 0) {
				this.next++;
			}
		}
	}

	@Override
	public PerfAggregateRow read() {
		if (this.next >= this.rows.size()) {
			return null;
		}
		PerfAggregateRow row = this.rows.get(this.next++);
		this.lastKey = row.key();
		return row;
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.lastKey != null) {
			context.putString(LAST_KEY, this.lastKey);
		}
	}

	@Override
	public void close() {
		this.rows = List.of();
	}

	/** Every group of the partition with its counts and the durations that count. */
	private Map<String, Group> scan() {
		StringBuilder sql = new StringBuilder("""
				SELECT tenant_id || chr(31) || project || chr(31) || target,
				       CASE WHEN cached THEN 1 WHEN status = 'success' THEN 0 WHEN status = 'failed' THEN 2 ELSE 3 END,
				       duration_ms
				  FROM build_metrics
				 WHERE finished_at >= :from AND finished_at < :to
				""");
		Map<String, Object> params = new HashMap<>();
		params.put("from", this.window.from());
		params.put("to", this.window.to());
		if (!RunIdentity.ALL_TENANTS.equals(this.tenant)) {
			sql.append(" AND tenant_id = :tenant");
			params.put("tenant", this.tenant);
		}
		if (this.buckets > 1) {
			// hashtext: PostgreSQL's own cheap string hash; a project always falls into
			// the same partition.
			sql.append(" AND mod(hashtext(project) & 2147483647, :buckets) = :bucket");
			params.put("buckets", this.buckets);
			params.put("bucket", this.bucket);
		}
		JdbcTemplate template = new JdbcTemplate(this.dataSource);
		template.setFetchSize(this.fetchSize);
		JdbcClient jdbc = JdbcClient.create(template);
		// A transaction of its own: PostgreSQL streams a result by fetch size only
		// outside auto-commit; otherwise the driver would hold the whole day in memory.
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		transaction.setReadOnly(true);
		Map<String, Group> groups = new HashMap<>();
		transaction.executeWithoutResult((status) -> jdbc.sql(sql.toString()).params(params).query((rs) -> {
			String key = rs.getString(1);
			Group group = groups.get(key);
			if (group == null) {
				group = new Group();
				groups.put(key, group);
			}
			switch (rs.getInt(2)) {
				case 0 -> group.add(rs.getLong(3));
				case 1 -> group.cached++;
				case 2 -> group.failed++;
				default -> group.skipped++;
			}
		}));
		return groups;
	}

	private List<PerfAggregateRow> aggregate(Map<String, Group> groups) {
		List<String> keys = new ArrayList<>(groups.keySet());
		keys.sort(null);
		List<PerfAggregateRow> result = new ArrayList<>(keys.size());
		for (String key : keys) {
			Group group = groups.remove(key);
			int first = key.indexOf(SEPARATOR);
			int second = key.indexOf(SEPARATOR, first + 1);
			result.add(group.row(key.substring(0, first), this.window, key.substring(first + 1, second),
					key.substring(second + 1), this.accuracy));
		}
		return result;
	}

	/** One group's durations (non-cached successful tasks) and other counts. */
	private static final class Group {

		private long[] durations = new long[64];

		private int n;

		private long sum;

		private long cached;

		private long failed;

		private long skipped;

		void add(long duration) {
			if (this.n == this.durations.length) {
				this.durations = Arrays.copyOf(this.durations, this.n * 2);
			}
			this.durations[this.n++] = duration;
			this.sum += duration;
		}

		PerfAggregateRow row(String tenant, DayWindow window, String project, String target, double accuracy) {
			if (this.n == 0) {
				return new PerfAggregateRow(tenant, window.day(), project, target, 0, this.cached, this.failed,
						this.skipped, null, null, null, null, null, null, null, PerfAggregateRow.METHOD);
			}
			Arrays.sort(this.durations, 0, this.n);
			DurationSketch sketch = DurationSketch.ofSorted(this.durations, this.n, accuracy);
			PerfAggregateRow row = new PerfAggregateRow(tenant, window.day(), project, target, this.n, this.cached,
					this.failed, this.skipped, Percentiles.cont(this.durations, this.n, 0.5),
					Percentiles.cont(this.durations, this.n, 0.95), Percentiles.cont(this.durations, this.n, 0.99),
					(double) this.sum / this.n, (double) this.durations[this.n - 1], sketch.encode(), accuracy,
					PerfAggregateRow.METHOD);
			this.durations = null;
			return row;
		}

	}

}
