package io.nightshift.aggregate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.NightshiftProperties;
import io.nightshift.platform.config.JobConfigs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@code nightshift gate}: fails (exit 6) when a series' p95 exceeded its threshold on N
 * consecutive days with data, or when its latest day regressed beyond the tolerance
 * against its trailing baseline; passes (0) otherwise; exit 5 when the series has no
 * aggregated day. Days with fewer than {@code regression.min-samples} tasks are not
 * judged. Every evaluation rewrites the one-line status file
 * {@code $NIGHTSHIFT_HOME/quality/quality-run-status.txt}.
 */
@Service
public class PerfGate {

	static final String STATUS_FILE = "quality-run-status.txt";

	private final JdbcClient jdbc;

	private final JobConfigs configs;

	private final PerfRegressions regressions;

	private final Path statusFile;

	PerfGate(JdbcClient jdbc, JobConfigs configs, PerfRegressions regressions, NightshiftProperties properties) {
		this.jdbc = jdbc;
		this.configs = configs;
		this.regressions = regressions;
		this.statusFile = properties.home().resolve("quality").resolve(STATUS_FILE).toAbsolutePath().normalize();
	}

	public GateVerdict evaluate(GateRequest request) {
		PerfAggregateSettings settings = this.configs.config(PerfAggregateJobConfiguration.JOB)
			.settings(PerfAggregateSettings.class);
		if (request.thresholdMs() != null && request.thresholdMs() <= 0) {
			throw NightshiftException.usage("--threshold-ms " + request.thresholdMs() + ": must be greater than 0");
		}
		if (request.consecutiveDays() != null && request.consecutiveDays() <= 0) {
			throw NightshiftException.usage("--runs " + request.consecutiveDays() + ": must be greater than 0");
		}
		if (request.tolerance() != null && request.tolerance() < 0) {
			throw NightshiftException.usage("--tolerance " + request.tolerance() + ": must not be negative");
		}
		String series = request.project() + "/" + request.target();
		String tenant = Series.resolveTenant(this.jdbc, request.tenant(), request.project(), request.target(), false);
		int consecutive = (request.consecutiveDays() != null) ? request.consecutiveDays()
				: settings.gate().consecutiveDays();
		Long configured = settings.gate().thresholdFor(tenant, request.project(), request.target());
		Long threshold = (request.thresholdMs() != null) ? request.thresholdMs() : configured;
		String source = (request.thresholdMs() != null) ? "flag" : (configured != null) ? "job-config" : "none";
		PerfAggregateSettings.Regression regression = settings.regression();
		double tolerance = (request.tolerance() != null) ? request.tolerance() : regression.tolerance();
		List<GateVerdict.DayP95> recent = recentDays(tenant, request, Math.max(consecutive, 1),
				regression.minSamples());
		if (recent.isEmpty()) {
			String line = "NO DATA " + series + " (" + tenant + "): no aggregated day with at least "
					+ regression.minSamples() + " tasks" + ((request.date() != null) ? " up to " + request.date() : "");
			write(line);
			return new GateVerdict("no-data", ExitCodes.NOT_FOUND, tenant, request.project(), request.target(), null,
					null, null, new GateVerdict.ThresholdCheck(threshold, source, consecutive, List.of(), 0, false),
					new GateVerdict.RegressionCheck(null, null, regression.baselineDays(), tolerance, null, false),
					List.of(), line, this.statusFile.toString());
		}
		GateVerdict.DayP95 latest = recent.get(0);
		int streak = 0;
		if (threshold != null) {
			while (streak < recent.size() && recent.get(streak).p95() > threshold) {
				streak++;
			}
		}
		boolean breached = threshold != null && streak >= consecutive;
		Optional<PerfRegressions.Baseline> baseline = this.regressions.baseline(tenant, request.project(),
				request.target(), latest.day(), regression);
		Double magnitude = baseline.map((value) -> latest.p95() / value.p95() - 1).orElse(null);
		boolean regressed = magnitude != null && magnitude > tolerance;
		List<String> reasons = new ArrayList<>();
		if (breached) {
			reasons.add(String.format(Locale.ROOT, "p95 above the threshold of %s on %d consecutive days with data",
					seconds(threshold), consecutive));
		}
		if (regressed) {
			reasons.add(String.format(Locale.ROOT,
					"p95 %s on %s is %+.0f%% against its baseline %s (median of %d days), beyond the tolerance of %.0f%%",
					seconds(latest.p95()), latest.day(), magnitude * 100, seconds(baseline.get().p95()),
					baseline.get().days(), tolerance * 100));
		}
		boolean failed = breached || regressed;
		String line = statusLine(failed, series, tenant, latest, threshold, streak, baseline, magnitude, reasons);
		write(line);
		return new GateVerdict(failed ? "fail" : "pass", failed ? ExitCodes.CHECK_FAILED : ExitCodes.COMPLETED, tenant,
				request.project(), request.target(), latest.day(), latest.n(), latest.p95(),
				new GateVerdict.ThresholdCheck(threshold, source, consecutive, recent, streak, breached),
				new GateVerdict.RegressionCheck(baseline.map(PerfRegressions.Baseline::p95).orElse(null),
						baseline.map(PerfRegressions.Baseline::days).orElse(null), regression.baselineDays(), tolerance,
						magnitude, regressed),
				reasons, line, this.statusFile.toString());
	}

	/** The latest days with data, newest first. */
	private List<GateVerdict.DayP95> recentDays(String tenant, GateRequest request, int days, long minSamples) {
		return this.jdbc.sql("""
				SELECT day, n, p95 FROM perf_aggregate
				 WHERE tenant_id = :tenant AND project = :project AND target = :target AND p95 IS NOT NULL
				   AND n >= :minSamples AND day <= :until
				 ORDER BY day DESC LIMIT :days
				""")
			.param("tenant", tenant)
			.param("project", request.project())
			.param("target", request.target())
			.param("minSamples", minSamples)
			.param("until", (request.date() != null) ? request.date() : LocalDate.of(9999, 12, 31))
			.param("days", days)
			.query((rs, row) -> new GateVerdict.DayP95(rs.getObject("day", LocalDate.class), rs.getLong("n"),
					rs.getDouble("p95")))
			.list();
	}

	private static String statusLine(boolean failed, String series, String tenant, GateVerdict.DayP95 latest,
			Long threshold, int streak, Optional<PerfRegressions.Baseline> baseline, Double magnitude,
			List<String> reasons) {
		StringBuilder line = new StringBuilder(failed ? "FAIL " : "PASS ").append(series)
			.append(" p95 ")
			.append(seconds(latest.p95()));
		if (threshold != null) {
			line.append((streak > 0) ? " > " : " <= ").append(seconds(threshold));
			if (streak > 1) {
				line.append(" for ").append(streak).append(" days");
			}
		}
		if (magnitude != null) {
			line.append(String.format(Locale.ROOT, ", %+.0f%% vs baseline %s", magnitude * 100,
					seconds(baseline.get().p95())));
		}
		line.append(" (").append(tenant).append(", ").append(latest.day()).append(')');
		return line.toString();
	}

	/** One line, replaced atomically so that a status bar never reads half of it. */
	private void write(String line) {
		try {
			Files.createDirectories(this.statusFile.getParent());
			Path temporary = Files.createTempFile(this.statusFile.getParent(), STATUS_FILE, ".tmp");
			Files.writeString(temporary, line + "\n", StandardCharsets.UTF_8);
			Files.move(temporary, this.statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot write " + this.statusFile + ": " + ex.getMessage(), ex);
		}
	}

	static String seconds(double millis) {
		return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
	}

}
