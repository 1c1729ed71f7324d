package io.nightshift.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.nightshift.aggregate.PerfTrends;
import io.nightshift.aggregate.Trends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift perf trends}: rolling and weekly percentiles merged from sketches.
 */
@Command(name = "trends", description = { "Daily figures and rolling 7-day, 28-day and weekly percentiles of a project",
		"and target, merged from the daily sketches; each estimate is labelled with its error bound." })
class PerfTrendsCommand extends PlatformCommand {

	@Option(names = "--project", required = true, paramLabel = "P", description = "The project.")
	String project;

	@Option(names = "--target", required = true, paramLabel = "T", description = "The target.")
	String target;

	@Option(names = "--tenant", paramLabel = "T",
			description = "The tenant, or all to merge every tenant (needed when several have the series).")
	String tenant;

	@Option(names = "--date", paramLabel = "D", converter = Converters.IsoDate.class,
			description = "Last day of the windows. Default: the latest day with data.")
	LocalDate date;

	@Override
	public Integer call() {
		Trends trends = bean(PerfTrends.class).trends(this.project, this.target, this.tenant, this.date);
		Output output = output();
		if (output.json()) {
			output.json(trends);
			return 0;
		}
		output.line(
				trends.project() + "/" + trends.target() + " (tenant " + trends.tenant() + "), as of " + trends.asOf());
		List<List<String>> windows = new ArrayList<>();
		List<Trends.Window> all = new ArrayList<>(trends.windows());
		all.addAll(trends.weeks());
		for (Trends.Window window : all) {
			windows.add(List.of(window.name(), window.from().toString(), window.to().toString(),
					Integer.toString(window.daysWithData()), Long.toString(window.n()), estimate(window.p50()),
					estimate(window.p95()), estimate(window.p99()), (window.relativeAccuracy() != null)
							? String.format(Locale.ROOT, "±%.1f%%", window.relativeAccuracy() * 100) : "-"));
		}
		output.line("");
		output.table(List.of("WINDOW", "FROM", "TO", "DAYS", "N", "P50", "P95", "P99", "BOUND"), windows);
		List<List<String>> days = new ArrayList<>();
		for (Trends.Day day : trends.days()) {
			days.add(List.of(day.day().toString(), Long.toString(day.n()), Long.toString(day.cached()),
					Long.toString(day.failed()), seconds(day.p50()), seconds(day.p95()), seconds(day.p99()),
					seconds(day.mean()), seconds(day.max()), day.exact() ? "exact" : "estimate"));
		}
		output.line("");
		output.table(List.of("DAY", "N", "CACHED", "FAILED", "P50", "P95", "P99", "MEAN", "MAX", "PERCENTILES"), days);
		if (!trends.regressions().isEmpty()) {
			output.line("");
			output.line("Regressions:");
			for (Trends.Regression regression : trends.regressions()) {
				output.line(String.format(Locale.ROOT, "  %s %s: p95 %s, %+.0f%% against baseline %s", regression.day(),
						regression.tenant(), seconds(regression.p95()), regression.magnitude() * 100,
						seconds(regression.baselineP95())));
			}
		}
		return 0;
	}

	private static String estimate(Trends.Estimate estimate) {
		return (estimate != null) ? seconds(estimate.ms()) : "-";
	}

	private static String seconds(Double millis) {
		return (millis != null) ? String.format(Locale.ROOT, "%.1fs", millis / 1000.0) : "-";
	}

}
