package io.nightshift.reconcile;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;

/**
 * Streams {@code (id, tenant_id, program_id, meta, meta_hash)} of one enrollment id range
 * in id order through one cursor (PostgreSQL keeps producing rows while the step hashes
 * them), handing them out in blocks, and restarts by id rather than by count: it keeps
 * the last id it handed out in the step's execution context and reopens the cursor after
 * it, so a restart does not read the committed part of its range again.
 * <p>
 * Blocks rather than single enrollments because Spring Batch observes every item (an
 * Observation per read and per process, with timers when metrics are on): at a few
 * microseconds per item that cost more than the hash itself. A keyset-paged reader was
 * slower too: every page is a query whose rows the step waits for.
 */
class EnrollmentMetaReader implements ItemStreamReader<List<EnrollmentMeta>> {

	/** Execution context key: the last enrollment id handed out. */
	static final String POSITION = "enrollmentMetaReader.after";

	private final DataSource dataSource;

	private final String tenant;

	private final long rangeAfter;

	private final long rangeTo;

	private final int blockSize;

	private JdbcCursorItemReader<EnrollmentMeta> cursor;

	private long position;

	EnrollmentMetaReader(DataSource dataSource, String tenant, long rangeAfter, long rangeTo, int blockSize) {
		this.dataSource = dataSource;
		this.tenant = tenant;
		this.rangeAfter = rangeAfter;
		this.rangeTo = rangeTo;
		this.blockSize = blockSize;
	}

	@Override
	public void open(ExecutionContext context) {
		this.position = context.getLong(POSITION, this.rangeAfter);
		boolean all = ProgramAggregates.isAll(this.tenant);
		long after = this.position;
		this.cursor = new JdbcCursorItemReaderBuilder<EnrollmentMeta>().name("enrollmentMetaCursor")
			.dataSource(this.dataSource)
			.sql("SELECT id, tenant_id, program_id, meta::text, meta_hash FROM enrollments WHERE id > ? AND id <= ?"
					+ (all ? "" : " AND tenant_id = ?") + " ORDER BY id")
			.preparedStatementSetter((statement) -> {
				statement.setLong(1, after);
				statement.setLong(2, this.rangeTo);
				if (!all) {
					statement.setString(3, this.tenant);
				}
			})
			.rowMapper((rs, row) -> new EnrollmentMeta(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
					rs.getString(5)))
			// Without a transaction of its own the driver would fetch the whole range at
			// once.
			.connectionAutoCommit(false)
			.fetchSize(this.blockSize)
			.saveState(false)
			.verifyCursorPosition(false)
			.build();
		this.cursor.open(new ExecutionContext());
	}

	/** The next block of up to {@code blockSize} enrollments, or null at the end. */
	@Override
	public List<EnrollmentMeta> read() throws Exception {
		List<EnrollmentMeta> block = new ArrayList<>(this.blockSize);
		EnrollmentMeta next;
		while (block.size() < this.blockSize && (next = this.cursor.read()) != null) {
			block.add(next);
		}
		if (block.isEmpty()) {
			return null;
		}
		this.position = block.get(block.size() - 1).id();
		return block;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(POSITION, this.position);
	}

	@Override
	public void close() {
		if (this.cursor != null) {
			this.cursor.close();
			this.cursor = null;
		}
	}

}
