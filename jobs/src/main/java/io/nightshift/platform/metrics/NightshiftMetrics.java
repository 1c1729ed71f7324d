package io.nightshift.platform.metrics;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.schedule.Gaps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges of the suite's state for Prometheus: running executions, age of the last
 * successful period per job, open gaps of the last seven days per job. They query the
 * database, so values are cached for {@value #CACHE_SECONDS} seconds however often the
 * endpoint is scraped.
 */
@Component
class NightshiftMetrics implements MeterBinder {

	static final int CACHE_SECONDS = 30;

	private final JobCatalog catalog;

	private final Gaps gaps;

	private final JdbcClient jdbc;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	NightshiftMetrics(JobCatalog catalog, Gaps gaps, JdbcClient jdbc) {
		this.catalog = catalog;
		this.gaps = gaps;
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("nightshift.executions.running", () -> cached("running", this::running))
			.description("executions STARTING, STARTED or STOPPING in the job repository")
			.register(registry);
		for (JobDefinition job : this.catalog.definitions()) {
			Gauge
				.builder("nightshift.job.last.success.age",
						() -> cached("age:" + job.name(),
								() -> this.gaps.ageOfLastSuccess(job.name())
									.map(Duration::toSeconds)
									.map(Long::doubleValue)
									.orElse(Double.NaN)))
				.description("seconds since the end of the newest period of the job that completed")
				.baseUnit("seconds")
				.tag("job", job.name())
				.register(registry);
			Gauge.builder("nightshift.gaps.open", () -> cached("gaps:" + job.name(), () -> {
				LocalDate today = LocalDate.now();
				return (double) this.gaps.find(today.minusDays(7), today.minusDays(1), Optional.of(job.name())).size();
			}))
				.description("scheduled periods of the last seven days without a successful execution")
				.tag("job", job.name())
				.register(registry);
		}
	}

	private double running() {
		return this.jdbc
			.sql("SELECT count(*) FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')")
			.query(Long.class)
			.single();
	}

	private double cached(String key, Supplier<Double> compute) {
		long now = System.nanoTime();
		Cached current = this.cache.get(key);
		if (current == null || now - current.at() > Duration.ofSeconds(CACHE_SECONDS).toNanos()) {
			try {
				current = new Cached(compute.get(), now);
			}
			catch (RuntimeException ex) {
				// the store is unreachable: report no value rather than failing the
				// scrape
				current = new Cached(Double.NaN, now);
			}
			this.cache.put(key, current);
		}
		return current.value();
	}

	private record Cached(double value, long at) {
	}

}
