package io.nightshift.reconcile;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.catalog.PeriodRule;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.launch.RunIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code projection-rebuild}: builds {@code program_overview} in Mongo from SQL for every
 * program of the tenant (or of all tenants), partitioned by program id range; then
 * removes the documents of the scope that no program backs. The run's date names the
 * nightly run; the projection is of SQL as it is when the run reads it.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionRebuildJobConfiguration {

	static final String JOB = "projection-rebuild";

	static final String WORKER = "projectionRebuildWorkerStep";

	private static final Logger log = LoggerFactory.getLogger(ProjectionRebuildJobConfiguration.class);

	@Bean
	JobDefinition projectionRebuildDefinition() {
		return new JobDefinition(JOB, "builds program_overview in Mongo from SQL programs and enrollments",
				PeriodRule.DAILY, ProjectionRebuildSettings.class, 30);
	}

	// destroyMethod = "": Spring Batch 6.0.6 closes a stopped step-scoped reader through
	// the inferred destroy method and saves position 0, so a restart after stop would
	// re-read from the start.
	@Bean(destroyMethod = "")
	@StepScope
	JdbcPagingItemReader<ProgramAggregate> projectionRebuildReader(DataSource dataSource, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) throws Exception {
		String tenant = step.getJobParameters().getString(RunIdentity.TENANT);
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("after", step.getExecutionContext().getLong(ProgramRangePartitioner.AFTER));
		parameters.put("to", step.getExecutionContext().getLong(ProgramRangePartitioner.TO));
		if (!ProgramAggregates.isAll(tenant)) {
			parameters.put("tenant", tenant);
		}
		return new JdbcPagingItemReaderBuilder<ProgramAggregate>().name("projectionRebuildReader")
			.dataSource(dataSource)
			.selectClause(ProgramAggregates.SELECT)
			.fromClause(ProgramAggregates.FROM)
			.whereClause(ProgramAggregates.where(tenant))
			.parameterValues(parameters)
			// "id" unqualified: the reader reads the sort key back by column label.
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper(ProgramAggregates.ROW_MAPPER)
			.pageSize(settings(configs, step.getJobExecution()).chunkSize())
			.build();
	}

	@Bean
	ItemProcessor<ProgramAggregate, Overview> projectionRebuildProcessor(OverviewProjection projection) {
		return projection::project;
	}

	@Bean
	@StepScope
	OverviewUpsertWriter projectionRebuildWriter(OverviewStore store, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) {
		return new OverviewUpsertWriter(store, settings(configs, step.getJobExecution()).overwriteNewer());
	}

	// Job-scoped: its chunk size is a setting an operator may override per run.
	@Bean
	@JobScope
	Step projectionRebuildWorkerStep(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<ProgramAggregate> projectionRebuildReader,
			ItemProcessor<ProgramAggregate, Overview> projectionRebuildProcessor,
			OverviewUpsertWriter projectionRebuildWriter, JobConfigs configs,
			@Value("#{jobExecution}") JobExecution execution) {
		return new StepBuilder(WORKER, repository)
			.<ProgramAggregate, Overview>chunk(settings(configs, execution).chunkSize())
			.transactionManager(transactionManager)
			.reader(projectionRebuildReader)
			.processor(projectionRebuildProcessor)
			.writer(projectionRebuildWriter)
			.build();
	}

	@Bean
	@StepScope
	ProgramRangePartitioner projectionRebuildPartitioner(ProgramAggregates aggregates,
			@Value("#{jobParameters['tenant']}") String tenant) {
		return new ProgramRangePartitioner(aggregates, tenant);
	}

	@Bean
	@StepScope
	TaskExecutorPartitionHandler projectionRebuildPartitionHandler(
			@Qualifier("projectionRebuildWorkerStep") Step worker, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) {
		ProjectionRebuildSettings settings = settings(configs, step.getJobExecution());
		return Partitions.handler(JOB, worker, settings.gridSize(), settings.concurrency());
	}

	@Bean
	Step projectionRebuildStep(JobRepository repository, ProgramRangePartitioner projectionRebuildPartitioner,
			TaskExecutorPartitionHandler projectionRebuildPartitionHandler) {
		return new StepBuilder("projectionRebuildStep", repository).partitioner(WORKER, projectionRebuildPartitioner)
			.partitionHandler(projectionRebuildPartitionHandler)
			.listener(Partitions.surfaceWorkerFailure(WORKER))
			.build();
	}

	@Bean
	Step projectionRebuildPruneStep(JobRepository repository, PlatformTransactionManager transactionManager,
			OverviewStore store, ProgramAggregates aggregates) {
		Tasklet prune = (contribution, chunk) -> {
			StepExecution step = contribution.getStepExecution();
			String tenant = step.getJobParameters().getString(RunIdentity.TENANT);
			long pruned = store.prune(tenant, aggregates);
			long projected = Partitions.total(repository, step.getJobExecution(), WORKER,
					OverviewUpsertWriter.PROJECTED);
			long skipped = Partitions.total(repository, step.getJobExecution(), WORKER,
					OverviewUpsertWriter.SKIPPED_NEWER);
			String summary = String.format(
					"%s %s tenant %s: %d documents projected, %d left alone (newer sourceWatermark), %d without a program removed",
					JOB, step.getJobParameters().getLocalDate(RunIdentity.DATE), tenant, projected - skipped, skipped,
					pruned);
			log.info(summary);
			contribution.incrementWriteCount(pruned);
			contribution.setExitStatus(new ExitStatus(ExitStatus.COMPLETED.getExitCode(), summary));
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("projectionRebuildPruneStep", repository).tasklet(prune, transactionManager).build();
	}

	@Bean
	Job projectionRebuild(JobRepository repository, Step projectionRebuildStep, Step projectionRebuildPruneStep) {
		return new JobBuilder(JOB, repository).start(projectionRebuildStep).next(projectionRebuildPruneStep).build();
	}

	private static ProjectionRebuildSettings settings(JobConfigs configs, JobExecution execution) {
		return configs.settings(JOB, ProjectionRebuildSettings.class, execution.getJobParameters());
	}

}
