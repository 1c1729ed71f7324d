package io.nightshift.bench;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * W0: the framework's own cost per chunk. An in-memory reader into a no-op writer (10M
 * items, chunk 1000) with the JDBC job repository in PostgreSQL holding 10k past
 * executions, against the same job on a resourceless repository.
 */
class ChunkOverheadWorkload implements Workload {

	private static final String JOB = "w0-chunk-overhead";

	private static final int CHUNK = 1000;

	private final StatementCounter statements = new StatementCounter();

	private long items;

	private long run;

	private Job jdbcJob;

	private JobOperator jdbcOperator;

	private Job resourcelessJob;

	private JobOperator resourcelessOperator;

	@Override
	public String name() {
		return "W0";
	}

	@Override
	public String description() {
		return "in-memory reader -> no-op writer, chunk " + CHUNK
				+ ", JDBC job repository (PostgreSQL, 10k past executions) vs the same job on a resourceless repository";
	}

	@Override
	public void setUp(ConfigurableApplicationContext context, BenchOptions options) throws Exception {
		this.items = options.size(10_000_000);
		DataSource dataSource = this.statements.wrap(context.getBean(DataSource.class));
		JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(transactions);
		factory.afterPropertiesSet();
		JobRepository jdbcRepository = factory.getObject();
		seedHistory(context.getBean(JdbcClient.class), Integer.parseInt(options.parameter("history", "10000")));
		this.jdbcJob = job(jdbcRepository, transactions);
		this.jdbcOperator = operator(jdbcRepository, transactions);
		ResourcelessJobRepository resourceless = new ResourcelessJobRepository();
		ResourcelessTransactionManager noTransactions = new ResourcelessTransactionManager();
		this.resourcelessJob = job(resourceless, noTransactions);
		this.resourcelessOperator = operator(resourceless, noTransactions);
	}

	@Override
	public Measurement workload() throws Exception {
		long before = this.statements.count();
		Measurement measurement = launch(this.jdbcOperator, this.jdbcJob);
		double perChunk = (this.statements.count() - before) / (double) ((this.items + CHUNK - 1) / CHUNK);
		return new Measurement(measurement.nanos(), measurement.units(),
				Map.of("metadata statements per chunk", perChunk));
	}

	@Override
	public Measurement baseline() throws Exception {
		return launch(this.resourcelessOperator, this.resourcelessJob);
	}

	private Measurement launch(JobOperator operator, Job job) throws Exception {
		long started = System.nanoTime();
		JobExecution execution = operator.start(job,
				new JobParametersBuilder().addLong("run", ++this.run).toJobParameters());
		long elapsed = System.nanoTime() - started;
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("W0 run ended " + execution.getStatus());
		}
		return new Measurement(elapsed, this.items);
	}

	private Job job(JobRepository repository, PlatformTransactionManager transactions) {
		return new JobBuilder(JOB, repository)
			.start(new StepBuilder("w0Step", repository).<Long, Long>chunk(CHUNK)
				.transactionManager(transactions)
				.reader(counter())
				.writer(noOp())
				.build())
			.build();
	}

	private ItemReader<Long> counter() {
		return new ItemReader<>() {

			private long next;

			@Override
			public Long read() {
				if (this.next == ChunkOverheadWorkload.this.items) {
					this.next = 0;
					return null;
				}
				return this.next++;
			}

		};
	}

	private static ItemWriter<Long> noOp() {
		return (chunk) -> {
		};
	}

	private static JobOperator operator(JobRepository repository, PlatformTransactionManager transactions)
			throws Exception {
		JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
		factory.setJobRepository(repository);
		factory.setJobRegistry(new MapJobRegistry());
		factory.setTransactionManager(transactions);
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	/** Past executions of the same job, as a long-lived repository holds them. */
	private static void seedHistory(JdbcClient jdbc, int executions) {
		jdbc.sql("""
				INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key)
				SELECT nextval('batch_job_instance_seq'), 0, :job, md5('history-' || g) FROM generate_series(1, :n) g
				""").param("job", JOB).param("n", executions).update();
		jdbc.sql("""
				INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
				                                 end_time, status, exit_code, exit_message, last_updated)
				SELECT nextval('batch_job_execution_seq'), 2, i.job_instance_id, now(), now(), now(), 'COMPLETED',
				       'COMPLETED', '', now()
				  FROM batch_job_instance i WHERE i.job_name = :job
				""").param("job", JOB).update();
		jdbc.sql(
				"""
						INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type, parameter_value,
						                                        identifying)
						SELECT e.job_execution_id, 'run', 'java.lang.Long', (-e.job_execution_id)::text, 'Y'
						  FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = :job
						""")
			.param("job", JOB)
			.update();
		jdbc.sql("""
				INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
				                                  start_time, end_time, status, commit_count, read_count, filter_count,
				                                  write_count, read_skip_count, write_skip_count, process_skip_count,
				                                  rollback_count, exit_code, exit_message, last_updated)
				SELECT nextval('batch_step_execution_seq'), 3, 'w0Step', e.job_execution_id, now(), now(), now(),
				       'COMPLETED', 10, 10000, 0, 10000, 0, 0, 0, 0, 'COMPLETED', '', now()
				  FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = :job
				""").param("job", JOB).update();
		jdbc.sql("ANALYZE").update();
	}

}
