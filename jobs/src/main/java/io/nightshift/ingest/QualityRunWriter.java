package io.nightshift.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Writes new runs: registers each runId, inserts one build_metrics row per task, and
 * upserts one quality_runs document per run. Idempotent, so that a restart may replay the
 * chunk that failed: the SQL inserts skip rows that exist (same runId, or same run,
 * project and target) and the document is replaced by its _id. The documents are written
 * before the chunk's SQL transaction commits: if the commit fails, the restart writes
 * them again with the same content.
 */
class QualityRunWriter implements ItemWriter<IngestItem> {

	static final String COLLECTION = "quality_runs";

	private final NamedParameterJdbcTemplate jdbc;

	private final MongoTemplate mongo;

	private final Long executionId;

	QualityRunWriter(NamedParameterJdbcTemplate jdbc, MongoTemplate mongo, Long executionId) {
		this.jdbc = jdbc;
		this.mongo = mongo;
		this.executionId = executionId;
	}

	@Override
	public void write(Chunk<? extends IngestItem> chunk) {
		if (chunk.isEmpty()) {
			return;
		}
		List<SqlParameterSource> runs = new ArrayList<>(chunk.size());
		List<SqlParameterSource> tasks = new ArrayList<>();
		List<WriteModel<Document>> documents = new ArrayList<>(chunk.size());
		for (IngestItem item : chunk) {
			QualityReport report = item.report();
			runs.add(new MapSqlParameterSource().addValue("run", report.runId())
				.addValue("tenant", report.tenant())
				.addValue("generated", Timestamp.from(report.generatedAt()))
				.addValue("tasks", report.tasks().size())
				.addValue("file", abbreviate(item.source().path()))
				.addValue("digest", item.source().sha256())
				.addValue("execution", this.executionId));
			for (QualityReport.Task task : report.tasks()) {
				tasks.add(new MapSqlParameterSource().addValue("tenant", report.tenant())
					.addValue("run", report.runId())
					.addValue("project", task.project())
					.addValue("target", task.target())
					.addValue("status", task.status())
					.addValue("duration", task.durationMs())
					.addValue("cached", task.cached())
					.addValue("started", Timestamp.from(task.startedAt()))
					.addValue("finished", Timestamp.from(task.endedAt())));
			}
			// The filter includes the tenant: a document of another tenant with this _id
			// makes the upsert fail on the duplicate _id instead of being overwritten.
			documents.add(new ReplaceOneModel<>(
					Filters.and(Filters.eq("_id", report.runId()), Filters.eq("tenantId", report.tenant())),
					document(item), new ReplaceOptions().upsert(true)));
		}
		this.jdbc.batchUpdate(
				"""
						INSERT INTO ingested_quality_runs (run_id, tenant_id, generated_at, task_count, source_file, source_digest,
						                                   execution_id)
						VALUES (:run, :tenant, :generated, :tasks, :file, :digest, :execution)
						ON CONFLICT (run_id) DO NOTHING
						""",
				runs.toArray(SqlParameterSource[]::new));
		if (!tasks.isEmpty()) {
			this.jdbc.batchUpdate(
					"""
							INSERT INTO build_metrics (tenant_id, run_id, project, target, status, duration_ms, cached, started_at,
							                           finished_at)
							VALUES (:tenant, :run, :project, :target, :status, :duration, :cached, :started, :finished)
							ON CONFLICT (tenant_id, run_id, project, target) DO NOTHING
							""",
					tasks.toArray(SqlParameterSource[]::new));
		}
		this.mongo.getCollection(COLLECTION).bulkWrite(documents, new BulkWriteOptions().ordered(false));
	}

	private Document document(IngestItem item) {
		QualityReport report = item.report();
		List<Document> tasks = new ArrayList<>(report.tasks().size());
		for (QualityReport.Task task : report.tasks()) {
			tasks.add(new Document("project", task.project()).append("target", task.target())
				.append("status", task.status())
				.append("durationMs", task.durationMs())
				.append("cached", task.cached())
				.append("startedAt", Date.from(task.startedAt()))
				.append("endedAt", Date.from(task.endedAt())));
		}
		List<Document> aggregates = new ArrayList<>(report.aggregates().size());
		for (QualityReport.ProjectAggregate aggregate : report.aggregates()) {
			aggregates.add(new Document("project", aggregate.project()).append("tasks", aggregate.tasks())
				.append("failed", aggregate.failed())
				.append("cached", aggregate.cached())
				.append("durationMs", aggregate.durationMs()));
		}
		return new Document("_id", report.runId()).append("tenantId", report.tenant())
			.append("generatedAt", Date.from(report.generatedAt()))
			.append("tasks", tasks)
			.append("aggregates", aggregates)
			.append("source", new Document("file", item.source().path()).append("sha256", item.source().sha256()))
			.append("ingestExecutionId", this.executionId);
	}

	private static String abbreviate(String path) {
		return (path.length() > 1024) ? "..." + path.substring(path.length() - 1021) : path;
	}

}
