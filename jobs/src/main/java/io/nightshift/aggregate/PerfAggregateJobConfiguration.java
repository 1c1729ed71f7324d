package io.nightshift.aggregate;

import java.time.ZoneId;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.catalog.PeriodRule;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.config.Schedule;
import io.nightshift.platform.launch.RunIdentity;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code perf-aggregate}: per tenant, day, project and target, the exact p50/p95/p99
 * (percentile_cont), n, mean and max of the non-cached successful tasks that finished
 * that day, cached/failed/skipped counts, and a DDSketch. Steps: the partitioned
 * aggregation (partitions by project, run on a local pool, each writing its groups to a
 * staging table), then the publish step that replaces the day's rows and records its
 * regressions in one transaction.
 */
@Configuration(proxyBeanMethods = false)
class PerfAggregateJobConfiguration {

	static final String JOB = "perf-aggregate";

	/**
	 * Groups per commit. Not a setting: an item is a finished group (all of a project and
	 * target's rows of the day), there are tens to thousands of them per day, and the
	 * step is built once.
	 */
	static final int GROUPS_PER_CHUNK = 25;

	@Bean
	JobDefinition perfAggregateDefinition() {
		return new JobDefinition(JOB, "daily p50/p95/p99, mean, max and sketch per tenant, project and target",
				PeriodRule.DAILY, PerfAggregateSettings.class, 20);
	}

	@Bean
	ProjectPartitioner projectPartitioner() {
		return new ProjectPartitioner();
	}

	// destroyMethod = "": Spring Batch 6.0.6 closes a stopped step-scoped reader through
	// the inferred destroy method and saves position 0, so a restart after stop would
	// re-read from the start.
	@Bean(destroyMethod = "")
	@StepScope
	DayGroupReader perfDayGroupReader(DataSource dataSource, PlatformTransactionManager transactionManager,
			JobConfigs configs, @Value("#{stepExecution}") StepExecution stepExecution) {
		JobParameters parameters = stepExecution.getJobParameters();
		PerfAggregateSettings settings = configs.settings(JOB, PerfAggregateSettings.class, parameters);
		return new DayGroupReader(dataSource, transactionManager,
				new DayWindow(parameters.getLocalDate(RunIdentity.DATE), zone(configs)),
				parameters.getString(RunIdentity.TENANT),
				stepExecution.getExecutionContext().getInt(ProjectPartitioner.BUCKET),
				stepExecution.getExecutionContext().getInt(ProjectPartitioner.BUCKETS), settings.fetchSize(),
				settings.sketchAccuracy());
	}

	@Bean
	@StepScope
	JdbcBatchItemWriter<PerfAggregateRow> perfStagingWriter(DataSource dataSource,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long instance) {
		return new JdbcBatchItemWriterBuilder<PerfAggregateRow>().dataSource(dataSource)
			.sql("""
					INSERT INTO perf_aggregate_staging (job_instance_id, tenant_id, day, project, target, n, cached_count,
					                                    failed_count, skipped_count, p50, p95, p99, mean, max, sketch,
					                                    sketch_accuracy, method, computed_at)
					VALUES (:instance, :tenantId, :day, :project, :target, :n, :cachedCount, :failedCount, :skippedCount,
					        :p50, :p95, :p99, :mean, :max, :sketch, :sketchAccuracy, :method, now())
					ON CONFLICT (job_instance_id, tenant_id, day, project, target) DO UPDATE
					   SET n = excluded.n, cached_count = excluded.cached_count, failed_count = excluded.failed_count,
					       skipped_count = excluded.skipped_count, p50 = excluded.p50, p95 = excluded.p95,
					       p99 = excluded.p99, mean = excluded.mean, max = excluded.max, sketch = excluded.sketch,
					       sketch_accuracy = excluded.sketch_accuracy, method = excluded.method,
					       computed_at = excluded.computed_at
					""")
			.itemSqlParameterSourceProvider((row) -> new MapSqlParameterSource().addValue("instance", instance)
				.addValue("tenantId", row.tenantId())
				.addValue("day", row.day())
				.addValue("project", row.project())
				.addValue("target", row.target())
				.addValue("n", row.n())
				.addValue("cachedCount", row.cachedCount())
				.addValue("failedCount", row.failedCount())
				.addValue("skippedCount", row.skippedCount())
				.addValue("p50", row.p50(), java.sql.Types.DOUBLE)
				.addValue("p95", row.p95(), java.sql.Types.DOUBLE)
				.addValue("p99", row.p99(), java.sql.Types.DOUBLE)
				.addValue("mean", row.mean(), java.sql.Types.DOUBLE)
				.addValue("max", row.max(), java.sql.Types.DOUBLE)
				.addValue("sketch", row.sketch(), java.sql.Types.BINARY)
				.addValue("sketchAccuracy", row.sketchAccuracy(), java.sql.Types.DOUBLE)
				.addValue("method", row.method()))
			.build();
	}

	@Bean
	Step perfAggregateWorkerStep(JobRepository repository, PlatformTransactionManager transactionManager,
			DayGroupReader perfDayGroupReader, JdbcBatchItemWriter<PerfAggregateRow> perfStagingWriter) {
		return new StepBuilder("perfAggregateWorkerStep", repository)
			.<PerfAggregateRow, PerfAggregateRow>chunk(GROUPS_PER_CHUNK)
			.transactionManager(transactionManager)
			.reader(perfDayGroupReader)
			.writer(perfStagingWriter)
			.build();
	}

	/**
	 * Job-scoped: the number of partitions and how many run at once are settings of the
	 * run ({@code --set partitions=8 --set concurrency=4}).
	 */
	@Bean
	@JobScope
	PartitionHandler perfPartitionHandler(Step perfAggregateWorkerStep, JobConfigs configs,
			@Value("#{jobExecution}") org.springframework.batch.core.job.JobExecution jobExecution) {
		PerfAggregateSettings settings = configs.settings(JOB, PerfAggregateSettings.class,
				jobExecution.getJobParameters());
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("perf-aggregate-");
		executor.setConcurrencyLimit(settings.concurrency());
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		handler.setStep(perfAggregateWorkerStep);
		handler.setTaskExecutor(executor);
		handler.setGridSize(settings.partitions());
		return handler;
	}

	@Bean
	Step perfAggregateStep(JobRepository repository, ProjectPartitioner projectPartitioner,
			PartitionHandler perfPartitionHandler) {
		return new StepBuilder("perfAggregateStep", repository)
			.partitioner("perfAggregateWorkerStep", projectPartitioner)
			.partitionHandler(perfPartitionHandler)
			.build();
	}

	@Bean
	Step perfPublishStep(JobRepository repository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
			PerfRegressions regressions, JobConfigs configs) {
		return new StepBuilder("perfPublishStep", repository)
			.tasklet(new PublishDayTasklet(jdbc, regressions, configs), transactionManager)
			.build();
	}

	@Bean
	Job perfAggregate(JobRepository repository, Step perfAggregateStep, Step perfPublishStep) {
		return new JobBuilder(JOB, repository).start(perfAggregateStep)
			.next(perfPublishStep)
			.listener(new PerfAggregateExitStatusListener())
			.build();
	}

	/** Days are read in the zone of the job's schedule (UTC without one). */
	static ZoneId zone(JobConfigs configs) {
		return configs.config(JOB).schedule().map(Schedule::zone).orElse(ZoneOffset.UTC);
	}

}
