package io.nightshift.platform.launch;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.nightshift.platform.Durations;
import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.Tenants;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.config.Recovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * The one door every trigger uses (command line, scheduler, backfill, API) to run a job
 * for a period. It fixes the run's identity, refuses a period that is complete (exit 3)
 * or running (exit 4), takes the period's lease, records who asked and why, and runs the
 * job through {@link JobOperator}, waiting for its outcome.
 */
@Service
public class LaunchService {

	private static final Logger log = LoggerFactory.getLogger(LaunchService.class);

	private final JobCatalog catalog;

	private final JobConfigs configs;

	private final JobOperator operator;

	private final JobRepository repository;

	private final PeriodHistory history;

	private final RunLeases leases;

	private final LaunchAudit audit;

	private final Tenants tenants;

	private final RunEnvironment environment;

	private final Clock clock;

	LaunchService(JobCatalog catalog, JobConfigs configs, JobOperator operator, JobRepository repository,
			PeriodHistory history, RunLeases leases, LaunchAudit audit, Tenants tenants, RunEnvironment environment,
			Clock clock) {
		this.catalog = catalog;
		this.configs = configs;
		this.operator = operator;
		this.repository = repository;
		this.history = history;
		this.leases = leases;
		this.audit = audit;
		this.tenants = tenants;
		this.environment = environment;
		this.clock = clock;
	}

	/**
	 * Runs the period's current attempt: starts it if it never ran, resumes it if it
	 * failed or stopped; refuses if it completed (3) or is running (4).
	 */
	public LaunchOutcome run(LaunchRequest request) {
		JobDefinition definition = this.catalog.require(request.job());
		RunIdentity identity = identify(definition, request);
		Map<String, String> settings = validatedSettings(definition, request.settings());
		long attempt = this.history.latest(definition.name(), identity.date(), identity.tenant())
			.map(PeriodHistory.PeriodExecution::attempt)
			.orElse(1L);
		return launch("run", definition, identity.withAttempt(attempt), request.requester(), settings, null);
	}

	/**
	 * Starts a new attempt of a period whose latest attempt completed (or was abandoned).
	 */
	public LaunchOutcome rerun(LaunchRequest request) {
		JobDefinition definition = this.catalog.require(request.job());
		if (request.requester().reason() == null || request.requester().reason().isBlank()) {
			throw NightshiftException.usage("--reason: a rerun needs a reason (it is kept in the audit trail)");
		}
		RunIdentity identity = identify(definition, request);
		Map<String, String> settings = validatedSettings(definition, request.settings());
		Optional<PeriodHistory.PeriodExecution> latest = this.history.latest(definition.name(), identity.date(),
				identity.tenant());
		if (latest.isEmpty()) {
			return refuse("rerun", identity, request.requester(), settings, null, "NOT_FOUND", ExitCodes.NOT_FOUND,
					"nothing to rerun: " + identity.describe() + " never ran; start it with: nightshift run "
							+ identity.describe());
		}
		PeriodHistory.PeriodExecution last = latest.get();
		RunIdentity current = identity.withAttempt(last.attempt());
		if (last.status().isRunning()) {
			return refuse("rerun", current, request.requester(), settings, last.id(), "ALREADY_RUNNING",
					ExitCodes.ALREADY_RUNNING, "already running: execution " + last.id() + " of " + current.describe());
		}
		if (last.status() != BatchStatus.COMPLETED && last.status() != BatchStatus.ABANDONED) {
			return refuse("rerun", current, request.requester(), settings, last.id(), "NOT_COMPLETE", ExitCodes.USAGE,
					"attempt " + last.attempt() + " of " + identity.describe() + " ended " + last.status()
							+ " (execution " + last.id() + "); resume it with: nightshift restart " + last.id()
							+ ", or give it up with: nightshift abandon " + last.id());
		}
		return launch("rerun", definition, identity.withAttempt(last.attempt() + 1), request.requester(), settings,
				null);
	}

	/**
	 * Resumes a failed or stopped execution from its last commit, with the settings it
	 * had.
	 */
	public LaunchOutcome restart(long executionId, Requester requester) {
		JobExecution execution = requireExecution(executionId);
		JobDefinition definition = this.catalog.require(execution.getJobInstance().getJobName());
		RunIdentity identity = RunIdentity.of(definition.name(), execution.getJobParameters());
		Map<String, String> settings = JobConfigs.overrides(execution.getJobParameters());
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			return refuse("restart", identity, requester, settings, executionId, "ALREADY_COMPLETE",
					ExitCodes.ALREADY_COMPLETE,
					"already complete: execution " + executionId + " completed; a new attempt needs: nightshift rerun "
							+ identity.describe() + " --reason TEXT");
		}
		if (status.isRunning()) {
			return refuse("restart", identity, requester, settings, executionId, "ALREADY_RUNNING",
					ExitCodes.ALREADY_RUNNING, "execution " + executionId + " is " + status
							+ "; stop it first, or if its process died: nightshift recover " + executionId);
		}
		if (status == BatchStatus.ABANDONED) {
			return refuse("restart", identity, requester, settings, executionId, "ABANDONED", ExitCodes.USAGE,
					"execution " + executionId + " was abandoned; start a new attempt with: nightshift rerun "
							+ identity.describe() + " --reason TEXT");
		}
		return launch("restart", definition, identity, requester, settings, executionId);
	}

	private LaunchOutcome launch(String action, JobDefinition definition, RunIdentity identity, Requester requester,
			Map<String, String> settings, Long target) {
		long auditId = this.audit.requested(action, definition.name(), identity, requester, settings, target);
		LaunchOutcome outcome = execute(definition, identity, requester, settings, auditId);
		this.audit.finished(auditId, outcome);
		return outcome;
	}

	private LaunchOutcome execute(JobDefinition definition, RunIdentity identity, Requester requester,
			Map<String, String> settings, long auditId) {
		JobExecution last = this.repository.getLastJobExecution(definition.name(), identity.toJobParameters());
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			return alreadyComplete(identity, last);
		}
		if (last != null && last.getStatus().isRunning()) {
			return LaunchOutcome.refused(identity, last.getId(), "ALREADY_RUNNING", ExitCodes.ALREADY_RUNNING,
					"already running: execution " + last.getId() + " of " + identity.describe()
							+ holderSuffix(identity));
		}
		Optional<RunLeases.Lease> lease = this.leases.tryAcquire(definition.name(), identity.date(), identity.tenant());
		if (lease.isEmpty()) {
			return LaunchOutcome.refused(identity, null, "ALREADY_RUNNING", ExitCodes.ALREADY_RUNNING,
					"already running: " + identity.describe() + " is leased by " + holderSuffix(identity).trim());
		}
		try {
			JobParameters parameters = parameters(identity, requester, settings, auditId, lease.get().epoch());
			log.info("starting {} ({} by {}{})", identity.describe(), requester.trigger().value(), requester.actor(),
					(requester.reason() != null) ? ": " + requester.reason() : "");
			Job job = this.catalog.job(definition.name());
			JobExecution execution = this.operator.start(job, parameters);
			return retryTransientFailures(job, identity, requester, settings, lease.get().epoch(), execution);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return alreadyComplete(identity,
					this.repository.getLastJobExecution(definition.name(), identity.toJobParameters()));
		}
		catch (JobExecutionAlreadyRunningException ex) {
			return LaunchOutcome.refused(identity, null, "ALREADY_RUNNING", ExitCodes.ALREADY_RUNNING,
					"already running: " + identity.describe() + ": " + ex.getMessage());
		}
		catch (JobRestartException | InvalidJobParametersException ex) {
			return LaunchOutcome.refused(identity, null, "REFUSED", ExitCodes.USAGE,
					"cannot start " + identity.describe() + ": " + ex.getMessage());
		}
		finally {
			this.leases.release(lease.get());
		}
	}

	/**
	 * A run that failed for a transient reason is resumed from its last commit, in a new
	 * execution of the same instance, after an exponential backoff with jitter, up to the
	 * job's {@code recovery.attempts}. Each retry is a restart in the period's history
	 * with its reason.
	 */
	private LaunchOutcome retryTransientFailures(Job job, RunIdentity identity, Requester requester,
			Map<String, String> settings, long epoch, JobExecution first) throws JobInstanceAlreadyCompleteException,
			JobExecutionAlreadyRunningException, JobRestartException, InvalidJobParametersException {
		Recovery recovery = this.configs.config(identity.job()).recovery();
		JobExecution execution = first;
		int retry = 0;
		while (execution.getStatus() == BatchStatus.FAILED && retry < recovery.attempts()
				&& execution.getAllFailureExceptions().stream().anyMatch(TransientErrors::isTransient)) {
			retry++;
			Duration delay = recovery.delayBefore(retry);
			delay = delay.plusMillis(ThreadLocalRandom.current().nextLong(delay.toMillis() / 5 + 1));
			String cause = firstLine(failure(execution));
			log.warn("execution {} of {} failed for a transient reason ({}); retry {}/{} from its last commit in {}",
					execution.getId(), identity.describe(), cause, retry, recovery.attempts(),
					Durations.human(delay.toMillis()));
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			Requester retrying = new Requester(requester.trigger(), requester.actor(),
					"automatic retry " + retry + "/" + recovery.attempts() + " after a transient failure: " + cause);
			long auditId = this.audit.requested("restart", identity.job(), identity, retrying, settings,
					execution.getId());
			execution = this.operator.start(job, parameters(identity, retrying, settings, auditId, epoch));
			this.audit.finished(auditId, outcomeOf(identity, execution));
		}
		return outcomeOf(identity, execution);
	}

	private JobParameters parameters(RunIdentity identity, Requester requester, Map<String, String> settings,
			long auditId, long epoch) {
		JobParametersBuilder builder = identity.toParameters()
			.addString(LaunchParameters.TRIGGER, requester.trigger().value(), false)
			.addString(LaunchParameters.ACTOR, requester.actor(), false)
			.addString(LaunchParameters.HOST, this.environment.host(), false)
			.addLong(LaunchParameters.PID, this.environment.pid(), false)
			.addString(LaunchParameters.VERSION, this.environment.version(), false)
			.addLong(LaunchParameters.AUDIT_ID, auditId, false)
			.addLong(LaunchParameters.LEASE_EPOCH, epoch, false);
		if (requester.reason() != null && !requester.reason().isBlank()) {
			builder.addString(LaunchParameters.REASON, requester.reason(), false);
		}
		settings.forEach((key, value) -> builder.addString(JobConfigs.OVERRIDE_PREFIX + key, value, false));
		return builder.toJobParameters();
	}

	private LaunchOutcome outcomeOf(RunIdentity identity, JobExecution execution) {
		int exitCode = ExitCodeMapping.exitCode(execution);
		long id = execution.getId();
		String duration = (execution.getStartTime() != null && execution.getEndTime() != null) ? " in "
				+ Durations.human(Duration.between(execution.getStartTime(), execution.getEndTime()).toMillis()) : "";
		String message = switch (exitCode) {
			case ExitCodes.COMPLETED -> "completed: execution " + id + " of " + identity.describe() + duration;
			case ExitCodes.ALREADY_COMPLETE ->
				"completed with nothing new to do: execution " + id + " of " + identity.describe() + duration;
			case ExitCodes.CHECK_FAILED -> "check failed: execution " + id + " of " + identity.describe() + ": "
					+ firstLine(execution.getExitStatus().getExitDescription());
			default -> execution.getStatus().toString().toLowerCase(java.util.Locale.ROOT) + ": execution " + id
					+ " of " + identity.describe() + ": " + firstLine(failure(execution))
					+ "; resume with: nightshift restart " + id;
		};
		return new LaunchOutcome(id, identity.job(), identity.date(), identity.tenant(), identity.attempt(),
				execution.getStatus().toString(), exitCode, message);
	}

	private LaunchOutcome refuse(String action, RunIdentity identity, Requester requester, Map<String, String> settings,
			Long target, String status, int exitCode, String message) {
		long auditId = this.audit.requested(action, identity.job(), identity, requester, settings, target);
		LaunchOutcome outcome = LaunchOutcome.refused(identity, target, status, exitCode, message);
		this.audit.finished(auditId, outcome);
		return outcome;
	}

	private LaunchOutcome alreadyComplete(RunIdentity identity, JobExecution last) {
		return LaunchOutcome.refused(identity, last.getId(), "ALREADY_COMPLETE", ExitCodes.ALREADY_COMPLETE,
				"already complete: execution " + last.getId() + " of " + identity.describe() + " completed at "
						+ last.getEndTime() + "; a new attempt needs: nightshift rerun " + identity.job() + " --date "
						+ identity.date() + " --tenant " + identity.tenant() + " --reason TEXT");
	}

	private String holderSuffix(RunIdentity identity) {
		return this.leases.holder(identity.job(), identity.date(), identity.tenant())
			.map((holder) -> " on " + holder.describe())
			.orElse("");
	}

	private RunIdentity identify(JobDefinition definition, LaunchRequest request) {
		if (request.date() == null) {
			throw NightshiftException.usage("--date: required for " + definition.name());
		}
		LocalDate date = definition.period().normalize(request.date());
		LocalDate today = LocalDate.now(this.clock);
		if (date.isAfter(today)) {
			throw NightshiftException
				.usage("--date " + request.date() + ": the period has not started yet (today is " + today + ")");
		}
		String tenant = this.tenants.requireKnownOrAll(request.tenant());
		return new RunIdentity(definition.name(), date, tenant, 1, request.keys());
	}

	private Map<String, String> validatedSettings(JobDefinition definition, Map<String, String> settings) {
		this.configs.settingsWithOverrides(definition.name(), settings);
		return settings;
	}

	private JobExecution requireExecution(long executionId) {
		return Executions.require(this.repository, executionId);
	}

	private static String failure(JobExecution execution) {
		if (!execution.getAllFailureExceptions().isEmpty()) {
			// A partitioned step fails with "Partition handler returned an unsuccessful
			// step" (a JobExecutionException) before its workers' failures in this list;
			// the first failure that is not Batch's own says what went wrong.
			Throwable failure = execution.getAllFailureExceptions()
				.stream()
				.filter((candidate) -> !(candidate instanceof JobExecutionException))
				.findFirst()
				.orElse(execution.getAllFailureExceptions().get(0));
			// Batch wraps the cause (FatalStepExecutionException: Unable to process
			// chunk); the innermost exception is the one that says what went wrong.
			while (failure.getCause() != null && failure.getCause() != failure) {
				failure = failure.getCause();
			}
			return failure.getClass().getSimpleName() + ": " + failure.getMessage();
		}
		return execution.getExitStatus().getExitDescription();
	}

	static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return "(no message)";
		}
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

}
