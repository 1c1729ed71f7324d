package io.nightshift.platform.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.Tenants;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.PeriodHistory;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.RunEnvironment;
import io.nightshift.platform.launch.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Backfills: a plan over a range of periods under a reprocess policy, then the runs with
 * bounded parallelism through the launch service, recorded so that the same command
 * resumes after a crash.
 */
@Service
public class BackfillService {

	/** More periods than this in one command is almost certainly a typo in a date. */
	static final int MAX_PERIODS = 3700;

	private static final Logger log = LoggerFactory.getLogger(BackfillService.class);

	private final JobCatalog catalog;

	private final Tenants tenants;

	private final PeriodHistory history;

	private final LaunchService launcher;

	private final ConcurrencyBudget budget;

	private final JdbcClient jdbc;

	private final RunEnvironment environment;

	private final Clock clock;

	BackfillService(JobCatalog catalog, Tenants tenants, PeriodHistory history, LaunchService launcher,
			ConcurrencyBudget budget, JdbcClient jdbc, RunEnvironment environment, Clock clock) {
		this.catalog = catalog;
		this.tenants = tenants;
		this.history = history;
		this.launcher = launcher;
		this.budget = budget;
		this.jdbc = jdbc;
		this.environment = environment;
		this.clock = clock;
	}

	/** The plan: every period of the range, its state and its action. Writes nothing. */
	public BackfillPlan plan(BackfillRequest request) {
		JobDefinition definition = validate(request);
		Optional<ResumableBackfill> resumable = resumable(request);
		Map<LocalDate, String> done = resumable.map((backfill) -> finishedPeriods(backfill.id())).orElse(Map.of());
		java.util.Set<LocalDate> interrupted = resumable.map((backfill) -> interruptedPeriods(backfill.id()))
			.orElse(java.util.Set.of());
		List<LocalDate> periods = new ArrayList<>(definition.period().periods(request.from(), request.to()));
		LocalDate today = LocalDate.now(this.clock);
		periods.removeIf((period) -> period.isAfter(today));
		if (request.reverse()) {
			Collections.reverse(periods);
		}
		List<BackfillPlan.Period> planned = new ArrayList<>();
		for (LocalDate period : periods) {
			Optional<PeriodHistory.PeriodExecution> latest = this.history.latest(definition.name(), period,
					request.tenant());
			String state = latest
				.map((execution) -> execution.status().isRunning() ? "RUNNING" : execution.status().name())
				.orElse("NEVER_RAN");
			// A period this backfill was running when it was interrupted is resumed
			// whatever the policy.
			Reprocess policy = interrupted.contains(period) ? Reprocess.FAILED : request.reprocess();
			Action action = done.containsKey(period) ? Action.DONE : action(latest, policy);
			planned
				.add(new BackfillPlan.Period(period, state, latest.map(PeriodHistory.PeriodExecution::id).orElse(null),
						latest.map(PeriodHistory.PeriodExecution::attempt).orElse(null), action));
		}
		return new BackfillPlan(definition.name(), request.tenant(), request.reprocess(),
				resumable.map(ResumableBackfill::id).orElse(null), planned);
	}

	/** Plans, records and runs the backfill; returns when every period is through. */
	public BackfillResult run(BackfillRequest request, BackfillProgress progress) {
		long started = System.currentTimeMillis();
		BackfillPlan plan = plan(request);
		long backfillId = (plan.resumes() != null) ? takeOver(plan.resumes()) : create(request);
		recordPlan(backfillId, plan);
		log.info("backfill {} of {} {}..{} ({}): {} periods to run, {} skipped{}", backfillId, request.job(),
				request.from(), request.to(), request.reprocess().value(), plan.toRun(),
				plan.periods().size() - plan.toRun(), (plan.resumes() != null) ? ", resuming an interrupted run" : "");
		List<BackfillPlan.Period> runnable = plan.periods()
			.stream()
			.filter((period) -> period.action().runs())
			.toList();
		Map<LocalDate, BackfillResult.PeriodResult> results = new HashMap<>();
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(request.maxParallel(),
				(runnable1) -> new Thread(runnable1, "nightshift-backfill-" + backfillId));
		try {
			List<Future<BackfillResult.PeriodResult>> futures = new ArrayList<>();
			for (BackfillPlan.Period period : runnable) {
				futures.add(pool.submit(() -> {
					BackfillResult.PeriodResult result = runPeriod(backfillId, request, period);
					progress.periodDone(result, done.incrementAndGet(), runnable.size(),
							System.currentTimeMillis() - started);
					return result;
				}));
			}
			for (Future<BackfillResult.PeriodResult> future : futures) {
				BackfillResult.PeriodResult result = future.get();
				results.put(result.period(), result);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(
					"backfill " + backfillId + " interrupted; run the same command to resume it");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("backfill " + backfillId + " failed: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		List<BackfillResult.PeriodResult> ordered = new ArrayList<>();
		for (BackfillPlan.Period period : plan.periods()) {
			ordered.add(results.getOrDefault(period.period(),
					new BackfillResult.PeriodResult(period.period(), period.action(),
							(period.action() == Action.DONE) ? "COMPLETED" : "SKIPPED", 0, period.executionId(),
							skipReason(period), 0)));
		}
		boolean failed = ordered.stream().anyMatch((result) -> "FAILED".equals(result.state()));
		finish(backfillId, failed);
		return new BackfillResult(backfillId, plan, ordered, failed ? ExitCodes.FAILED : ExitCodes.COMPLETED,
				System.currentTimeMillis() - started);
	}

	private BackfillResult.PeriodResult runPeriod(long backfillId, BackfillRequest request, BackfillPlan.Period period)
			throws InterruptedException {
		long started = System.currentTimeMillis();
		if (!this.budget.awaitBackfillSlot(Duration.ofHours(12))) {
			return periodResult(backfillId, period, "FAILED", ExitCodes.ALREADY_RUNNING, null,
					"no free slot in the concurrency budget for 12 hours", started);
		}
		markRunning(backfillId, period.period());
		Requester requester = new Requester(Trigger.BACKFILL, request.requester().actor(), "backfill " + backfillId
				+ ((request.requester().reason() != null) ? ": " + request.requester().reason() : ""));
		LaunchRequest launch = new LaunchRequest(request.job(), period.period(), request.tenant(), Map.of(), requester);
		LaunchOutcome outcome = (period.action() == Action.RERUN) ? this.launcher.rerun(launch)
				: this.launcher.run(launch);
		String state = switch (outcome.exitCode()) {
			case ExitCodes.COMPLETED, ExitCodes.ALREADY_COMPLETE -> "COMPLETED";
			case ExitCodes.ALREADY_RUNNING -> "SKIPPED";
			default -> "FAILED";
		};
		return periodResult(backfillId, period, state, outcome.exitCode(), outcome.executionId(), outcome.message(),
				started);
	}

	private BackfillResult.PeriodResult periodResult(long backfillId, BackfillPlan.Period period, String state,
			int exitCode, Long executionId, String message, long started) {
		this.jdbc.sql("""
				UPDATE backfill_periods SET state = :state, exit_code = :exitCode, execution_id = :execution,
				       message = :message, finished_at = now()
				 WHERE backfill_id = :id AND period = :period
				""")
			.param("state", state)
			.param("exitCode", exitCode)
			.param("execution", executionId, java.sql.Types.BIGINT)
			.param("message", (message != null && message.length() > 2000) ? message.substring(0, 2000) : message)
			.param("id", backfillId)
			.param("period", period.period())
			.update();
		return new BackfillResult.PeriodResult(period.period(), period.action(), state, exitCode, executionId, message,
				System.currentTimeMillis() - started);
	}

	private static Action action(Optional<PeriodHistory.PeriodExecution> latest, Reprocess reprocess) {
		if (latest.isEmpty()) {
			return Action.RUN;
		}
		BatchStatus status = latest.get().status();
		if (status.isRunning()) {
			return Action.SKIP_RUNNING;
		}
		return switch (status) {
			case COMPLETED -> (reprocess == Reprocess.ALL) ? Action.RERUN : Action.SKIP_COMPLETE;
			case ABANDONED -> (reprocess == Reprocess.NONE) ? Action.SKIP_ABANDONED : Action.RERUN;
			default -> (reprocess == Reprocess.NONE) ? Action.SKIP_FAILED : Action.RESUME;
		};
	}

	private static String skipReason(BackfillPlan.Period period) {
		return switch (period.action()) {
			case SKIP_COMPLETE -> "already complete (execution " + period.executionId() + ")";
			case SKIP_FAILED ->
				"left " + period.state() + " (execution " + period.executionId() + "); --reprocess failed resumes it";
			case SKIP_ABANDONED -> "abandoned (execution " + period.executionId() + "); --reprocess failed reruns it";
			case SKIP_RUNNING -> "running elsewhere (execution " + period.executionId()
					+ "); if its process died: nightshift recover " + period.executionId();
			case DONE -> "done before this backfill was interrupted";
			default -> null;
		};
	}

	private JobDefinition validate(BackfillRequest request) {
		JobDefinition definition = this.catalog.require(request.job());
		if (request.from() == null || request.to() == null) {
			throw NightshiftException.usage("--from and --to are required");
		}
		if (request.from().isAfter(request.to())) {
			throw NightshiftException.usage("--from " + request.from() + " is after --to " + request.to());
		}
		if (request.maxParallel() < 1) {
			throw NightshiftException.usage("--max-parallel " + request.maxParallel() + ": must be at least 1");
		}
		if (definition.period().periods(request.from(), request.to()).size() > MAX_PERIODS) {
			throw NightshiftException.usage("--from " + request.from() + " --to " + request.to() + ": more than "
					+ MAX_PERIODS + " periods in one backfill");
		}
		this.tenants.requireKnownOrAll(request.tenant());
		return definition;
	}

	/**
	 * An unfinished backfill of the same command whose owner is gone; refused while it
	 * runs.
	 */
	private Optional<ResumableBackfill> resumable(BackfillRequest request) {
		Optional<ResumableBackfill> found = this.jdbc.sql("""
				SELECT id, owner_host, owner_pid FROM backfills
				 WHERE job_name = :job AND tenant = :tenant AND from_date = :from AND to_date = :to
				   AND reprocess = :reprocess AND status = 'RUNNING'
				 ORDER BY id DESC LIMIT 1
				""")
			.param("job", request.job())
			.param("tenant", request.tenant())
			.param("from", request.from())
			.param("to", request.to())
			.param("reprocess", request.reprocess().value())
			.query((rs, row) -> new ResumableBackfill(rs.getLong("id"), rs.getString("owner_host"),
					rs.getLong("owner_pid")))
			.optional();
		found.filter(this::ownerAlive).ifPresent((running) -> {
			throw new NightshiftException(ExitCodes.ALREADY_RUNNING, "backfill " + running.id()
					+ " of the same range is " + "running on " + running.host() + " pid " + running.pid());
		});
		return found;
	}

	private boolean ownerAlive(ResumableBackfill backfill) {
		return backfill.host().equals(this.environment.host())
				? ProcessHandle.of(backfill.pid()).map(ProcessHandle::isAlive).orElse(false)
						&& backfill.pid() != this.environment.pid()
				: false;
	}

	private Map<LocalDate, String> finishedPeriods(long backfillId) {
		Map<LocalDate, String> finished = new HashMap<>();
		this.jdbc.sql("""
				SELECT period, state FROM backfill_periods
				 WHERE backfill_id = :id AND state IN ('COMPLETED', 'SKIPPED') AND finished_at IS NOT NULL
				   AND action IN ('RUN', 'RESUME', 'RERUN')
				""").param("id", backfillId).query((java.sql.ResultSet rs) -> {
			finished.put(rs.getDate("period").toLocalDate(), rs.getString("state"));
		});
		return finished;
	}

	private java.util.Set<LocalDate> interruptedPeriods(long backfillId) {
		return new java.util.HashSet<>(
				this.jdbc.sql("SELECT period FROM backfill_periods WHERE backfill_id = :id AND state = 'RUNNING'")
					.param("id", backfillId)
					.query(LocalDate.class)
					.list());
	}

	private long create(BackfillRequest request) {
		return this.jdbc
			.sql("""
					INSERT INTO backfills (job_name, tenant, from_date, to_date, reprocess, reverse, max_parallel, status, actor,
					                       reason, owner_host, owner_pid)
					VALUES (:job, :tenant, :from, :to, :reprocess, :reverse, :parallel, 'RUNNING', :actor, :reason, :host, :pid)
					RETURNING id
					""")
			.param("job", request.job())
			.param("tenant", request.tenant())
			.param("from", request.from())
			.param("to", request.to())
			.param("reprocess", request.reprocess().value())
			.param("reverse", request.reverse())
			.param("parallel", request.maxParallel())
			.param("actor", request.requester().actor())
			.param("reason", request.requester().reason())
			.param("host", this.environment.host())
			.param("pid", this.environment.pid())
			.query(Long.class)
			.single();
	}

	private long takeOver(long backfillId) {
		this.jdbc.sql("UPDATE backfills SET owner_host = :host, owner_pid = :pid, updated_at = now() WHERE id = :id")
			.param("host", this.environment.host())
			.param("pid", this.environment.pid())
			.param("id", backfillId)
			.update();
		return backfillId;
	}

	private void recordPlan(long backfillId, BackfillPlan plan) {
		for (BackfillPlan.Period period : plan.periods()) {
			if (period.action() == Action.DONE) {
				continue;
			}
			this.jdbc.sql("""
					INSERT INTO backfill_periods (backfill_id, period, action, state, execution_id, message)
					VALUES (:id, :period, :action, :state, :execution, :message)
					ON CONFLICT (backfill_id, period) DO UPDATE
					   SET action = excluded.action, state = excluded.state, execution_id = excluded.execution_id,
					       message = excluded.message, started_at = NULL, finished_at = NULL, exit_code = NULL
					""")
				.param("id", backfillId)
				.param("period", period.period())
				.param("action", period.action().name())
				.param("state", period.action().runs() ? "PENDING" : "SKIPPED")
				.param("execution", period.executionId(), java.sql.Types.BIGINT)
				.param("message", skipReason(period))
				.update();
		}
	}

	private void markRunning(long backfillId, LocalDate period) {
		this.jdbc
			.sql("""
					UPDATE backfill_periods SET state = 'RUNNING', started_at = now() WHERE backfill_id = :id AND period = :period
					""")
			.param("id", backfillId)
			.param("period", period)
			.update();
	}

	private void finish(long backfillId, boolean failed) {
		this.jdbc.sql("""
				UPDATE backfills SET status = :status, finished_at = now(), updated_at = now() WHERE id = :id
				""").param("status", failed ? "FAILED" : "COMPLETED").param("id", backfillId).update();
	}

	private record ResumableBackfill(long id, String host, long pid) {
	}

}
