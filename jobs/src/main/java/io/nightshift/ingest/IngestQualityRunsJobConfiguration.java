package io.nightshift.ingest;

import java.nio.file.Path;

import io.nightshift.platform.NightshiftProperties;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.catalog.PeriodRule;
import io.nightshift.platform.config.JobConfigs;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code ingest-quality-runs}: quality-report files into build_metrics (one row per task)
 * and quality_runs (one document per run), idempotent by runId. Steps: fix the input as a
 * manifest, ingest the runs (chunks of whole runs), archive the inbox files.
 */
@Configuration(proxyBeanMethods = false)
class IngestQualityRunsJobConfiguration {

	static final String JOB = "ingest-quality-runs";

	static final String RUNS_STEP = "ingestRunsStep";

	/**
	 * Runs per commit. Not a setting: a chunk is a number of whole runs, each with all
	 * its tasks (typically tens to hundreds of rows), and the step is built once.
	 */
	static final int RUNS_PER_CHUNK = 20;

	@Bean
	JobDefinition ingestQualityRunsDefinition() {
		return new JobDefinition(JOB, "quality-report JSON files into build_metrics and quality_runs, by runId",
				PeriodRule.DAILY, IngestSettings.class, 10);
	}

	@Bean
	Step ingestPlanStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ReportScreening screening, Manifests manifests, JobConfigs configs, NightshiftProperties properties) {
		return new StepBuilder("ingestPlanStep", repository)
			.tasklet(new IngestPlanTasklet(screening, manifests, configs, properties), transactionManager)
			.build();
	}

	// destroyMethod = "": Spring Batch 6.0.6 closes a stopped step-scoped reader through
	// the inferred destroy method and saves position 0, so a restart after stop would
	// re-read from the start.
	@Bean(destroyMethod = "")
	@StepScope
	QualityReportItemReader qualityReportReader(Manifests manifests, ReportScreening screening,
			@Value("#{jobExecutionContext['" + IngestPlanTasklet.MANIFEST + "']}") String manifest) {
		return new QualityReportItemReader(manifests, screening.parser(), Path.of(manifest));
	}

	@Bean
	NewRunFilter newRunFilter(JdbcTemplate jdbc) {
		return new NewRunFilter(jdbc);
	}

	@Bean
	@StepScope
	QualityRunWriter qualityRunWriter(NamedParameterJdbcTemplate jdbc, MongoTemplate mongo,
			@Value("#{stepExecution.jobExecutionId}") Long executionId) {
		return new QualityRunWriter(jdbc, mongo, executionId);
	}

	@Bean
	Step ingestRunsStep(JobRepository repository, PlatformTransactionManager transactionManager,
			QualityReportItemReader qualityReportReader, NewRunFilter newRunFilter, QualityRunWriter qualityRunWriter) {
		return new StepBuilder(RUNS_STEP, repository).<IngestItem, IngestItem>chunk(RUNS_PER_CHUNK)
			.transactionManager(transactionManager)
			.reader(qualityReportReader)
			.processor(newRunFilter)
			.writer(qualityRunWriter)
			.build();
	}

	@Bean
	Step ingestArchiveStep(JobRepository repository, PlatformTransactionManager transactionManager, Manifests manifests,
			JobConfigs configs, NightshiftProperties properties) {
		return new StepBuilder("ingestArchiveStep", repository)
			.tasklet(new InboxArchiveTasklet(manifests, configs, properties), transactionManager)
			.build();
	}

	@Bean
	Job ingestQualityRuns(JobRepository repository, Step ingestPlanStep, Step ingestRunsStep, Step ingestArchiveStep,
			JdbcClient jdbc, Manifests manifests) {
		return new JobBuilder(JOB, repository).start(ingestPlanStep)
			.next(ingestRunsStep)
			.next(ingestArchiveStep)
			.listener(new IngestExitStatusListener(jdbc, manifests))
			.build();
	}

}
