package io.nightshift.platform.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.nightshift.platform.launch.ExitCodeMapping;
import io.nightshift.platform.launch.LaunchAudit;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read-only queries over the job repository for {@code status}, {@code show} and the
 * reports. The job repository is the audit trail: identity, trigger, actor and reason are
 * job parameters.
 */
@Repository
public class ExecutionQueries {

	private static final String SUMMARY_SELECT = """
			SELECT e.job_execution_id, i.job_name, e.status, e.exit_code, e.start_time, e.end_time, e.create_time,
			       p.period, p.tenant, p.attempt, p.trigger, p.actor, p.reason
			  FROM batch_job_execution e
			  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
			  LEFT JOIN LATERAL (
			       SELECT max(parameter_value) FILTER (WHERE parameter_name = 'date') AS period,
			              max(parameter_value) FILTER (WHERE parameter_name = 'tenant') AS tenant,
			              max(parameter_value) FILTER (WHERE parameter_name = 'attempt') AS attempt,
			              max(parameter_value) FILTER (WHERE parameter_name = 'trigger') AS trigger,
			              max(parameter_value) FILTER (WHERE parameter_name = 'actor') AS actor,
			              max(parameter_value) FILTER (WHERE parameter_name = 'reason') AS reason
			         FROM batch_job_execution_params WHERE job_execution_id = e.job_execution_id) p ON true
			""";

	private final JdbcClient jdbc;

	private final LaunchAudit audit;

	ExecutionQueries(JdbcClient jdbc, LaunchAudit audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** Executions, newest first, filtered by job, batch status and creation date. */
	public List<ExecutionSummary> list(String job, String status, LocalDate since, int limit) {
		return list(job, status, since, limit, null);
	}

	/**
	 * As {@link #list(String, String, LocalDate, int)}, only executions older than
	 * {@code before} (a page cursor).
	 */
	public List<ExecutionSummary> list(String job, String status, LocalDate since, int limit, Long before) {
		StringBuilder sql = new StringBuilder(SUMMARY_SELECT).append(" WHERE true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (before != null) {
			sql.append(" AND e.job_execution_id < :before");
			params.put("before", before);
		}
		if (job != null) {
			sql.append(" AND i.job_name = :job");
			params.put("job", job);
		}
		if (status != null) {
			sql.append(" AND e.status = :status");
			params.put("status", status);
		}
		if (since != null) {
			sql.append(" AND e.create_time >= :since");
			params.put("since", since.atStartOfDay());
		}
		sql.append(" ORDER BY e.job_execution_id DESC LIMIT :limit");
		params.put("limit", limit);
		return this.jdbc.sql(sql.toString()).params(params).query(ExecutionQueries::summary).list();
	}

	public Optional<ExecutionSummary> summary(long executionId) {
		return this.jdbc.sql(SUMMARY_SELECT + " WHERE e.job_execution_id = :id")
			.param("id", executionId)
			.query(ExecutionQueries::summary)
			.optional();
	}

	/** The newest execution of a job, if it ever ran. */
	public Optional<ExecutionSummary> latest(String job) {
		return this.jdbc.sql(SUMMARY_SELECT + " WHERE i.job_name = :job ORDER BY e.job_execution_id DESC LIMIT 1")
			.param("job", job)
			.query(ExecutionQueries::summary)
			.optional();
	}

	public Optional<ExecutionDetail> detail(long executionId) {
		Optional<ExecutionSummary> summary = summary(executionId);
		if (summary.isEmpty()) {
			return Optional.empty();
		}
		ExecutionSummary execution = summary.get();
		Map<String, Object> identifying = new LinkedHashMap<>();
		Map<String, Object> parameters = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT parameter_name, parameter_value, identifying FROM batch_job_execution_params
				 WHERE job_execution_id = :id ORDER BY parameter_name
				""").param("id", executionId).query((ResultSet rs) -> {
			("Y".equals(rs.getString("identifying")) ? identifying : parameters).put(rs.getString("parameter_name"),
					rs.getString("parameter_value"));
		});
		Map<String, Object> header = this.jdbc
			.sql("SELECT job_instance_id, exit_message FROM batch_job_execution WHERE job_execution_id = :id")
			.param("id", executionId)
			.query()
			.singleRow();
		List<StepSummary> steps = this.jdbc.sql("""
				SELECT step_execution_id, step_name, status, read_count, write_count, filter_count, read_skip_count,
				       process_skip_count, write_skip_count, commit_count, rollback_count, start_time, end_time,
				       exit_code, exit_message
				  FROM batch_step_execution WHERE job_execution_id = :id ORDER BY step_execution_id
				""").param("id", executionId).query(ExecutionQueries::step).list();
		List<ExecutionSummary> history = (execution.date() != null && execution.tenant() != null)
				? periodHistory(execution.job(), execution.date(), execution.tenant()) : List.of(execution);
		return Optional.of(new ExecutionDetail(execution, ((Number) header.get("job_instance_id")).longValue(),
				firstLines((String) header.get("exit_message")), identifying, parameters,
				this.audit.forExecution(executionId).orElse(null), steps, history));
	}

	/** Every execution of a period, all attempts, oldest first. */
	public List<ExecutionSummary> periodHistory(String job, LocalDate date, String tenant) {
		return this.jdbc.sql(SUMMARY_SELECT + """
				 WHERE i.job_name = :job AND p.period = :date AND p.tenant = :tenant
				 ORDER BY e.job_execution_id
				""")
			.param("job", job)
			.param("date", date.toString())
			.param("tenant", tenant)
			.query(ExecutionQueries::summary)
			.list();
	}

	static ExecutionSummary summary(ResultSet rs, int row) throws SQLException {
		Instant start = instant(rs.getTimestamp("start_time"));
		Instant end = instant(rs.getTimestamp("end_time"));
		BatchStatus status = BatchStatus.valueOf(rs.getString("status"));
		String exitStatus = rs.getString("exit_code");
		String period = rs.getString("period");
		String attempt = rs.getString("attempt");
		return new ExecutionSummary(rs.getLong("job_execution_id"), rs.getString("job_name"),
				(period != null) ? LocalDate.parse(period) : null, rs.getString("tenant"),
				(attempt != null) ? Long.valueOf(attempt) : null, status.toString(), exitStatus,
				ExitCodeMapping.exitCode(status, exitStatus), start, end, duration(start, end), rs.getString("trigger"),
				rs.getString("actor"), rs.getString("reason"));
	}

	private static StepSummary step(ResultSet rs, int row) throws SQLException {
		Instant start = instant(rs.getTimestamp("start_time"));
		Instant end = instant(rs.getTimestamp("end_time"));
		return new StepSummary(rs.getLong("step_execution_id"), rs.getString("step_name"), rs.getString("status"),
				rs.getLong("read_count"), rs.getLong("write_count"), rs.getLong("filter_count"),
				rs.getLong("read_skip_count"), rs.getLong("process_skip_count"), rs.getLong("write_skip_count"),
				rs.getLong("commit_count"), rs.getLong("rollback_count"), start, end, duration(start, end),
				rs.getString("exit_code"), firstLines(rs.getString("exit_message")));
	}

	/** Batch stores local timestamps of the JVM's zone (TIMESTAMP WITHOUT TIME ZONE). */
	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime().atZone(ZoneId.systemDefault()).toInstant() : null;
	}

	private static Long duration(Instant start, Instant end) {
		if (start == null) {
			return null;
		}
		return Duration.between(start, (end != null) ? end : Instant.now()).toMillis();
	}

	/**
	 * A failure's exit message is a whole stack trace; keep the lines that say what
	 * happened.
	 */
	static String firstLines(String message) {
		if (message == null || message.isBlank()) {
			return null;
		}
		List<String> kept = new ArrayList<>();
		for (String line : message.strip().split("\n")) {
			if (line.strip().startsWith("at ") || kept.size() >= 3) {
				break;
			}
			kept.add(line.strip());
		}
		return String.join(" | ", kept);
	}

}
