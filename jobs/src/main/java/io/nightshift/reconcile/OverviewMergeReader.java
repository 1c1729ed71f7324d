package io.nightshift.reconcile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Merges, in program id order over one range, the programs SQL has (with their
 * aggregates) and the {@code program_overview} documents Mongo has: one
 * {@link Comparison} per key on either side. Both sides are streamed: SQL in keyset
 * pages, Mongo through one cursor sorted by {@code _id} fetching as many documents per
 * round trip as a page holds programs. Its restart state is the last key it handed out,
 * so a restart reopens both sides after the last committed key.
 * <p>
 * Spring Batch has no merging reader, hence this one.
 */
class OverviewMergeReader implements ItemStreamReader<Comparison> {

	/** Execution context key: the last key handed out. */
	static final String POSITION = "overviewMergeReader.after";

	private final ProgramAggregates aggregates;

	private final MongoTemplate mongo;

	private final String tenant;

	private final long rangeAfter;

	private final long rangeTo;

	private final int pageSize;

	private final Deque<Comparison> sqlPage = new ArrayDeque<>();

	private long position;

	private long sqlAfter;

	private boolean sqlExhausted;

	private MongoCursor<Document> cursor;

	private Document mongoHead;

	OverviewMergeReader(ProgramAggregates aggregates, MongoTemplate mongo, String tenant, long rangeAfter, long rangeTo,
			int pageSize) {
		this.aggregates = aggregates;
		this.mongo = mongo;
		this.tenant = tenant;
		this.rangeAfter = rangeAfter;
		this.rangeTo = rangeTo;
		this.pageSize = pageSize;
	}

	@Override
	public void open(ExecutionContext context) {
		this.position = context.containsKey(POSITION) ? context.getLong(POSITION) : this.rangeAfter;
		this.sqlAfter = this.position;
		this.sqlExhausted = this.position >= this.rangeTo;
		this.sqlPage.clear();
		this.mongoHead = null;
		if (this.position < this.rangeTo) {
			Bson range = Filters.and(Filters.gt("_id", this.position), Filters.lte("_id", this.rangeTo));
			Bson filter = ProgramAggregates.isAll(this.tenant) ? range
					: Filters.and(range, Filters.eq("tenantId", this.tenant));
			this.cursor = mongo(() -> this.mongo.getCollection(OverviewProjection.COLLECTION)
				.find(filter)
				.sort(Sorts.ascending("_id"))
				.batchSize(this.pageSize)
				.cursor());
		}
	}

	@Override
	public Comparison read() {
		Comparison sql = peekSql();
		Document document = peekMongo();
		if (sql == null && document == null) {
			return null;
		}
		Comparison next;
		if (document == null || (sql != null && sql.programId() < key(document))) {
			next = this.sqlPage.poll();
		}
		else if (sql == null || key(document) < sql.programId()) {
			next = new Comparison(key(document), null, document);
			this.mongoHead = null;
		}
		else {
			Comparison expected = this.sqlPage.poll();
			next = new Comparison(expected.programId(), expected.expected(), document);
			this.mongoHead = null;
		}
		this.position = Math.max(this.position, next.programId());
		return next;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(POSITION, this.position);
	}

	@Override
	public void close() {
		if (this.cursor != null) {
			try {
				this.cursor.close();
			}
			catch (MongoException ex) {
				// the server is gone; nothing left to release
			}
			this.cursor = null;
		}
	}

	private Comparison peekSql() {
		if (this.sqlPage.isEmpty() && !this.sqlExhausted) {
			loadPage();
		}
		return this.sqlPage.peek();
	}

	private void loadPage() {
		List<ProgramAggregate> page = this.aggregates.page(this.sqlAfter, this.rangeTo, this.tenant, this.pageSize);
		if (page.size() < this.pageSize) {
			this.sqlExhausted = true;
		}
		if (page.isEmpty()) {
			return;
		}
		for (ProgramAggregate aggregate : page) {
			this.sqlPage.add(new Comparison(aggregate.programId(), aggregate, null));
		}
		this.sqlAfter = page.get(page.size() - 1).programId();
	}

	private Document peekMongo() {
		if (this.mongoHead == null && this.cursor != null) {
			MongoCursor<Document> open = this.cursor;
			this.mongoHead = mongo(() -> open.hasNext() ? open.next() : null);
			if (this.mongoHead == null) {
				close();
			}
		}
		return this.mongoHead;
	}

	private static long key(Document document) {
		return ((Number) document.get("_id")).longValue();
	}

	private <T> T mongo(java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (MongoException ex) {
			throw StoreUnavailableException.mongo("reading " + OverviewProjection.COLLECTION + " after program id "
					+ this.position + " (range " + this.rangeAfter + ".." + this.rangeTo + ")", ex);
		}
	}

}
