package io.nightshift.aggregate;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import io.nightshift.platform.launch.RunIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.PGStatement;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementCreatorFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
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

	private static final Logger log = LoggerFactory.getLogger(DayGroupReader.class);

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
		long started = System.nanoTime();
		GroupTable groups = scan();
		long scanned = System.nanoTime();
		long read = groups.rows();
		this.rows = aggregate(groups);
		log.info("partition {} of {}: {} rows of {} groups read in {} ms, aggregated in {} ms", this.bucket + 1,
				this.buckets, read, this.rows.size(), (scanned - started) / 1_000_000,
				(System.nanoTime() - scanned) / 1_000_000);
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
	private GroupTable scan() {
		StringBuilder sql = new StringBuilder("""
				SELECT tenant_id, project, target,
				       CASE WHEN cached THEN 1 WHEN status = 'success' THEN 0 WHEN status = 'failed' THEN 2 ELSE 3 END,
				       duration_ms
				  FROM build_metrics
				 WHERE finished_at >= :from AND finished_at < :to
				""");
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("from", this.window.from())
			.addValue("to", this.window.to());
		if (!RunIdentity.ALL_TENANTS.equals(this.tenant)) {
			sql.append(" AND tenant_id = :tenant");
			params.addValue("tenant", this.tenant);
		}
		if (this.buckets > 1) {
			// hashtext: PostgreSQL's own cheap string hash; a project always falls into
			// the same partition.
			sql.append(" AND mod(hashtext(project) & 2147483647, :buckets) = :bucket");
			params.addValue("buckets", this.buckets);
			params.addValue("bucket", this.bucket);
		}
		JdbcTemplate template = new JdbcTemplate(this.dataSource);
		template.setFetchSize(this.fetchSize);
		ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql.toString());
		PreparedStatementCreator statement = binary(
				new PreparedStatementCreatorFactory(NamedParameterUtils.substituteNamedParameters(parsed, params),
						NamedParameterUtils.buildSqlParameterList(parsed, params))
					.newPreparedStatementCreator(NamedParameterUtils.buildValueArray(parsed, params, null)));
		// A transaction of its own: PostgreSQL streams a result by fetch size only
		// outside auto-commit; otherwise the driver would hold the whole day in memory.
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		transaction.setReadOnly(true);
		GroupTable groups = new GroupTable();
		// getBytes hands over the driver's bytes of a text column as they came: grouping
		// on them saves decoding three strings per row.
		transaction.executeWithoutResult((status) -> template.query(statement, (ResultSet rs) -> {
			Group group = groups.get(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3));
			switch (rs.getInt(4)) {
				case 0 -> group.add(rs.getLong(5));
				case 1 -> group.cached++;
				case 2 -> group.failed++;
				default -> group.skipped++;
			}
		}));
		return groups;
	}

	/**
	 * Binary transfer from the first execution (a threshold below zero forces it):
	 * numbers arrive as bytes, not text to parse.
	 */
	private static PreparedStatementCreator binary(PreparedStatementCreator creator) {
		return (connection) -> {
			PreparedStatement statement = creator.createPreparedStatement(connection);
			if (statement.isWrapperFor(PGStatement.class)) {
				statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
			}
			return statement;
		};
	}

	private List<PerfAggregateRow> aggregate(GroupTable groups) {
		List<Group> sorted = new ArrayList<>(groups.groups());
		sorted.forEach(Group::decodeKey);
		sorted.sort(Comparator.comparing((Group group) -> group.key));
		List<PerfAggregateRow> result = new ArrayList<>(sorted.size());
		for (Group group : sorted) {
			result.add(group.row(this.window, this.accuracy));
		}
		return result;
	}

	/**
	 * Groups by their raw key bytes: open addressing, no allocation per row (there are
	 * tens to thousands of groups and millions of rows).
	 */
	private static final class GroupTable {

		private Group[] slots = new Group[64];

		private int size;

		Group get(byte[] tenant, byte[] project, byte[] target) {
			int hash = (Arrays.hashCode(tenant) * 31 + Arrays.hashCode(project)) * 31 + Arrays.hashCode(target);
			int mask = this.slots.length - 1;
			int index = spread(hash) & mask;
			while (true) {
				Group group = this.slots[index];
				if (group == null) {
					group = new Group(hash, tenant, project, target);
					this.slots[index] = group;
					if (++this.size * 2 > this.slots.length) {
						grow();
					}
					return group;
				}
				if (group.hash == hash && Arrays.equals(group.tenant, tenant) && Arrays.equals(group.project, project)
						&& Arrays.equals(group.target, target)) {
					return group;
				}
				index = (index + 1) & mask;
			}
		}

		List<Group> groups() {
			List<Group> groups = new ArrayList<>(this.size);
			for (Group group : this.slots) {
				if (group != null) {
					groups.add(group);
				}
			}
			return groups;
		}

		long rows() {
			long rows = 0;
			for (Group group : this.slots) {
				rows += (group != null) ? group.rows() : 0;
			}
			return rows;
		}

		private void grow() {
			Group[] old = this.slots;
			this.slots = new Group[old.length * 2];
			int mask = this.slots.length - 1;
			for (Group group : old) {
				if (group != null) {
					int index = spread(group.hash) & mask;
					while (this.slots[index] != null) {
						index = (index + 1) & mask;
					}
					this.slots[index] = group;
				}
			}
		}

		private static int spread(int hash) {
			return hash ^ (hash >>> 16);
		}

	}

	/** One group's durations (non-cached successful tasks) and other counts. */
	private static final class Group {

		private final int hash;

		private final byte[] tenant;

		private final byte[] project;

		private final byte[] target;

		private String tenantId;

		private String projectName;

		private String targetName;

		private String key;

		private long[] durations = new long[64];

		private int n;

		private long sum;

		private long cached;

		private long failed;

		private long skipped;

		Group(int hash, byte[] tenant, byte[] project, byte[] target) {
			this.hash = hash;
			this.tenant = tenant;
			this.project = project;
			this.target = target;
		}

		void decodeKey() {
			this.tenantId = new String(this.tenant, StandardCharsets.UTF_8);
			this.projectName = new String(this.project, StandardCharsets.UTF_8);
			this.targetName = new String(this.target, StandardCharsets.UTF_8);
			this.key = this.tenantId + SEPARATOR + this.projectName + SEPARATOR + this.targetName;
		}

		long rows() {
			return this.n + this.cached + this.failed + this.skipped;
		}

		void add(long duration) {
			if (this.n == this.durations.length) {
				this.durations = Arrays.copyOf(this.durations, this.n * 2);
			}
			this.durations[this.n++] = duration;
			this.sum += duration;
		}

		PerfAggregateRow row(DayWindow window, double accuracy) {
			String tenant = this.tenantId;
			String project = this.projectName;
			String target = this.targetName;
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
