package io.nightshift.ledger;

import java.util.Map;

import javax.sql.DataSource;

import io.nightshift.platform.Tenants;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.launch.RunIdentity;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The pieces snapshot-daily and snapshot-weekly share, built for one kind. Each job's
 * configuration declares them as its own beans in data-flow order.
 */
final class SnapshotJobParts {

	/**
	 * One tenant per chunk: its entry and the reader's position commit together, so a
	 * restart resumes exactly after the last tenant appended.
	 */
	static final int TENANTS_PER_CHUNK = 1;

	private SnapshotJobParts() {
	}

	static SnapshotSettings settings(JobConfigs configs, SnapshotKind kind, StepExecution step) {
		return configs.settings(kind.job(), SnapshotSettings.class, step.getJobExecution().getJobParameters());
	}

	static TenantRangePartitioner partitioner(Tenants tenants, JobConfigs configs, SnapshotKind kind,
			StepExecution manager) {
		String tenant = manager.getJobExecution().getJobParameters().getString(RunIdentity.TENANT);
		return new TenantRangePartitioner(tenants.covered(tenant), settings(configs, kind, manager).partitions());
	}

	static TaskExecutorPartitionHandler partitionHandler(Step worker, JobConfigs configs, SnapshotKind kind,
			StepExecution manager) {
		SnapshotSettings settings = settings(configs, kind, manager);
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(kind.job() + "-");
		threads.setConcurrencyLimit(settings.threads());
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		handler.setStep(worker);
		handler.setTaskExecutor(threads);
		handler.setGridSize(settings.partitions());
		return handler;
	}

	static JdbcPagingItemReader<TenantItem> reader(String name, DataSource dataSource, String first, String last)
			throws Exception {
		return new JdbcPagingItemReaderBuilder<TenantItem>().name(name)
			.dataSource(dataSource)
			.selectClause("id")
			.fromClause("tenants")
			.whereClause("id >= :first AND id <= :last")
			.parameterValues(Map.of("first", first, "last", last))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper(new DataClassRowMapper<>(TenantItem.class))
			.pageSize(100)
			.build();
	}

	static Step worker(String name, JobRepository repository, PlatformTransactionManager transactions,
			JdbcPagingItemReader<TenantItem> reader, SnapshotProcessor processor, LedgerWriter writer) {
		return new StepBuilder(name, repository).<TenantItem, SnapshotCapture.CapturedSnapshot>chunk(TENANTS_PER_CHUNK)
			.transactionManager(transactions)
			.reader(reader)
			.processor(processor)
			.writer(writer)
			.build();
	}

	static Step manager(String name, JobRepository repository, TenantRangePartitioner partitioner,
			TaskExecutorPartitionHandler handler, Step worker) {
		return new StepBuilder(name, repository).partitioner(worker.getName(), partitioner)
			.step(worker)
			.partitionHandler(handler)
			.build();
	}

	static Job job(SnapshotKind kind, JobRepository repository, Step manager, SnapshotRunListener listener) {
		return new JobBuilder(kind.job(), repository).start(manager).listener(listener).build();
	}

}
