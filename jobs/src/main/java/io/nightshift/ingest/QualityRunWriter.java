package io.nightshift.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes new runs: registers the chunk's runIds, inserts one build_metrics row per task
 * and upserts one quality_runs document per run, for the runs this transaction
 * registered. Idempotent, so that a restart may replay the chunk that failed: the SQL
 * inserts skip rows that exist (same runId, or same run, project and target) and the
 * document is replaced by its _id. The documents are written before the chunk's SQL
 * transaction commits: if the commit fails, the restart writes them again with the same
 * content.
 */
class QualityRunWriter implements ItemWriter<IngestItem> {

	static final String COLLECTION = "quality_runs";

	private final NamedParameterJdbcTemplate jdbc;

	private final JdbcClient client;

	private final MongoTemplate mongo;

	private final Long executionId;

	QualityRunWriter(NamedParameterJdbcTemplate jdbc, MongoTemplate mongo, Long executionId) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
		this.mongo = mongo;
		this.executionId = executionId;
	}

	@Override
	public void write(Chunk<? extends IngestItem> chunk) {
		if (chunk.isEmpty()) {
			return;
		}
		Set<String> registered = register(chunk.getItems());
		List<SqlParameterSource> tasks = new ArrayList<>();
		List<WriteModel<Document>> documents = new ArrayList<>(chunk.size());
		for (IngestItem item : chunk) {
			QualityReport report = item.report();
			if (!registered.contains(report.runId())) {
				continue;
			}
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
			// By _id alone (an indexed lookup): this transaction owns the runId now, and
			// screening refused runIds whose document belongs to another tenant.
			documents.add(new ReplaceOneModel<>(Filters.eq("_id", report.runId()), document(item),
					new ReplaceOptions().upsert(true)));
		}
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
		if (!documents.isEmpty()) {
			this.mongo.getCollection(COLLECTION).bulkWrite(documents, new BulkWriteOptions().ordered(false));
		}
	}

	/**
	 * Registers the chunk's runs in one statement and returns those this transaction
	 * registered: a run registered meanwhile by another ingest is written by that one
	 * only.
	 */
	private Set<String> register(List<? extends IngestItem> items) {
		StringBuilder values = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		params.put("execution", this.executionId);
		for (int i = 0; i < items.size(); i++) {
			IngestItem item = items.get(i);
			QualityReport report = item.report();
			values.append((i > 0) ? ", " : "")
				.append(String.format(
						"(:run%1$d, :tenant%1$d, :generated%1$d, :tasks%1$d, :file%1$d, :digest%1$d," + " :execution)",
						i));
			params.put("run" + i, report.runId());
			params.put("tenant" + i, report.tenant());
			params.put("generated" + i, Timestamp.from(report.generatedAt()));
			params.put("tasks" + i, report.tasks().size());
			params.put("file" + i, abbreviate(item.source().path()));
			params.put("digest" + i, item.source().sha256());
		}
		return new HashSet<>(this.client
			.sql("""
					INSERT INTO ingested_quality_runs (run_id, tenant_id, generated_at, task_count, source_file, source_digest,
					                                   execution_id)
					VALUES %s
					ON CONFLICT (run_id) DO NOTHING
					RETURNING run_id
					"""
				.formatted(values))
			.params(params)
			.query(String.class)
			.list());
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
