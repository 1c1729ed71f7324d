package io.nightshift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import io.nightshift.ingest.IngestResult;
import io.nightshift.ingest.QualityRunIngest;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import io.nightshift.testsupport.QualityReportFiles;
import org.bson.Document;
import org.postgresql.PGConnection;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * W3-INGEST: {@code nightshift ingest} of quality-report files (default 1M tasks, 200 per
 * run, so 5,000 files) into build_metrics and quality_runs, validation included, against
 * a COPY of the same rows into build_metrics. Each repetition starts from empty tables
 * and ingests fresh files (new runIds), so it is never "nothing new". Option:
 * {@code tasks-per-run=N}.
 */
class IngestWorkload implements Workload {

	private static final String TENANT = "bench";

	private static final Instant END = Instant.parse("2026-11-01T23:00:00Z");

	private JdbcClient jdbc;

	private MongoTemplate mongo;

	private DataSource dataSource;

	private QualityRunIngest ingest;

	private long tasks;

	private int tasksPerRun;

	private Path folder;

	private int repetition;

	private byte[] csv;

	@Override
	public String name() {
		return "W3-INGEST";
	}

	@Override
	public String description() {
		return "nightshift ingest of " + ((this.tasks > 0) ? String.format("%,d", this.tasks) : "N")
				+ " tasks in quality-report files (" + this.tasksPerRun
				+ " tasks per run/file; validation, build_metrics rows, one quality_runs document per run) "
				+ "vs COPY of the same rows into build_metrics";
	}

	@Override
	public String unit() {
		return "tasks";
	}

	@Override
	public void setUp(ConfigurableApplicationContext context, BenchOptions options) throws IOException {
		this.tasksPerRun = Integer.parseInt(options.parameter("tasks-per-run", "200"));
		long runs = (options.size(1_000_000) + this.tasksPerRun - 1) / this.tasksPerRun;
		this.tasks = runs * this.tasksPerRun;
		this.jdbc = context.getBean(JdbcClient.class);
		this.mongo = context.getBean(MongoTemplate.class);
		this.dataSource = context.getBean(DataSource.class);
		this.ingest = context.getBean(QualityRunIngest.class);
		this.folder = Files.createTempDirectory("nightshift-w3-ingest");
		this.jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, 'Bench') ON CONFLICT DO NOTHING")
			.param("id", TENANT)
			.update();
	}

	@Override
	public Measurement workload() throws IOException {
		Path files = generate();
		empty();
		long started = System.nanoTime();
		IngestResult result = this.ingest.ingest(List.of(files), new Requester(Trigger.CI, "bench", null));
		long elapsed = System.nanoTime() - started;
		if (result.exitCode() != 0 || result.newTasks() != this.tasks) {
			throw new IllegalStateException("ingest: " + result.message());
		}
		return new Measurement(elapsed, this.tasks, Map.of("files", (double) result.accepted()));
	}

	@Override
	public Measurement baseline() throws Exception {
		if (this.csv == null) {
			generate();
		}
		empty();
		long started = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			long copied = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY build_metrics (tenant_id, run_id, project, target, status, duration_ms, cached, "
						+ "started_at, finished_at) FROM STDIN WITH (FORMAT csv)",
						new java.io.ByteArrayInputStream(this.csv));
			if (copied != this.tasks) {
				throw new IllegalStateException("COPY wrote " + copied + " rows");
			}
		}
		return new Measurement(System.nanoTime() - started, this.tasks);
	}

	@Override
	public void tearDown() {
		FileSystemUtils.deleteRecursively(this.folder.toFile());
	}

	/** Fresh report files with new runIds, and the same rows as CSV for the baseline. */
	private Path generate() {
		Path files = this.folder.resolve("rep-" + (++this.repetition));
		FileSystemUtils.deleteRecursively(this.folder.resolve("rep-" + (this.repetition - 1)).toFile());
		SplittableRandom random = new SplittableRandom(this.repetition);
		String[][] pairs = new String[this.tasksPerRun][];
		for (int i = 0; i < this.tasksPerRun; i++) {
			pairs[i] = new String[] { "project-" + (i % 20), "target-" + (i / 20) };
		}
		StringBuilder csv = new StringBuilder();
		for (long run = 0; run * this.tasksPerRun < this.tasks; run++) {
			String runId = "rep" + this.repetition + "-run-" + run;
			List<QualityReportFiles.Task> tasks = new ArrayList<>(
					QualityReportFiles.randomTasks(random, pairs, END.minusSeconds(run)));
			QualityReportFiles.write(files, TENANT, runId, tasks);
			for (QualityReportFiles.Task task : tasks) {
				csv.append(TENANT)
					.append(',')
					.append(runId)
					.append(',')
					.append(task.project())
					.append(',')
					.append(task.target())
					.append(',')
					.append(task.status())
					.append(',')
					.append(task.durationMs())
					.append(',')
					.append(task.cached())
					.append(',')
					.append(task.startedAt())
					.append(',')
					.append(task.endedAt())
					.append('\n');
			}
		}
		this.csv = csv.toString().getBytes(StandardCharsets.UTF_8);
		return files;
	}

	private void empty() {
		this.jdbc.sql("TRUNCATE build_metrics, ingested_quality_runs").update();
		this.mongo.getCollection("quality_runs").deleteMany(new Document());
	}

}
