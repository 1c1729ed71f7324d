package io.nightshift.aggregate;

import java.time.LocalDate;
import java.util.List;

import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.launch.RunIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Last step: replaces the day's perf_aggregate rows with the staged ones and records the
 * day's regressions, in one transaction, so readers see either the old day or the new
 * one. Only the tenants that have build metrics on the day are replaced: a tenant whose
 * raw rows are gone (retention removes them once the day is aggregated) keeps its
 * aggregates rather than losing them to an empty rerun.
 */
class PublishDayTasklet implements Tasklet {

	static final String PUBLISHED = "perf.published";

	static final String REGRESSIONS = "perf.regressions";

	static final String KEPT = "perf.kept";

	private static final Logger log = LoggerFactory.getLogger(PublishDayTasklet.class);

	private final JdbcClient jdbc;

	private final PerfRegressions regressions;

	private final JobConfigs configs;

	PublishDayTasklet(JdbcClient jdbc, PerfRegressions regressions, JobConfigs configs) {
		this.jdbc = jdbc;
		this.regressions = regressions;
		this.configs = configs;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = contribution.getStepExecution().getJobExecution();
		long instance = job.getJobInstance().getInstanceId();
		LocalDate day = job.getJobParameters().getLocalDate(RunIdentity.DATE);
		String tenant = job.getJobParameters().getString(RunIdentity.TENANT);
		PerfAggregateSettings settings = this.configs.settings(PerfAggregateJobConfiguration.JOB,
				PerfAggregateSettings.class, job.getJobParameters());
		List<String> tenants = this.jdbc
			.sql("SELECT DISTINCT tenant_id FROM perf_aggregate_staging WHERE job_instance_id = :instance ORDER BY 1")
			.param("instance", instance)
			.query(String.class)
			.list();
		long kept = this.jdbc.sql("""
				SELECT count(*) FROM perf_aggregate
				 WHERE day = :day AND (:tenant = 'all' OR tenant_id = :tenant) AND tenant_id NOT IN (:tenants)
				""")
			.param("day", day)
			.param("tenant", tenant)
			.param("tenants", tenants.isEmpty() ? List.of("") : tenants)
			.query(Long.class)
			.single();
		if (kept > 0) {
			log.warn("kept {} perf_aggregate rows of {}: their tenants have no build metrics on that day any more",
					kept, day);
		}
		int published = 0;
		int regressed = 0;
		if (!tenants.isEmpty()) {
			this.jdbc.sql("DELETE FROM perf_aggregate WHERE day = :day AND tenant_id IN (:tenants)")
				.param("day", day)
				.param("tenants", tenants)
				.update();
			published = this.jdbc
				.sql("""
						INSERT INTO perf_aggregate (tenant_id, day, project, target, n, cached_count, failed_count,
						                            skipped_count, p50, p95, p99, mean, max, sketch, sketch_accuracy, method,
						                            computed_at)
						SELECT tenant_id, day, project, target, n, cached_count, failed_count, skipped_count, p50, p95, p99,
						       mean, max, sketch, sketch_accuracy, method, computed_at
						  FROM perf_aggregate_staging WHERE job_instance_id = :instance
						""")
				.param("instance", instance)
				.update();
			regressed = this.regressions.record(day, tenants, settings.regression());
			this.jdbc.sql("DELETE FROM perf_aggregate_staging WHERE job_instance_id = :instance")
				.param("instance", instance)
				.update();
		}
		contribution.incrementWriteCount(published);
		job.getExecutionContext().putInt(PUBLISHED, published);
		job.getExecutionContext().putInt(REGRESSIONS, regressed);
		job.getExecutionContext().putLong(KEPT, kept);
		log.info("published {} perf_aggregate rows of {} for {} tenants; {} regressions", published, day,
				tenants.size(), regressed);
		return RepeatStatus.FINISHED;
	}

}
