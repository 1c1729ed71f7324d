package io.nightshift.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.nightshift.aggregate.PerfTrends;
import io.nightshift.aggregate.Trends;
import io.nightshift.ingest.IngestResult;
import io.nightshift.ingest.QualityRunIngest;
import io.nightshift.ledger.LedgerHistory;
import io.nightshift.ledger.LedgerVerification;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.NightshiftProperties;
import io.nightshift.platform.backfill.BackfillPlan;
import io.nightshift.platform.backfill.BackfillProgress;
import io.nightshift.platform.backfill.BackfillRequest;
import io.nightshift.platform.backfill.BackfillService;
import io.nightshift.platform.backfill.Reprocess;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.launch.ExecutionControl;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.PeriodHistory;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.RunIdentity;
import io.nightshift.platform.launch.Trigger;
import io.nightshift.platform.query.ExecutionDetail;
import io.nightshift.platform.query.ExecutionQueries;
import io.nightshift.platform.query.ExecutionSummary;
import io.nightshift.platform.query.JobSummaries;
import io.nightshift.platform.schedule.Gaps;
import jakarta.annotation.PreDestroy;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API: everything the command line reports, and run, restart, stop, backfill and
 * quality-report ingest through the same launch service and audit (the actor is the
 * caller's token name, the trigger {@code api}). Launches wait up to {@code wait} seconds
 * (default 5) for the outcome and answer 202 with the execution when it is still running.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiController {

	private final JobSummaries jobs;

	private final ExecutionQueries executions;

	private final Gaps gaps;

	private final LaunchService launcher;

	private final ExecutionControl control;

	private final BackfillService backfills;

	private final PeriodHistory history;

	private final JobCatalog catalog;

	private final LedgerHistory ledgerHistory;

	private final LedgerVerification ledgerVerification;

	private final PerfTrends perfTrends;

	private final QualityRunIngest ingest;

	private final NightshiftProperties properties;

	private final ExecutorService background = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "nightshift-api-launch");
		thread.setDaemon(true);
		return thread;
	});

	ApiController(JobSummaries jobs, ExecutionQueries executions, Gaps gaps, LaunchService launcher,
			ExecutionControl control, BackfillService backfills, PeriodHistory history, JobCatalog catalog,
			LedgerHistory ledgerHistory, LedgerVerification ledgerVerification, PerfTrends perfTrends,
			QualityRunIngest ingest, NightshiftProperties properties) {
		this.jobs = jobs;
		this.executions = executions;
		this.gaps = gaps;
		this.launcher = launcher;
		this.control = control;
		this.backfills = backfills;
		this.history = history;
		this.catalog = catalog;
		this.ledgerHistory = ledgerHistory;
		this.ledgerVerification = ledgerVerification;
		this.perfTrends = perfTrends;
		this.ingest = ingest;
		this.properties = properties;
	}

	@GetMapping("/jobs")
	List<JobSummaries.JobSummary> jobs() {
		return this.jobs.all();
	}

	@GetMapping("/executions")
	Map<String, Object> executions(@RequestParam(required = false) String job,
			@RequestParam(required = false) String state, @RequestParam(required = false) LocalDate since,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) Long before) {
		if (job != null) {
			this.catalog.require(job);
		}
		if (limit < 1 || limit > 500) {
			throw NightshiftException.usage("limit " + limit + ": between 1 and 500");
		}
		List<ExecutionSummary> page = this.executions.list(job, (state != null) ? state.toUpperCase() : null, since,
				limit, before);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("executions", page);
		result.put("next", (page.size() == limit) ? page.get(page.size() - 1).id() : null);
		return result;
	}

	@GetMapping("/executions/{id}")
	ExecutionDetail execution(@PathVariable long id) {
		return this.executions.detail(id).orElseThrow(() -> NightshiftException.notFound("no execution " + id));
	}

	@GetMapping("/gaps")
	List<Gaps.Gap> gaps(@RequestParam LocalDate from, @RequestParam LocalDate to,
			@RequestParam(required = false) String job) {
		return this.gaps.find(from, to, Optional.ofNullable(job));
	}

	@GetMapping("/ledger/{tenant}/history")
	LedgerHistory.Page ledgerHistory(@PathVariable String tenant, @RequestParam(required = false) String kind,
			@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
		return this.ledgerHistory.page(tenant, kind, page, size);
	}

	@GetMapping("/ledger/verify")
	Object ledgerVerify(@RequestParam(required = false) String tenant) {
		return this.ledgerVerification.verify(tenant);
	}

	@GetMapping("/perf/trends")
	Trends perfTrends(@RequestParam String project, @RequestParam String target,
			@RequestParam(defaultValue = "all") String tenant, @RequestParam(required = false) LocalDate asOf) {
		return this.perfTrends.trends(project, target, tenant, asOf);
	}

	@PostMapping(path = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> run(@RequestBody RunRequest body, @RequestParam(defaultValue = "5") int wait,
			Principal caller) {
		if (body.job() == null) {
			throw NightshiftException.usage("job: required");
		}
		LocalDate date = (body.date() != null) ? body.date()
				: this.catalog.require(body.job()).period().periodForFireDate(LocalDate.now());
		LaunchRequest request = new LaunchRequest(body.job(), date, body.tenant(), body.settings(),
				new Requester(Trigger.API, caller.getName(), body.reason()));
		if (Boolean.TRUE.equals(body.rerun())) {
			return launch(() -> this.launcher.rerun(request), wait, () -> running(body.job(), date, request.tenant()));
		}
		return launch(() -> this.launcher.run(request), wait, () -> running(body.job(), date, request.tenant()));
	}

	@PostMapping("/executions/{id}/restart")
	ResponseEntity<Object> restart(@PathVariable long id, @RequestParam(defaultValue = "5") int wait,
			@RequestParam(required = false) String reason, Principal caller) {
		ExecutionSummary execution = execution(id).execution();
		return launch(() -> this.launcher.restart(id, new Requester(Trigger.API, caller.getName(), reason)), wait,
				() -> running(execution.job(), execution.date(), execution.tenant()));
	}

	@PostMapping("/executions/{id}/stop")
	ResponseEntity<Object> stop(@PathVariable long id, @RequestParam(defaultValue = "0") int wait,
			@RequestParam(required = false) String reason, Principal caller) {
		LaunchOutcome outcome = this.control.stop(id, new Requester(Trigger.API, caller.getName(), reason),
				Duration.ofSeconds(Math.max(0, Math.min(wait, 300))));
		return ResponseEntity
			.status(outcome.exitCode() == 4 ? HttpStatus.ACCEPTED : HttpOutcomes.status(outcome.exitCode()))
			.body(outcome);
	}

	@PostMapping(path = "/backfills", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> backfill(@RequestBody BackfillBody body, Principal caller) {
		BackfillRequest request = new BackfillRequest(body.job(), body.from(), body.to(),
				(body.tenant() != null) ? body.tenant() : RunIdentity.ALL_TENANTS,
				Reprocess.of((body.reprocess() != null) ? body.reprocess() : "none"),
				(body.maxParallel() != null) ? body.maxParallel() : 1, Boolean.TRUE.equals(body.reverse()),
				new Requester(Trigger.API, caller.getName(), body.reason()));
		BackfillPlan plan = this.backfills.plan(request);
		if (Boolean.TRUE.equals(body.dryRun())) {
			return ResponseEntity.ok(plan);
		}
		this.background.submit(() -> this.backfills.run(request, BackfillProgress.NONE));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "STARTED", "plan", plan));
	}

	/**
	 * A quality report as CI sends it, ingested as {@code nightshift ingest} would read
	 * it from a file.
	 */
	@PostMapping(path = "/quality-reports", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<IngestResult> qualityReport(@RequestBody String report, Principal caller) throws IOException {
		Path uploads = this.properties.home().resolve("quality").resolve("uploads");
		Files.createDirectories(uploads);
		Path file = uploads.resolve("api-" + UUID.randomUUID() + ".json");
		Files.writeString(file, report, StandardCharsets.UTF_8);
		try {
			IngestResult result = this.ingest.ingest(List.of(file),
					new Requester(Trigger.API, caller.getName(), "quality report posted to the API"));
			return ResponseEntity.status(HttpOutcomes.status(result.exitCode())).body(result);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private ResponseEntity<Object> launch(Supplier<LaunchOutcome> launch, int wait,
			Supplier<Optional<ExecutionSummary>> running) {
		CompletableFuture<LaunchOutcome> outcome = CompletableFuture.supplyAsync(launch, this.background);
		try {
			LaunchOutcome done = outcome.get(Math.max(0, Math.min(wait, 300)), TimeUnit.SECONDS);
			return ResponseEntity.status(HttpOutcomes.status(done.exitCode())).body(done);
		}
		catch (TimeoutException ex) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("status", "RUNNING");
			body.put("execution", running.get().orElse(null));
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof NightshiftException known) {
				throw known;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted");
		}
	}

	private Optional<ExecutionSummary> running(String job, LocalDate date, String tenant) {
		LocalDate period = this.catalog.require(job).period().normalize(date);
		for (int i = 0; i < 20; i++) {
			Optional<PeriodHistory.PeriodExecution> latest = this.history.latest(job, period, tenant);
			if (latest.isPresent()) {
				return this.executions.summary(latest.get().id());
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return Optional.empty();
	}

	@PreDestroy
	void stopBackground() {
		this.background.shutdown();
	}

	/**
	 * Body of {@code POST /api/runs}.
	 *
	 * @param job the job
	 * @param date the period (default: the last ended one)
	 * @param tenant a tenant or all (default)
	 * @param settings overrides, as {@code --set}
	 * @param reason why
	 * @param rerun start a new attempt of a completed period
	 */
	record RunRequest(String job, LocalDate date, String tenant, Map<String, String> settings, String reason,
			Boolean rerun) {
	}

	/**
	 * Body of {@code POST /api/backfills}.
	 *
	 * @param job the job
	 * @param from first day
	 * @param to last day
	 * @param tenant a tenant or all (default)
	 * @param reprocess none (default), failed or all
	 * @param maxParallel periods at once (default 1)
	 * @param reverse newest first
	 * @param reason why
	 * @param dryRun only return the plan
	 */
	record BackfillBody(String job, LocalDate from, LocalDate to, String tenant, String reprocess, Integer maxParallel,
			Boolean reverse, String reason, Boolean dryRun) {
	}

}
