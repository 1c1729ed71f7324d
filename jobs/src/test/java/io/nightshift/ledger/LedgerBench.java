package io.nightshift.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.nightshift.platform.Tenants;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.ApplicationContext;

/**
 * What the benchmarks (package io.nightshift.bench) need from the ledger's
 * package-private types: realistic snapshot items, and the capture loop without Spring
 * Batch.
 */
public final class LedgerBench {

	private static final String[] STATUSES = { "invited", "active", "paused", "completed", "withdrawn" };

	private static final String[] PROJECTS = { "web", "api", "worker", "mobile", "infra" };

	private LedgerBench() {
	}

	/**
	 * {@code count} snapshot items in the proportions of a real snapshot: mostly
	 * enrollment rows (the digested part), then stream heads, quality runs, perf
	 * aggregates, program enrollment summaries and programs with their KPI targets.
	 */
	public static List<Object> items(int count, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Object> items = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int kind = random.nextInt(100);
			if (kind < 60) {
				items.add(new SnapshotSources.EnrollmentRow(instant(random), 100_000L + i, hex(random),
						STATUSES[random.nextInt(STATUSES.length)], instant(random), 10_000L + random.nextInt(90_000)));
			}
			else if (kind < 75) {
				items.add(new SnapshotPayload.StreamHead("mission-t" + random.nextInt(1000) + "-" + random.nextInt(50),
						"mission", 1 + random.nextInt(40), "MissionUpdated"));
			}
			else if (kind < 85) {
				items.add(new SnapshotPayload.QualityRunEntry("t" + random.nextInt(1000) + "-20261118-" + i,
						instant(random), 12, random.nextInt(3), random.nextInt(2), random.nextInt(4),
						random.nextLong(3_000_000), hex(random)));
			}
			else if (kind < 93) {
				double p50 = 1000 + random.nextDouble() * 100_000;
				items.add(new SnapshotPayload.PerfAggregateEntry("2026-11-" + (10 + random.nextInt(19)),
						PROJECTS[random.nextInt(PROJECTS.length)], "build", random.nextInt(500), random.nextInt(50),
						random.nextInt(10), p50, p50 * 1.9, p50 * 2.7, p50 * 1.2, p50 * 4.1, "exact", hex(random)));
			}
			else if (kind < 97) {
				Map<String, Long> byStatus = new LinkedHashMap<>();
				for (String status : STATUSES) {
					byStatus.put(status, (long) random.nextInt(200));
				}
				items.add(new SnapshotPayload.ProgramEnrollments(random.nextInt(10_000), random.nextInt(1000), byStatus,
						random.nextInt(20), hex(random)));
			}
			else {
				ObjectNode kpi = JsonNodeFactory.instance.objectNode();
				kpi.put("participants", 20 + random.nextInt(200));
				kpi.put("completions", random.nextInt(100));
				kpi.put("activeShare", Math.round(random.nextDouble() * 100) / 100.0);
				items.add(new SnapshotPayload.ProgramEntry(random.nextInt(10_000), "ONBOARD-" + random.nextInt(10),
						"active", kpi));
			}
		}
		return items;
	}

	/**
	 * Captures every tenant's daily snapshot of {@code date} on this thread, reading the
	 * quality runs in one query as a job's worker does; writes nothing.
	 */
	public static long captureAll(ApplicationContext context, LocalDate date) {
		SnapshotCapture capture = context.getBean(SnapshotCapture.class);
		List<String> tenants = context.getBean(Tenants.class).ids();
		SnapshotCapture.TenantRange range = new SnapshotCapture.TenantRange(tenants.get(0),
				tenants.get(tenants.size() - 1));
		long bytes = 0;
		for (String tenant : tenants) {
			bytes += capture.capture(tenant, SnapshotKind.DAILY, date, Duration.ofSeconds(30), null, range)
				.payload().length;
		}
		return bytes;
	}

	private static String instant(SplittableRandom random) {
		return java.time.Instant
			.ofEpochSecond(1_790_000_000L + random.nextInt(10_000_000), random.nextInt(1_000_000) * 1000L)
			.toString();
	}

	private static String hex(SplittableRandom random) {
		return String.format("%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(),
				random.nextLong());
	}

}
