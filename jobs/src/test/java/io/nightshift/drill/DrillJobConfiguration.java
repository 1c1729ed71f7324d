package io.nightshift.drill;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.catalog.PeriodRule;
import io.nightshift.platform.config.JobConfigs;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A test-only chunk job that exercises the platform for real: it copies
 * {@code drill_items} of a tenant into {@code drill_totals}, doubling each amount, with
 * an idempotent upsert.
 */
@Configuration(proxyBeanMethods = false)
class DrillJobConfiguration {

	static final String JOB = "drill-copy";

	@Bean
	JobDefinition drillCopyDefinition() {
		return new JobDefinition(JOB, "test drill: copies drill_items into drill_totals", PeriodRule.DAILY,
				DrillSettings.class, 1000);
	}

	// destroyMethod = "": Spring Batch 6.0.6 closes a stopped step-scoped reader through
	// the inferred
	// destroy method and saves position 0, so a restart after stop would re-read from the
	// start.
	@Bean(destroyMethod = "")
	@StepScope
	JdbcPagingItemReader<Item> drillItemsReader(DataSource dataSource,
			@Value("#{jobParameters['tenant']}") String tenant) throws Exception {
		return new JdbcPagingItemReaderBuilder<Item>().name("drillItemsReader")
			.dataSource(dataSource)
			.selectClause("id, tenant_id, amount")
			.fromClause("drill_items")
			.whereClause("(:tenant = 'all' OR tenant_id = :tenant)")
			.parameterValues(Map.of("tenant", tenant))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper(new DataClassRowMapper<>(Item.class))
			.pageSize(100)
			.build();
	}

	@Bean
	ItemProcessor<Item, Item> drillDoubler() {
		return (item) -> new Item(item.id(), item.tenantId(), item.amount() * 2);
	}

	@Bean
	JdbcBatchItemWriter<Item> drillTotalsWriter(DataSource dataSource) {
		return new JdbcBatchItemWriterBuilder<Item>().dataSource(dataSource).sql("""
				INSERT INTO drill_totals (id, tenant_id, amount) VALUES (:id, :tenantId, :amount)
				ON CONFLICT (id) DO UPDATE SET amount = excluded.amount, tenant_id = excluded.tenant_id
				""").beanMapped().build();
	}

	// A singleton: a job-scoped step breaks JobOperator.stop in Spring Batch 6.0.6 (it
	// looks the
	// step up outside the job scope and rolls the stop back), so the chunk size comes
	// from the file.
	@Bean
	Step drillCopyStep(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<Item> drillItemsReader, ItemProcessor<Item, Item> drillDoubler,
			JdbcBatchItemWriter<Item> drillTotalsWriter, JobConfigs configs) {
		DrillSettings settings = configs.config(JOB).settings(DrillSettings.class);
		return new StepBuilder("drillCopyStep", repository).<Item, Item>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(drillItemsReader)
			.processor(drillDoubler)
			.writer(drillTotalsWriter)
			.build();
	}

	@Bean
	Job drillCopy(JobRepository repository, Step drillCopyStep) {
		return new JobBuilder(JOB, repository).start(drillCopyStep).build();
	}

	record Item(long id, String tenantId, long amount) {
	}

	/**
	 * @param chunkSize items per transaction
	 * @param throttle pause after each chunk; a fixture for duration validation (never
	 * negative)
	 */
	record DrillSettings(@DefaultValue("100") @Positive int chunkSize,
			@DefaultValue("PT0S") @DurationMin(nanos = 0) Duration throttle) {
	}

}
