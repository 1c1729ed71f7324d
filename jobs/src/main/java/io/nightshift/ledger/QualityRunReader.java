package io.nightshift.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.nightshift.platform.json.CanonicalJson;
import org.bson.Document;

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

	private final MongoTemplate mongo;

	private final CanonicalJson canonical;

	QualityRunReader(MongoTemplate mongo, CanonicalJson canonical) {
		this.mongo = mongo;
		this.canonical = canonical;
	}

	Result read(String tenant, SnapshotPeriod period, Duration maxTime) {
		List<SnapshotPayload.QualityRunEntry> runs = new ArrayList<>();
		try {
			for (Document document : this.mongo.getCollection("quality_runs")
				.find(Filters.and(Filters.eq("tenantId", tenant), Filters.gte("generatedAt", Date.from(period.from())),
						Filters.lt("generatedAt", Date.from(period.until()))))
				.sort(Sorts.ascending("_id"))
				.maxTime(maxTime.toMillis(), TimeUnit.MILLISECONDS)) {
				runs.add(summary(document));
			}
		}
		catch (MongoExecutionTimeoutException | MongoSocketReadTimeoutException ex) {
			return Result.unavailable("timeout", ex);
		}
		catch (MongoTimeoutException | MongoSocketException | MongoSecurityException
				| DataAccessResourceFailureException ex) {
			return Result.unavailable("unreachable", ex);
		}
		catch (MongoException ex) {
			return Result.unavailable("error", ex);
		}
		runs.sort(Comparator.comparing(SnapshotPayload.QualityRunEntry::runId));
		return new Result(new SnapshotPayload.QualityRuns(runs.size(), runs), null, null);
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

}
