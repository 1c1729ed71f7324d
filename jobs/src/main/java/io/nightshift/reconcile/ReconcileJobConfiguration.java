package io.nightshift.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.catalog.PeriodRule;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.launch.ExitCodeMapping;
import io.nightshift.platform.launch.RunIdentity;
import org.bson.Document;
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
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code reconcile}: compares {@code program_overview} with what SQL says it should be,
 * key by key over program id ranges, and recomputes every enrollment's meta hash; records
 * the findings in {@code reconcile_runs} / {@code reconcile_discrepancies}; with
 * {@code repair} re-projects the documents that differ; ends with a one-line summary and,
 * with {@code fail-on-drift}, exit code 6 when drift remains.
 */
@Configuration(proxyBeanMethods = false)
class ReconcileJobConfiguration {

	static final String JOB = "reconcile";

	static final String WORKER = "reconcileCompareWorkerStep";

	static final String META_WORKER = "reconcileMetaHashWorkerStep";

	private static final Logger log = LoggerFactory.getLogger(ReconcileJobConfiguration.class);

	@Bean
	JobDefinition reconcileDefinition() {
		return new JobDefinition(JOB,
				"finds program_overview drift against SQL (missing, extra, mismatched) and meta-hash drift; can repair",
				PeriodRule.DAILY, ReconcileSettings.class, 40);
	}

	/** Opens the run's report row (again on a restart, which continues it). */
	@Bean
	Step reconcileStartStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ReconcileReport report, JobConfigs configs) {
		Tasklet open = (contribution, chunk) -> {
			StepExecution step = contribution.getStepExecution();
			ReconcileSettings settings = settings(configs, step.getJobExecution());
			report.open(step.getJobExecution().getJobInstance().getInstanceId(), step.getJobExecution().getId(),
					step.getJobParameters().getLocalDate(RunIdentity.DATE),
					step.getJobParameters().getString(RunIdentity.TENANT), settings.repair(),
					settings.discrepancyCap());
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("reconcileStartStep", repository).tasklet(open, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	// destroyMethod = "": Spring Batch 6.0.6 closes a stopped step-scoped reader through
	// the inferred destroy method and saves position 0, so a restart after stop would
	// re-read from the start.
	@Bean(destroyMethod = "")
	@StepScope
	OverviewMergeReader reconcileMergeReader(ProgramAggregates aggregates, MongoTemplate mongo, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) {
		return new OverviewMergeReader(aggregates, mongo, step.getJobParameters().getString(RunIdentity.TENANT),
				step.getExecutionContext().getLong(ProgramRangePartitioner.AFTER),
				step.getExecutionContext().getLong(ProgramRangePartitioner.TO),
				settings(configs, step.getJobExecution()).chunkSize());
	}

	@Bean
	@StepScope
	ComparisonProcessor reconcileComparisonProcessor(OverviewProjection projection,
			@Value("#{jobParameters['tenant']}") String tenant) {
		return new ComparisonProcessor(projection, tenant);
	}

	@Bean
	@StepScope
	DiscrepancyWriter reconcileDiscrepancyWriter(ReconcileReport report, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) {
		ReconcileSettings settings = settings(configs, step.getJobExecution());
		return new DiscrepancyWriter(report, runId(report, step), settings.discrepancyCap(), settings.repair());
	}

	// Job-scoped: its chunk size is a setting an operator may override per run.
	@Bean
	@JobScope
	Step reconcileCompareWorkerStep(JobRepository repository, PlatformTransactionManager transactionManager,
			OverviewMergeReader reconcileMergeReader, ComparisonProcessor reconcileComparisonProcessor,
			DiscrepancyWriter reconcileDiscrepancyWriter, JobConfigs configs,
			@Value("#{jobExecution}") JobExecution execution) {
		return new StepBuilder(WORKER, repository).<Comparison, Verdict>chunk(settings(configs, execution).chunkSize())
			.transactionManager(transactionManager)
			.reader(reconcileMergeReader)
			.processor(reconcileComparisonProcessor)
			.writer(reconcileDiscrepancyWriter)
			.build();
	}

	@Bean
	@StepScope
	ProgramRangePartitioner reconcilePartitioner(ProgramAggregates aggregates,
			@Value("#{jobParameters['tenant']}") String tenant) {
		return new ProgramRangePartitioner(aggregates, tenant);
	}

	@Bean
	@StepScope
	TaskExecutorPartitionHandler reconcilePartitionHandler(@Qualifier("reconcileCompareWorkerStep") Step worker,
			JobConfigs configs, @Value("#{stepExecution}") StepExecution step) {
		ReconcileSettings settings = settings(configs, step.getJobExecution());
		return Partitions.handler(JOB, worker, settings.gridSize(), settings.concurrency());
	}

	@Bean
	Step reconcileCompareStep(JobRepository repository, ProgramRangePartitioner reconcilePartitioner,
			TaskExecutorPartitionHandler reconcilePartitionHandler) {
		return new StepBuilder("reconcileCompareStep", repository).partitioner(WORKER, reconcilePartitioner)
			.partitionHandler(reconcilePartitionHandler)
			.listener(Partitions.surfaceWorkerFailure(WORKER))
			.build();
	}

	// destroyMethod = "": see reconcileMergeReader.
	@Bean(destroyMethod = "")
	@StepScope
	EnrollmentMetaReader reconcileMetaHashReader(DataSource dataSource, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) {
		return new EnrollmentMetaReader(dataSource, step.getJobParameters().getString(RunIdentity.TENANT),
				step.getExecutionContext().getLong(ProgramRangePartitioner.AFTER),
				step.getExecutionContext().getLong(ProgramRangePartitioner.TO),
				settings(configs, step.getJobExecution()).metaChunkSize());
	}

	@Bean
	@StepScope
	MetaMismatchWriter reconcileMetaMismatchWriter(ReconcileReport report, OverviewProjection projection,
			JobConfigs configs, @Value("#{stepExecution}") StepExecution step) {
		return new MetaMismatchWriter(report, projection, runId(report, step),
				settings(configs, step.getJobExecution()).discrepancyCap());
	}

	@Bean
	Step reconcileMetaHashWorkerStep(JobRepository repository, PlatformTransactionManager transactionManager,
			EnrollmentMetaReader reconcileMetaHashReader, MetaHashCheck metaHashCheck,
			MetaMismatchWriter reconcileMetaMismatchWriter) {
		// One item is a block of meta-chunk-size enrollments, one chunk one block.
		return new StepBuilder(META_WORKER, repository).<List<EnrollmentMeta>, MetaHashCheck.Checked>chunk(1)
			.transactionManager(transactionManager)
			.reader(reconcileMetaHashReader)
			.processor(metaHashCheck)
			.writer(reconcileMetaMismatchWriter)
			.build();
	}

	@Bean
	@StepScope
	EnrollmentRangePartitioner reconcileMetaHashPartitioner(JdbcClient jdbc, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) {
		return new EnrollmentRangePartitioner(jdbc, settings(configs, step.getJobExecution()).checkMetaHash());
	}

	@Bean
	@StepScope
	TaskExecutorPartitionHandler reconcileMetaHashPartitionHandler(
			@Qualifier("reconcileMetaHashWorkerStep") Step worker, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) {
		ReconcileSettings settings = settings(configs, step.getJobExecution());
		return Partitions.handler(JOB, worker, settings.gridSize(), settings.concurrency());
	}

	/**
	 * Recomputes every enrollment's meta hash, partitioned by enrollment id range
	 * (primary key order is the table's physical order); with check-meta-hash off its
	 * ranges are empty.
	 */
	@Bean
	Step reconcileMetaHashStep(JobRepository repository, EnrollmentRangePartitioner reconcileMetaHashPartitioner,
			TaskExecutorPartitionHandler reconcileMetaHashPartitionHandler) {
		return new StepBuilder("reconcileMetaHashStep", repository)
			.partitioner(META_WORKER, reconcileMetaHashPartitioner)
			.partitionHandler(reconcileMetaHashPartitionHandler)
			.listener(Partitions.surfaceWorkerFailure(META_WORKER))
			.build();
	}

	// destroyMethod = "": see reconcileMergeReader.
	@Bean(destroyMethod = "")
	@StepScope
	JdbcPagingItemReader<RepairCandidate> reconcileRepairReader(DataSource dataSource, ReconcileReport report,
			JobConfigs configs, @Value("#{stepExecution}") StepExecution step) throws Exception {
		return new JdbcPagingItemReaderBuilder<RepairCandidate>().name("reconcileRepairReader")
			.dataSource(dataSource)
			.selectClause("program_id, tenant_id, kind")
			.fromClause("reconcile_repairs")
			.whereClause("run_id = :run AND state = 'pending'")
			.parameterValues(Map.of("run", runId(report, step)))
			.sortKeys(Map.of("program_id", Order.ASCENDING))
			.rowMapper(new DataClassRowMapper<>(RepairCandidate.class))
			.pageSize(settings(configs, step.getJobExecution()).chunkSize())
			.build();
	}

	@Bean
	@StepScope
	RepairWriter reconcileRepairWriter(ProgramAggregates aggregates, OverviewStore store, OverviewProjection projection,
			ReconcileReport report, @Value("#{stepExecution}") StepExecution step) {
		return new RepairWriter(aggregates, store, projection, report, runId(report, step),
				step.getJobParameters().getString(RunIdentity.TENANT));
	}

	// Job-scoped: its chunk size is a setting an operator may override per run.
	@Bean
	@JobScope
	Step reconcileRepairStep(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<RepairCandidate> reconcileRepairReader, RepairWriter reconcileRepairWriter,
			JobConfigs configs, @Value("#{jobExecution}") JobExecution execution) {
		return new StepBuilder("reconcileRepairStep", repository)
			.<RepairCandidate, RepairCandidate>chunk(settings(configs, execution).chunkSize())
			.transactionManager(transactionManager)
			.reader(reconcileRepairReader)
			.writer(reconcileRepairWriter)
			.build();
	}

	/**
	 * Counts documents whose {@code _id} is no program id (extra; the merge only sees
	 * numeric ids), closes the report, logs its one-line summary, and fails the check
	 * when asked to and drift remains.
	 */
	@Bean
	Step reconcileSummaryStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ReconcileReport report, OverviewStore store, OverviewProjection projection, JobConfigs configs) {
		Tasklet summarize = (contribution, chunk) -> {
			StepExecution step = contribution.getStepExecution();
			ReconcileSettings settings = settings(configs, step.getJobExecution());
			long runId = runId(report, step);
			String tenant = step.getJobParameters().getString(RunIdentity.TENANT);
			List<Document> strays = store.strays(tenant);
			if (!strays.isEmpty()) {
				List<ReconcileReport.Discrepancy> discrepancies = new ArrayList<>();
				for (Document stray : strays) {
					String key = String.valueOf(stray.get("_id"));
					discrepancies.add(new ReconcileReport.Discrepancy(ComparisonProcessor.tenantOf(stray, tenant),
							ComparisonProcessor.EXTRA, (key.length() > 128) ? key.substring(0, 128) : key,
							projection.canonicalJson(Map.of("actual", projection.comparable(stray)))));
				}
				report.record(runId, new ReconcileReport.Tally(0, strays.size(), 0, strays.size(), 0, 0, 0),
						discrepancies, List.of(), settings.discrepancyCap());
			}
			ReconcileReport.RunSummary summary = report.finish(runId);
			log.info(summary.describe());
			boolean failed = settings.failOnDrift() && summary.remaining() > 0;
			contribution.setExitStatus(failed
					? ExitCodeMapping.CHECK_FAILED
						.addExitDescription(summary.remaining() + " drift remains: " + summary.describe())
					: new ExitStatus(ExitStatus.COMPLETED.getExitCode(), summary.describe()));
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("reconcileSummaryStep", repository).tasklet(summarize, transactionManager).build();
	}

	@Bean
	Job reconcile(JobRepository repository, Step reconcileStartStep, Step reconcileCompareStep,
			Step reconcileMetaHashStep, Step reconcileRepairStep, Step reconcileSummaryStep) {
		return new JobBuilder(JOB, repository).start(reconcileStartStep)
			.next(reconcileCompareStep)
			.next(reconcileMetaHashStep)
			.next(reconcileRepairStep)
			.next(reconcileSummaryStep)
			.build();
	}

	private static long runId(ReconcileReport report, StepExecution step) {
		return report.runId(step.getJobExecution().getJobInstance().getInstanceId());
	}

	private static ReconcileSettings settings(JobConfigs configs, JobExecution execution) {
		return configs.settings(JOB, ReconcileSettings.class, execution.getJobParameters());
	}

}
