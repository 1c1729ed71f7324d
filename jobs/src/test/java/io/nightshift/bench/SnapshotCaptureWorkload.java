package io.nightshift.bench;

import java.time.LocalDate;
import java.util.Map;

import io.nightshift.ledger.LedgerBench;
import io.nightshift.platform.Tenants;
import io.nightshift.platform.demo.DemoScale;
import io.nightshift.platform.demo.DemoSeeder;
import io.nightshift.platform.demo.DemoSpec;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * W2-CAPTURE: wall time of snapshot-daily over every tenant of the large demo set (1,000
 * tenants; {@code --size N} seeds N), through the launch service with the job's default
 * settings (2 tenant ranges, 2 threads), one new day per repetition; against the same
 * captures in a plain loop on one thread with no Spring Batch and no appends.
 */
class SnapshotCaptureWorkload implements Workload {

	private ConfigurableApplicationContext context;

	private LocalDate lastDay;

	private int workloadRuns;

	private int baselineRuns;

	private long tenants;

	@Override
	public String name() {
		return "W2-CAPTURE";
	}

	@Override
	public String description() {
		return "snapshot-daily --tenant all over the large demo set (seed-demo --scale large), default settings"
				+ " (2 tenant ranges, 2 threads, one tenant per commit, appends included), vs the same captures in a"
				+ " plain single-thread loop without Spring Batch or appends";
	}

	@Override
	public String unit() {
		return "tenants";
	}

	@Override
	public void setUp(ConfigurableApplicationContext context, BenchOptions options) {
		this.context = context;
		int tenantCount = (int) options.size(DemoScale.LARGE.defaultTenants());
		this.lastDay = LocalDate.now().minusDays(1);
		long started = System.nanoTime();
		context.getBean(DemoSeeder.class)
			.seed(new DemoSpec(DemoScale.LARGE, tenantCount, DemoScale.LARGE.defaultDays(), 42, this.lastDay), false);
		System.out.printf("  seeded %d tenants (scale large) in %.1fs%n", tenantCount,
				(System.nanoTime() - started) / 1e9);
		this.tenants = context.getBean(Tenants.class).ids().size();
	}

	@Override
	public Measurement workload() {
		LocalDate day = this.lastDay.minusDays(this.workloadRuns++);
		long started = System.nanoTime();
		LaunchOutcome outcome = this.context.getBean(LaunchService.class)
			.run(new LaunchRequest("snapshot-daily", day, "all", Map.of(), new Requester(Trigger.CI, "bench", "W2")));
		long elapsed = System.nanoTime() - started;
		if (outcome.exitCode() != 0) {
			throw new IllegalStateException("W2-CAPTURE run ended " + outcome.message());
		}
		return new Measurement(elapsed, this.tenants);
	}

	@Override
	public Measurement baseline() {
		// Other days than the workload's, so that neither side finds anything cached.
		LocalDate day = this.lastDay.minusDays(15 + this.baselineRuns++);
		long started = System.nanoTime();
		long bytes = LedgerBench.captureAll(this.context, day);
		long elapsed = System.nanoTime() - started;
		return new Measurement(elapsed, this.tenants, Map.of("mean payload bytes", bytes / (double) this.tenants));
	}

}
