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
 * {@code snapshot-weekly}: per tenant (partitioned into tenant ranges), captures the
 * evidence snapshot of an ISO week (Monday to Sunday, named by its Monday) and appends it
 * to the tenant's weekly chain (docs/jobs/snapshot.md).
 */
@Configuration(proxyBeanMethods = false)
class SnapshotWeeklyJobConfiguration {

	private static final SnapshotKind KIND = SnapshotKind.WEEKLY;

	@Bean
	JobDefinition snapshotWeeklyDefinition() {
		return new JobDefinition(KIND.job(),
				"captures each tenant's evidence snapshot of the ISO week into its weekly ledger chain",
				PeriodRule.WEEKLY, SnapshotSettings.class, 60);
	}

	@Bean
	@StepScope
	TenantRangePartitioner snapshotWeeklyPartitioner(Tenants tenants, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution manager) {
		return SnapshotJobParts.partitioner(tenants, configs, KIND, manager);
	}

	// destroyMethod = "": Spring Batch 6.0.6 closes a stopped step-scoped reader through
	// the inferred destroy method and saves position 0.
	@Bean(destroyMethod = "")
	@StepScope
	JdbcPagingItemReader<TenantItem> snapshotWeeklyTenantReader(DataSource dataSource,
			@Value("#{stepExecutionContext['" + TenantRangePartitioner.FIRST + "']}") String first,
			@Value("#{stepExecutionContext['" + TenantRangePartitioner.LAST + "']}") String last) throws Exception {
		return SnapshotJobParts.reader("snapshotWeeklyTenantReader", dataSource, first, last);
	}

	@Bean
	@StepScope
	SnapshotProcessor snapshotWeeklyProcessor(SnapshotCapture capture, Ledger ledger, JobConfigs configs,
			@Value("#{jobParameters['date']}") LocalDate date, @Value("#{stepExecution}") StepExecution step) {
		return new SnapshotProcessor(capture, ledger, KIND, date, SnapshotJobParts.settings(configs, KIND, step), step);
	}

	@Bean
	@StepScope
	LedgerWriter snapshotWeeklyWriter(Ledger ledger, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution step) {
		return new LedgerWriter(ledger, step.getJobExecutionId(),
				SnapshotJobParts.settings(configs, KIND, step).partialSupersedesComplete());
	}

	@Bean
	Step snapshotWeeklyWorker(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<TenantItem> snapshotWeeklyTenantReader, SnapshotProcessor snapshotWeeklyProcessor,
			LedgerWriter snapshotWeeklyWriter) {
		return SnapshotJobParts.worker("snapshotWeeklyWorker", repository, transactionManager,
				snapshotWeeklyTenantReader, snapshotWeeklyProcessor, snapshotWeeklyWriter);
	}

	@Bean
	@StepScope
	TaskExecutorPartitionHandler snapshotWeeklyPartitionHandler(Step snapshotWeeklyWorker, JobConfigs configs,
			@Value("#{stepExecution}") StepExecution manager) {
		return SnapshotJobParts.partitionHandler(snapshotWeeklyWorker, configs, KIND, manager);
	}

	@Bean
	Step snapshotWeeklyStep(JobRepository repository, TenantRangePartitioner snapshotWeeklyPartitioner,
			TaskExecutorPartitionHandler snapshotWeeklyPartitionHandler, Step snapshotWeeklyWorker) {
		return SnapshotJobParts.manager("snapshotWeeklyStep", repository, snapshotWeeklyPartitioner,
				snapshotWeeklyPartitionHandler, snapshotWeeklyWorker);
	}

	@Bean
	SnapshotRunListener snapshotWeeklyRunListener(Ledger ledger, SnapshotCapture capture, JobRepository repository) {
		return new SnapshotRunListener(ledger, capture, repository);
	}

	@Bean
	Job snapshotWeekly(JobRepository repository, Step snapshotWeeklyStep,
			SnapshotRunListener snapshotWeeklyRunListener) {
		return SnapshotJobParts.job(KIND, repository, snapshotWeeklyStep, snapshotWeeklyRunListener);
	}

}
