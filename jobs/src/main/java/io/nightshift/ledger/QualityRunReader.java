package io.nightshift.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.model.Filters;
import io.nightshift.platform.json.CanonicalJson;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a tenant's quality runs of a period from Mongo ({@code quality_runs} by
 * {@code generatedAt}), with queries only. When Mongo cannot be reached or the query runs
 * out of time, it says why instead of failing: the snapshot is then PARTIAL.
 */
@Component
class QualityRunReader {

	static final String SOURCE = "mongo:quality_runs";

	private static final Logger log = LoggerFactory.getLogger(QualityRunReader.class);

	private final MongoTemplate mongo;

	private final CanonicalJson canonical;

	QualityRunReader(MongoTemplate mongo, CanonicalJson canonical) {
		this.mongo = mongo;
		this.canonical = canonical;
	}

	Result read(String tenant, SnapshotPeriod period, Duration maxTime) {
		RangeResult range = query(Filters.eq("tenantId", tenant), period, maxTime);
		return (range.byTenant() != null)
				? new Result(runs(range.byTenant().getOrDefault(tenant, List.of())), null, null)
				: Result.unavailable(range.cause(), range.failure());
	}

	/**
	 * The runs of every tenant in {@code first..last} (by id) in one query: a partition
	 * of a snapshot run reads Mongo once, not once per tenant. Only the summaries are
	 * kept.
	 */
	RangeResult readRange(String first, String last, SnapshotPeriod period, Duration maxTime) {
		return query(Filters.and(Filters.gte("tenantId", first), Filters.lte("tenantId", last)), period, maxTime);
	}

	private RangeResult query(Bson tenants, SnapshotPeriod period, Duration maxTime) {
		RangeResult result = attempt(tenants, period, maxTime);
		if ("error".equals(result.cause())) {
			// A server error may be transient (the embedded server's H2 store fails long
			// scans now and then with "Chunk ... not found"); an unreachable server or a
			// timeout is not retried, so that an outage costs one wait, not two.
			log.warn("quality-runs query failed ({}); trying once more", result.failure().getMessage());
			result = attempt(tenants, period, maxTime);
		}
		return result;
	}

	private RangeResult attempt(Bson tenants, SnapshotPeriod period, Duration maxTime) {
		Map<String, List<SnapshotPayload.QualityRunEntry>> byTenant = new HashMap<>();
		try {
			for (Document document : this.mongo.getCollection("quality_runs")
				.find(Filters.and(tenants, Filters.gte("generatedAt", Date.from(period.from())),
						Filters.lt("generatedAt", Date.from(period.until()))))
				.maxTime(maxTime.toMillis(), TimeUnit.MILLISECONDS)) {
				byTenant.computeIfAbsent(String.valueOf(document.get("tenantId")), (key) -> new ArrayList<>())
					.add(summary(document));
			}
		}
		catch (MongoExecutionTimeoutException | MongoSocketReadTimeoutException ex) {
			return new RangeResult(null, "timeout", ex);
		}
		catch (MongoTimeoutException | MongoSocketException | MongoSecurityException
				| DataAccessResourceFailureException ex) {
			return new RangeResult(null, "unreachable", ex);
		}
		catch (MongoException ex) {
			return new RangeResult(null, "error", ex);
		}
		return new RangeResult(byTenant, null, null);
	}

	static SnapshotPayload.QualityRuns runs(List<SnapshotPayload.QualityRunEntry> runs) {
		List<SnapshotPayload.QualityRunEntry> sorted = new ArrayList<>(runs);
		sorted.sort(Comparator.comparing(SnapshotPayload.QualityRunEntry::runId));
		return new SnapshotPayload.QualityRuns(sorted.size(), sorted);
	}

	private SnapshotPayload.QualityRunEntry summary(Document document) {
		long tasks = 0;
		long failed = 0;
		long skipped = 0;
		long cached = 0;
		long durationMs = 0;
		if (document.get("tasks") instanceof List<?> list) {
			for (Object element : list) {
				tasks++;
				if (element instanceof Document task) {
					String status = String.valueOf(task.get("status"));
					failed += "failed".equals(status) ? 1 : 0;
					skipped += "skipped".equals(status) ? 1 : 0;
					cached += Boolean.TRUE.equals(task.get("cached")) ? 1 : 0;
					durationMs += (task.get("durationMs") instanceof Number number) ? number.longValue() : 0;
				}
			}
		}
		Object generatedAt = document.get("generatedAt");
		return new SnapshotPayload.QualityRunEntry(String.valueOf(document.get("_id")),
				(generatedAt instanceof Date date) ? date.toInstant().toString() : String.valueOf(generatedAt), tasks,
				failed, skipped, cached, durationMs, this.canonical.sha256Hex(SourceJson.bson(document)));
	}

	/**
	 * The runs, or why there are none.
	 *
	 * @param runs the runs; null when unavailable
	 * @param cause {@code unreachable}, {@code timeout} or {@code error}; null when read
	 * @param failure what the driver said, for the log (never for the payload)
	 */
	record Result(SnapshotPayload.QualityRuns runs, String cause, Exception failure) {

		static Result unavailable(String cause, Exception failure) {
			return new Result(null, cause, failure);
		}

	}

	/**
	 * The runs of a range of tenants, or why there are none.
	 *
	 * @param byTenant run summaries by tenant id; null when unavailable
	 * @param cause {@code unreachable}, {@code timeout} or {@code error}; null when read
	 * @param failure what the driver said, for the log
	 */
	record RangeResult(Map<String, List<SnapshotPayload.QualityRunEntry>> byTenant, String cause, Exception failure) {

		Result forTenant(String tenant) {
			return (this.byTenant != null) ? new Result(runs(this.byTenant.getOrDefault(tenant, List.of())), null, null)
					: Result.unavailable(this.cause, this.failure);
		}

	}

}
