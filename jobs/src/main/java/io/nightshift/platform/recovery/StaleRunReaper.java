package io.nightshift.platform.recovery;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.launch.LaunchAudit;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.RunEnvironment;
import io.nightshift.platform.launch.RunIdentity;
import io.nightshift.platform.launch.RunLeases;
import io.nightshift.platform.launch.Trigger;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds executions left STARTED by a process that died and recovers them (FAILED,
 * restartable), restarting them when their job config says so. An execution counts as
 * dead when its lease expired and its owner is gone (on this host: its pid no longer
 * runs; elsewhere: the lease has expired), or when its pid is gone on this host even
 * before expiry. A live lease on a live owner is never touched: a slow heartbeat is not
 * death; a zombie that wakes up after recovery is fenced off at its next chunk commit by
 * the epoch its lease moved past.
 */
@Component
public class StaleRunReaper {

	private static final Logger log = LoggerFactory.getLogger(StaleRunReaper.class);

	private final JdbcClient jdbc;

	private final JobRepository repository;

	private final JobOperator operator;

	private final RunLeases leases;

	private final LaunchAudit audit;

	private final LaunchService launcher;

	private final JobCatalog catalog;

	private final JobConfigs configs;

	private final RunEnvironment environment;

	StaleRunReaper(JdbcClient jdbc, JobRepository repository, JobOperator operator, RunLeases leases, LaunchAudit audit,
			LaunchService launcher, JobCatalog catalog, JobConfigs configs, RunEnvironment environment) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.operator = operator;
		this.leases = leases;
		this.audit = audit;
		this.launcher = launcher;
		this.catalog = catalog;
		this.configs = configs;
		this.environment = environment;
	}

	/**
	 * One pass: recovers every dead execution found; restarts (through {@code restarts})
	 * those whose job config asks for it. Returns what it recovered.
	 */
	public List<Recovered> reapOnce(Executor restarts) {
		List<Recovered> recovered = new ArrayList<>();
		for (Candidate candidate : candidates()) {
			String deathEvidence = deathEvidence(candidate);
			if (deathEvidence == null) {
				continue;
			}
			if (candidate.epoch() != null && !this.leases.claimFromDeadOwner(candidate.job(), candidate.period(),
					candidate.tenant(), candidate.epoch())) {
				continue;
			}
			recovered.add(recover(candidate, deathEvidence, restarts));
		}
		return recovered;
	}

	private Recovered recover(Candidate candidate, String evidence, Executor restarts) {
		String actor = "reaper@" + this.environment.host();
		Requester reaper = new Requester(Trigger.REAPER, actor, evidence);
		RunIdentity identity = new RunIdentity(candidate.job(), candidate.period(), candidate.tenant(),
				candidate.attempt());
		long auditId = this.audit.requested("recover", candidate.job(), identity, reaper, null,
				candidate.executionId());
		JobExecution execution = this.repository.getJobExecution(candidate.executionId());
		JobExecution result = this.operator.recover(execution);
		String message = "execution " + candidate.executionId() + " of " + identity.describe() + " recovered as "
				+ result.getStatus() + ": " + evidence;
		this.audit.finished(auditId, new LaunchOutcome(candidate.executionId(), candidate.job(), candidate.period(),
				candidate.tenant(), candidate.attempt(), result.getStatus().toString(), 0, message));
		log.warn(message);
		Metrics.counter("nightshift.reaper.recovered", "job", candidate.job()).increment();
		boolean restart = this.catalog.find(candidate.job()).isPresent()
				&& this.configs.config(candidate.job()).recovery().restartOnRecovery();
		if (restart) {
			restarts.execute(() -> {
				LaunchOutcome outcome = this.launcher.restart(candidate.executionId(),
						new Requester(Trigger.REAPER, actor, "restart after recovering a dead run"));
				log.info("restart after recovery: {}", outcome.message());
			});
		}
		return new Recovered(candidate.executionId(), candidate.job(), candidate.period(), candidate.tenant(), evidence,
				restart);
	}

	/** Why the execution is dead, or null while it may be alive. */
	private String deathEvidence(Candidate candidate) {
		if (candidate.epoch() == null) {
			return null;
		}
		if (candidate.leaseExecutionId() != null && candidate.leaseExecutionId() != candidate.executionId()) {
			return "its period's lease now belongs to execution " + candidate.leaseExecutionId();
		}
		boolean sameHost = candidate.ownerHost().equals(this.environment.host());
		boolean ownerAlive = sameHost
				&& ProcessHandle.of(candidate.ownerPid()).map(ProcessHandle::isAlive).orElse(false);
		if (sameHost && !ownerAlive) {
			return "its owner " + candidate.ownerHost() + " pid " + candidate.ownerPid() + " is gone";
		}
		if (!sameHost && candidate.leaseUntil().isBefore(Instant.now())) {
			return "its lease held by " + candidate.ownerHost() + " pid " + candidate.ownerPid() + " expired at "
					+ candidate.leaseUntil();
		}
		return null;
	}

	private List<Candidate> candidates() {
		return this.jdbc
			.sql("""
					SELECT e.job_execution_id, i.job_name, d.parameter_value AS period, t.parameter_value AS tenant,
					       a.parameter_value AS attempt, l.owner_host, l.owner_pid, l.epoch, l.lease_until,
					       l.execution_id AS lease_execution_id
					  FROM batch_job_execution e
					  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
					  JOIN batch_job_execution_params d ON d.job_execution_id = e.job_execution_id AND d.parameter_name = 'date'
					  JOIN batch_job_execution_params t ON t.job_execution_id = e.job_execution_id AND t.parameter_name = 'tenant'
					  LEFT JOIN batch_job_execution_params a ON a.job_execution_id = e.job_execution_id
					       AND a.parameter_name = 'attempt'
					  LEFT JOIN run_leases l ON l.job_name = i.job_name AND l.period = CAST(d.parameter_value AS DATE)
					       AND l.tenant = t.parameter_value
					 WHERE e.status IN ('STARTING', 'STARTED', 'STOPPING')
					 ORDER BY e.job_execution_id
					""")
			.query((rs, row) -> {
				Timestamp until = rs.getTimestamp("lease_until");
				return new Candidate(rs.getLong("job_execution_id"), rs.getString("job_name"),
						LocalDate.parse(rs.getString("period")), rs.getString("tenant"),
						(rs.getString("attempt") != null) ? Long.parseLong(rs.getString("attempt")) : 1L,
						rs.getString("owner_host"), rs.getLong("owner_pid"), (Long) rs.getObject("epoch"),
						(until != null) ? until.toInstant() : null, (Long) rs.getObject("lease_execution_id"));
			})
			.list();
	}

	private record Candidate(long executionId, String job, LocalDate period, String tenant, long attempt,
			String ownerHost, long ownerPid, Long epoch, Instant leaseUntil, Long leaseExecutionId) {
	}

	/** An execution the reaper recovered. */
	public record Recovered(long executionId, String job, LocalDate period, String tenant, String evidence,
			boolean restarted) {
	}

}
