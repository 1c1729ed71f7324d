package io.nightshift.ledger;

import java.time.LocalDate;

import javax.sql.DataSource;

import io.nightshift.platform.Tenants;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.catalog.PeriodRule;
import io.nightshift.platform.config.JobConfigs;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code snapshot-daily}: per tenant (partitioned into tenant ranges), captures the day's
 * evidence snapshot and appends it to the tenant's daily chain (docs/jobs/snapshot.md).
 */
@Configuration(proxyBeanMethods = false)
class SnapshotDailyJobConfiguration {

	private static final SnapshotKind KIND = SnapshotKind.DAILY;

	@Bean
	JobDefinition snapshotDailyDefinition() {
		return new JobDefinition(KIND.job(),
				"captures each tenant's evidence snapshot of the day into its daily ledger chain", PeriodRule.DAILY,
				SnapshotSettings.class, 50);
	}

	@Bean
	@StepScope
	TenantRangePartitioner snapshotDailyPartitioner(Tenants tenants, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution manager) {
		return SnapshotJobParts.partitioner(tenants, configs, KIND, manager);
	}

	// destroyMethod = "": Spring Batch 6.0.6 closes a stopped step-scoped reader through
	// the inferred destroy method and saves position 0.
	@Bean(destroyMethod = "")
	@StepScope
	JdbcPagingItemReader<TenantItem> snapshotDailyTenantReader(DataSource dataSource,
			@Value("#{stepExecutionContext['" + TenantRangePartitioner.FIRST + "']}") String first,
			@Value("#{stepExecutionContext['" + TenantRangePartitioner.LAST + "']}") String last) throws Exception {
		return SnapshotJobParts.reader("snapshotDailyTenantReader", dataSource, first, last);
	}

	@Bean
	@StepScope
	SnapshotProcessor snapshotDailyProcessor(SnapshotCapture capture, Ledger ledger, JobConfigs configs,
			@Value("#{jobParameters['date']}") LocalDate date, @Value("#{stepExecution}") StepExecution step) {
		return new SnapshotProcessor(capture, ledger, KIND, date, SnapshotJobParts.settings(configs, KIND, step), step);
	}

	@Bean
	@StepScope
	LedgerWriter snapshotDailyWriter(Ledger ledger, JobConfigs configs, @Value("#{stepExecution}") StepExecution step) {
		return new LedgerWriter(ledger, step.getJobExecutionId(),
				SnapshotJobParts.settings(configs, KIND, step).partialSupersedesComplete());
	}

	@Bean
	Step snapshotDailyWorker(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<TenantItem> snapshotDailyTenantReader, SnapshotProcessor snapshotDailyProcessor,
			LedgerWriter snapshotDailyWriter) {
		return SnapshotJobParts.worker("snapshotDailyWorker", repository, transactionManager, snapshotDailyTenantReader,
				snapshotDailyProcessor, snapshotDailyWriter);
	}

	@Bean
	@StepScope
	TaskExecutorPartitionHandler snapshotDailyPartitionHandler(Step snapshotDailyWorker, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution manager) {
		return SnapshotJobParts.partitionHandler(snapshotDailyWorker, configs, KIND, manager);
	}

	@Bean
	Step snapshotDailyStep(JobRepository repository, TenantRangePartitioner snapshotDailyPartitioner,
			TaskExecutorPartitionHandler snapshotDailyPartitionHandler, Step snapshotDailyWorker) {
		return SnapshotJobParts.manager("snapshotDailyStep", repository, snapshotDailyPartitioner,
				snapshotDailyPartitionHandler, snapshotDailyWorker);
	}

	@Bean
	SnapshotRunListener snapshotDailyRunListener(Ledger ledger, SnapshotCapture capture, JobRepository repository) {
		return new SnapshotRunListener(ledger, capture, repository);
	}

	@Bean
	Job snapshotDaily(JobRepository repository, Step snapshotDailyStep, SnapshotRunListener snapshotDailyRunListener) {
		return SnapshotJobParts.job(KIND, repository, snapshotDailyStep, snapshotDailyRunListener);
	}

}
