package io.nightshift.platform.launch;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code launch_audit} table: every request through the launch service and what came
 * of it.
 */
@Repository
public class LaunchAudit {

	private final JdbcClient jdbc;

	private final RunEnvironment environment;

	private final JsonMapper json;

	LaunchAudit(JdbcClient jdbc, RunEnvironment environment, JsonMapper json) {
		this.jdbc = jdbc;
		this.environment = environment;
		this.json = json;
	}

	/** Records a request before acting on it; returns the audit id. */
	public long requested(String action, String job, RunIdentity identity, Requester requester,
			Map<String, String> settings, Long targetExecutionId) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					INSERT INTO launch_audit (action, job_name, period, tenant, attempt, target_execution_id, trigger, actor,
					                          reason, host, pid, app_version, settings, outcome)
					VALUES (:action, :job, :period, :tenant, :attempt, :target, :trigger, :actor, :reason, :host, :pid,
					        :version, :settings, 'REQUESTED')
					""")
			.param("action", action)
			.param("job", job)
			.param("period", (identity != null) ? identity.date() : null, java.sql.Types.DATE)
			.param("tenant", (identity != null) ? identity.tenant() : null)
			.param("attempt", (identity != null) ? (int) identity.attempt() : null, java.sql.Types.INTEGER)
			.param("target", targetExecutionId, java.sql.Types.BIGINT)
			.param("trigger", requester.trigger().value())
			.param("actor", truncate(requester.actor(), 200))
			.param("reason", truncate(requester.reason(), 2000))
			.param("host", this.environment.host())
			.param("pid", this.environment.pid())
			.param("version", this.environment.version())
			.param("settings",
					(settings == null || settings.isEmpty()) ? null
							: this.json.writeValueAsString(new TreeMap<>(settings)))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Links a request to the execution Spring Batch created for it. */
	public void linkExecution(long auditId, long executionId) {
		this.jdbc.sql("UPDATE launch_audit SET execution_id = :execution WHERE id = :id")
			.param("execution", executionId)
			.param("id", auditId)
			.update();
	}

	public void finished(long auditId, LaunchOutcome outcome) {
		this.jdbc.sql("""
				UPDATE launch_audit
				   SET outcome = :outcome, exit_code = :exitCode, message = :message, finished_at = now()
				 WHERE id = :id
				""")
			.param("outcome", outcome.status())
			.param("exitCode", outcome.exitCode())
			.param("message", truncate(outcome.message(), 2000))
			.param("id", auditId)
			.update();
	}

	/** The request that created an execution. */
	public Optional<AuditRecord> forExecution(long executionId) {
		return this.jdbc
			.sql("""
					SELECT action, trigger, actor, reason, host, pid, app_version, settings, requested_at, period, tenant, attempt
					  FROM launch_audit WHERE execution_id = :execution
					""")
			.param("execution", executionId)
			.query((rs, row) -> {
				Timestamp requested = rs.getTimestamp("requested_at");
				java.sql.Date period = rs.getDate("period");
				return new AuditRecord(rs.getString("action"), rs.getString("trigger"), rs.getString("actor"),
						rs.getString("reason"), rs.getString("host"), rs.getLong("pid"), rs.getString("app_version"),
						rs.getString("settings"), (requested != null) ? requested.toInstant() : null,
						(period != null) ? period.toLocalDate() : null, rs.getString("tenant"));
			})
			.optional();
	}

	private static String truncate(String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

	/** Who asked for an execution, why, and from where. */
	public record AuditRecord(String action, String trigger, String actor, String reason, String host, long pid,
			String version, String settings, Instant requestedAt, LocalDate period, String tenant) {
	}

}
