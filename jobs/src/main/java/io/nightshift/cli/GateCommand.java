package io.nightshift.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.nightshift.aggregate.GateRequest;
import io.nightshift.aggregate.GateVerdict;
import io.nightshift.aggregate.PerfGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift gate}: the build-performance gate of one project and target. */
@Command(name = "gate", description = { "Judge a project and target's daily p95 (from perf-aggregate).",
		"Fails (exit 6) when p95 exceeded its threshold on N consecutive days with data, or when the latest day",
		"regressed beyond the tolerance against its trailing baseline; exit 5 without aggregated days.",
		"Defaults come from job-configs/perf-aggregate.yml (gate, regression). Writes a one-line status to",
		"$NIGHTSHIFT_HOME/quality/quality-run-status.txt." })
class GateCommand extends PlatformCommand {

	@Option(names = "--project", required = true, paramLabel = "P", description = "The project.")
	String project;

	@Option(names = "--target", required = true, paramLabel = "T", description = "The target.")
	String target;

	@Option(names = "--tenant", paramLabel = "T", description = "The tenant (needed when several have the series).")
	String tenant;

	@Option(names = "--date", paramLabel = "D", converter = Converters.IsoDate.class,
			description = "Judge the latest day with data up to D. Default: the latest.")
	LocalDate date;

	@Option(names = "--threshold-ms", paramLabel = "N", description = "p95 threshold in milliseconds.")
	Long thresholdMs;

	@Option(names = { "--runs", "--consecutive-days" }, paramLabel = "N",
			description = "Consecutive days with data above the threshold that fail the gate.")
	Integer runs;

	@Option(names = "--tolerance", paramLabel = "X",
			description = "How far above its baseline the latest p95 may be (0.2 = 20%).")
	Double tolerance;

	@Override
	public Integer call() {
		GateVerdict verdict = bean(PerfGate.class).evaluate(new GateRequest(this.project, this.target, this.tenant,
				this.date, this.thresholdMs, this.runs, this.tolerance));
		Output output = output();
		if (output.json()) {
			output.json(verdict);
			return verdict.exitCode();
		}
		output.line(verdict.statusLine());
		verdict.reasons().forEach((reason) -> output.line("  - " + reason));
		if (!verdict.threshold().recent().isEmpty()) {
			List<List<String>> rows = new ArrayList<>();
			for (GateVerdict.DayP95 day : verdict.threshold().recent()) {
				Long threshold = verdict.threshold().thresholdMs();
				rows.add(List.of(day.day().toString(), Long.toString(day.n()), seconds(day.p95()),
						(threshold == null) ? "-" : (day.p95() > threshold) ? "above" : "ok"));
			}
			output.line("");
			output.table(List.of("DAY", "N", "P95", "THRESHOLD " + ((verdict.threshold().thresholdMs() != null)
					? seconds(verdict.threshold().thresholdMs()) : "(none)")), rows);
		}
		return verdict.exitCode();
	}

	private static String seconds(double millis) {
		return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
	}

}
