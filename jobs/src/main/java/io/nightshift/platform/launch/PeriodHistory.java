package io.nightshift.platform.launch;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The executions of one logical period (job, date, tenant) across its attempts, from the
 * job repository.
 */
@Repository
public class PeriodHistory {

	private final JdbcClient jdbc;

	PeriodHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every execution of the period, oldest first. */
	public List<PeriodExecution> executions(String job, LocalDate date, String tenant) {
		return this.jdbc.sql("""
				SELECT e.job_execution_id, e.status, CAST(a.parameter_value AS BIGINT) AS attempt
				  FROM batch_job_instance i
				  JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id
				  JOIN batch_job_execution_params d ON d.job_execution_id = e.job_execution_id
				       AND d.parameter_name = 'date' AND d.identifying = 'Y'
				  JOIN batch_job_execution_params t ON t.job_execution_id = e.job_execution_id
				       AND t.parameter_name = 'tenant' AND t.identifying = 'Y'
				  JOIN batch_job_execution_params a ON a.job_execution_id = e.job_execution_id
				       AND a.parameter_name = 'attempt' AND a.identifying = 'Y'
				 WHERE i.job_name = :job AND d.parameter_value = :date AND t.parameter_value = :tenant
				 ORDER BY e.job_execution_id
				""")
			.param("job", job)
			.param("date", date.toString())
			.param("tenant", tenant)
			.query((rs, row) -> new PeriodExecution(rs.getLong("job_execution_id"),
					BatchStatus.valueOf(rs.getString("status")), rs.getLong("attempt")))
			.list();
	}

	/** The latest execution of the period's highest attempt. */
	public Optional<PeriodExecution> latest(String job, LocalDate date, String tenant) {
		return executions(job, date, tenant).stream()
			.reduce((a, b) -> (b.attempt() > a.attempt() || (b.attempt() == a.attempt() && b.id() > a.id())) ? b : a);
	}

	/** One execution of a period. */
	public record PeriodExecution(long id, BatchStatus status, long attempt) {
	}

}
