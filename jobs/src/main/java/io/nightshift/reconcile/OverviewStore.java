package io.nightshift.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes to {@code program_overview}, without transactions: a projection does not replace
 * a document whose {@code sourceWatermark} is newer, and a repair replaces or deletes a
 * document only if it still is the one that was compared (compare-and-set on its tenant,
 * hash and watermark in the write's filter).
 */
@Component
class OverviewStore {

	private static final String WATERMARK = "sourceWatermark";

	private final MongoTemplate mongo;

	private final OverviewProjection projection;

	OverviewStore(MongoTemplate mongo, OverviewProjection projection) {
		this.mongo = mongo;
		this.projection = projection;
	}

	/**
	 * Writes the projected documents of a chunk in one unordered bulk write; returns the
	 * ids left alone because the stored document's watermark is newer (unless
	 * {@code overwriteNewer}), or because another writer inserted the document first.
	 * <p>
	 * The stored watermarks are read first and the writes are keyed by {@code _id} alone:
	 * the embedded Mongo-wire server scans the whole collection for a replace whose
	 * filter holds more than the id, which made a guarded upsert per document quadratic.
	 * A document a live writer replaces between that read and this write (milliseconds)
	 * is overwritten with the older projection; the next reconcile finds and repairs it.
	 */
	List<Long> upsert(List<Overview> overviews, boolean overwriteNewer, Instant projectedAt) {
		if (overviews.isEmpty()) {
			return List.of();
		}
		List<Long> ids = new ArrayList<>(overviews.size());
		overviews.forEach((overview) -> ids.add(overview.programId()));
		Map<Long, Document> stored = new HashMap<>();
		call("reading " + OverviewProjection.COLLECTION, () -> {
			for (Document document : collection().find(Filters.in("_id", ids))
				.projection(Projections.include(WATERMARK))) {
				stored.put(((Number) document.get("_id")).longValue(), document);
			}
			return null;
		});
		List<Long> skipped = new ArrayList<>();
		List<WriteModel<Document>> models = new ArrayList<>(overviews.size());
		List<Long> written = new ArrayList<>(overviews.size());
		for (Overview overview : overviews) {
			Document current = stored.get(overview.programId());
			Document document = this.projection.toDocument(overview, projectedAt);
			if (current == null) {
				models.add(new InsertOneModel<>(document));
			}
			else if (overwriteNewer || !RepairWriter.newer(current, overview)) {
				models.add(new ReplaceOneModel<>(Filters.eq("_id", overview.programId()), document));
			}
			else {
				skipped.add(overview.programId());
				continue;
			}
			written.add(overview.programId());
		}
		if (models.isEmpty()) {
			return skipped;
		}
		try {
			collection().bulkWrite(models, new BulkWriteOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			for (BulkWriteError error : ex.getWriteErrors()) {
				if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
					throw StoreUnavailableException.mongo("writing " + OverviewProjection.COLLECTION, ex);
				}
				// inserted by another writer since the read: left to that writer
				skipped.add(written.get(error.getIndex()));
			}
		}
		catch (MongoException ex) {
			throw StoreUnavailableException.mongo("writing " + OverviewProjection.COLLECTION, ex);
		}
		return skipped;
	}

	/** The stored documents of these programs, by id. */
	Map<Long, Document> find(Collection<Long> ids) {
		Map<Long, Document> documents = new HashMap<>();
		if (ids.isEmpty()) {
			return documents;
		}
		call("reading " + OverviewProjection.COLLECTION, () -> {
			for (Document document : collection().find(Filters.in("_id", ids))) {
				documents.put(((Number) document.get("_id")).longValue(), document);
			}
			return null;
		});
		return documents;
	}

	/** Inserts the document unless one with its id appeared meanwhile. */
	boolean insert(Document document) {
		try {
			collection().insertOne(document);
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
				return false;
			}
			throw StoreUnavailableException.mongo("inserting into " + OverviewProjection.COLLECTION, ex);
		}
		catch (MongoException ex) {
			throw StoreUnavailableException.mongo("inserting into " + OverviewProjection.COLLECTION, ex);
		}
	}

	/** Replaces the document if it is still the one observed. */
	boolean replaceIfUnchanged(Document observed, Document replacement) {
		return call("repairing " + OverviewProjection.COLLECTION,
				() -> collection().replaceOne(unchanged(observed), replacement).getMatchedCount() == 1);
	}

	/** Deletes the document if it is still the one observed. */
	boolean deleteIfUnchanged(Document observed) {
		return call("repairing " + OverviewProjection.COLLECTION,
				() -> collection().deleteOne(unchanged(observed)).getDeletedCount() == 1);
	}

	/**
	 * Deletes the documents of the scope whose program does not exist (any more, or in
	 * this tenant), including documents whose {@code _id} is no program id at all;
	 * returns how many.
	 */
	long prune(String tenant, ProgramAggregates aggregates) {
		Bson scope = ProgramAggregates.isAll(tenant) ? new Document() : Filters.eq("tenantId", tenant);
		return call("pruning " + OverviewProjection.COLLECTION, () -> {
			long deleted = 0;
			try (MongoCursor<Document> cursor = collection().find(scope)
				.projection(Projections.include("_id", "tenantId"))
				.sort(Sorts.ascending("_id"))
				.batchSize(1000)
				.cursor()) {
				List<Object> batch = new ArrayList<>(1000);
				while (cursor.hasNext()) {
					batch.add(cursor.next().get("_id"));
					if (batch.size() == 1000 || !cursor.hasNext()) {
						deleted += deleteOrphans(batch, tenant, scope, aggregates);
						batch.clear();
					}
				}
			}
			return deleted;
		});
	}

	/**
	 * Documents whose {@code _id} is not a number: no program's projection. Sorted by id.
	 */
	List<Document> strays(String tenant) {
		Bson notNumber = Filters.not(Filters.type("_id", "number"));
		Bson filter = ProgramAggregates.isAll(tenant) ? notNumber
				: Filters.and(notNumber, Filters.eq("tenantId", tenant));
		return call("reading " + OverviewProjection.COLLECTION,
				() -> collection().find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
	}

	private long deleteOrphans(List<Object> ids, String tenant, Bson scope, ProgramAggregates aggregates) {
		List<Long> numeric = new ArrayList<>();
		for (Object id : ids) {
			if (id instanceof Long || id instanceof Integer) {
				numeric.add(((Number) id).longValue());
			}
		}
		Map<Long, String> owners = aggregates.tenantsOf(numeric);
		List<Object> orphans = new ArrayList<>();
		for (Object id : ids) {
			boolean program = (id instanceof Long || id instanceof Integer)
					&& owners.containsKey(((Number) id).longValue());
			boolean ours = program
					&& (ProgramAggregates.isAll(tenant) || tenant.equals(owners.get(((Number) id).longValue())));
			if (!ours) {
				orphans.add(id);
			}
		}
		if (orphans.isEmpty()) {
			return 0;
		}
		return collection().deleteMany(Filters.and(scope, Filters.in("_id", orphans))).getDeletedCount();
	}

	/**
	 * Compare-and-set: the document as it was observed (id, tenant, hash, watermark). A
	 * plain document rather than {@code Filters.and}: the embedded server evaluates a
	 * flat filter about twice as fast.
	 */
	private static Bson unchanged(Document observed) {
		return new Document("_id", observed.get("_id")).append("tenantId", observed.get("tenantId"))
			.append("projectionHash", observed.get("projectionHash"))
			.append(WATERMARK, observed.get(WATERMARK));
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(OverviewProjection.COLLECTION);
	}

	private static <T> T call(String doing, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (MongoException ex) {
			throw StoreUnavailableException.mongo(doing, ex);
		}
	}

}
