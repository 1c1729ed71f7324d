package io.nightshift.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.NightshiftProperties;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.config.JobConfig;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.config.Schedule;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.PeriodHistory;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.RunIdentity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@code nightshift ingest PATH...}: validates every file first, then runs
 * {@code ingest-quality-runs} over the accepted ones. The run's identity is the day of
 * the ingest (in the job's zone), tenant {@code all}, and the key {@code input}: SHA-256
 * over the sorted digests of the accepted files, so the same files ingested twice on one
 * day are refused as complete (exit 3) and on another day find nothing new (exit 3).
 * Rejected files are reported with the JSON pointer of their first problem; nothing of
 * them is written, the others are still ingested, and the exit code is 2.
 */
@Service
public class QualityRunIngest {

	private static final String AGGREGATE_JOB = "perf-aggregate";

	private final ReportScreening screening;

	private final Manifests manifests;

	private final LaunchService launcher;

	private final JobConfigs configs;

	private final JobCatalog catalog;

	private final NightshiftProperties properties;

	private final JdbcClient jdbc;

	private final PeriodHistory history;

	private final Clock clock;

	QualityRunIngest(ReportScreening screening, Manifests manifests, LaunchService launcher, JobConfigs configs,
			JobCatalog catalog, NightshiftProperties properties, JdbcClient jdbc, PeriodHistory history, Clock clock) {
		this.screening = screening;
		this.manifests = manifests;
		this.launcher = launcher;
		this.configs = configs;
		this.catalog = catalog;
		this.properties = properties;
		this.jdbc = jdbc;
		this.history = history;
		this.clock = clock;
	}

	/**
	 * Ingests the given files and folders (a folder: the {@code *.json} files directly in
	 * it); no path means the inbox, whose files are archived after the run.
	 */
	public IngestResult ingest(List<Path> paths, Requester requester) {
		JobConfig config = this.configs.config(IngestQualityRunsJobConfiguration.JOB);
		IngestSettings settings = config.settings(IngestSettings.class);
		boolean inbox = paths.isEmpty();
		List<Path> files = inbox ? ReportFiles.list(ensureInbox(settings)) : ReportFiles.expand(paths);
		ReportScreening.Screened screened = this.screening.screen(files, settings.maxFileSize().toBytes());
		List<Rejection> rejected = screened.rejected();
		if (screened.accepted().isEmpty()) {
			String message = files.isEmpty() ? "no quality-report files found (*.json)"
					: rejected.size() + " of " + files.size() + " files rejected; nothing to ingest";
			return new IngestResult(rejected.isEmpty() ? ExitCodes.ALREADY_COMPLETE : ExitCodes.USAGE, message,
					files.size(), 0, screened.duplicates(), rejected, null, null, 0, 0, 0, 0, List.of());
		}
		String input = ReportScreening.inputKey(screened.accepted());
		this.manifests.write(this.manifests.forInput(input),
				new IngestManifest(input, inbox ? IngestManifest.INBOX : IngestManifest.FILES, Instant.now(this.clock),
						screened.accepted(), rejected));
		LaunchOutcome outcome = this.launcher
			.run(new LaunchRequest(IngestQualityRunsJobConfiguration.JOB, today(zone(config)), RunIdentity.ALL_TENANTS,
					Map.of(), requester, Map.of(IngestPlanTasklet.INPUT, input)));
		return result(files.size(), screened, input, outcome);
	}

	private IngestResult result(int files, ReportScreening.Screened screened, String input, LaunchOutcome outcome) {
		List<Rejection> rejected = screened.rejected();
		int accepted = screened.accepted().size();
		boolean ran = outcome.executionId() != null && !"ALREADY_COMPLETE".equals(outcome.status());
		long[] counts = ran ? counts(outcome.executionId()) : new long[] { 0, 0, 0, 0 };
		long known = ran ? counts[2] : accepted;
		List<IngestResult.TouchedDay> days = ran ? touchedDays(outcome.executionId()) : List.of();
		int exitCode = switch (outcome.exitCode()) {
			case ExitCodes.COMPLETED, ExitCodes.ALREADY_COMPLETE ->
				rejected.isEmpty() ? outcome.exitCode() : ExitCodes.USAGE;
			default -> outcome.exitCode();
		};
		StringBuilder message = new StringBuilder();
		if (outcome.exitCode() == ExitCodes.COMPLETED) {
			message.append("ingested ")
				.append(count(counts[1], "new run"))
				.append(" (")
				.append(count(counts[3], "task"))
				.append(") from ")
				.append(count(accepted, "file"));
			if (known > 0) {
				message.append("; ").append(count(known, "run")).append(" already ingested");
			}
		}
		else if (outcome.exitCode() == ExitCodes.ALREADY_COMPLETE) {
			message.append("nothing new: the ")
				.append(accepted)
				.append(" accepted files hold only runs already ingested (")
				.append(outcome.message())
				.append(')');
		}
		else {
			message.append(outcome.message());
		}
		if (!rejected.isEmpty()) {
			message.append("; ").append(rejected.size()).append(" of ").append(files).append(" files rejected");
		}
		return new IngestResult(exitCode, message.toString(), files, accepted, screened.duplicates(), rejected, input,
				outcome, counts[0], counts[1], known, counts[3], days);
	}

	private static String count(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	/**
	 * Runs read, written (new), filtered (known) over the instance, and tasks written.
	 */
	private long[] counts(long executionId) {
		long[] steps = this.jdbc.sql("""
				SELECT coalesce(sum(s.read_count), 0), coalesce(sum(s.write_count), 0), coalesce(sum(s.filter_count), 0)
				  FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
				 WHERE s.step_name = :step AND e.job_instance_id =
				       (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = :id)
				""")
			.param("step", IngestQualityRunsJobConfiguration.RUNS_STEP)
			.param("id", executionId)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.single();
		long tasks = this.jdbc.sql("""
				SELECT coalesce(sum(task_count), 0) FROM ingested_quality_runs
				 WHERE execution_id IN (SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id =
				                        (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = :id))
				""").param("id", executionId).query(Long.class).single();
		return new long[] { steps[0], steps[1], steps[2], tasks };
	}

	/**
	 * The days that received new tasks, in perf-aggregate's zone, and whether they were
	 * aggregated already: late data that needs a rerun of that day.
	 */
	private List<IngestResult.TouchedDay> touchedDays(long executionId) {
		ZoneId zone = this.catalog.find(AGGREGATE_JOB)
			.map((definition) -> zone(this.configs.config(AGGREGATE_JOB)))
			.orElse(ZoneOffset.UTC);
		List<IngestResult.TouchedDay> days = new ArrayList<>();
		this.jdbc
			.sql("""
					SELECT d.tenant_id, d.day, d.tasks,
					       EXISTS (SELECT 1 FROM perf_aggregate a WHERE a.tenant_id = d.tenant_id AND a.day = d.day) AS aggregated
					  FROM (SELECT b.tenant_id, CAST(b.finished_at AT TIME ZONE :zone AS DATE) AS day, count(*) AS tasks
					          FROM build_metrics b
					          JOIN ingested_quality_runs r ON r.run_id = b.run_id AND r.tenant_id = b.tenant_id
					         WHERE r.execution_id IN (SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id =
					                                  (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = :id))
					         GROUP BY 1, 2) d
					 ORDER BY d.day, d.tenant_id
					""")
			.param("zone", zone.getId())
			.param("id", executionId)
			.query((rs) -> {
				LocalDate day = rs.getObject("day", LocalDate.class);
				boolean aggregated = rs.getBoolean("aggregated");
				String tenant = rs.getString("tenant_id");
				days.add(new IngestResult.TouchedDay(tenant, day, rs.getLong("tasks"), aggregated,
						aggregated ? refresh(day, tenant) : null));
			});
		return days;
	}

	/**
	 * The command that recomputes a tenant's day: a first run of the tenant's own period
	 * when only an {@code all} run aggregated it, a rerun otherwise.
	 */
	private String refresh(LocalDate day, String tenant) {
		String period = AGGREGATE_JOB + " --date " + day + " --tenant " + tenant;
		return this.history.latest(AGGREGATE_JOB, day, tenant).isPresent()
				? "nightshift rerun " + period + " --reason 'late quality runs'" : "nightshift run " + period;
	}

	private Path ensureInbox(IngestSettings settings) {
		Path inbox = settings.inboxUnder(this.properties.home());
		try {
			Files.createDirectories(inbox);
		}
		catch (IOException ex) {
			throw NightshiftException.usage("inbox " + inbox + ": cannot create the folder: " + ex.getMessage());
		}
		return inbox;
	}

	/**
	 * The day of the ingest in the job's zone, but never after the platform's today
	 * (which the launch service would refuse as a period not yet started).
	 */
	private LocalDate today(ZoneId zone) {
		LocalDate inZone = LocalDate.now(this.clock.withZone(zone));
		LocalDate local = LocalDate.now(this.clock);
		return inZone.isAfter(local) ? local : inZone;
	}

	private static ZoneId zone(JobConfig config) {
		return config.schedule().map(Schedule::zone).orElse(ZoneOffset.UTC);
	}

}
