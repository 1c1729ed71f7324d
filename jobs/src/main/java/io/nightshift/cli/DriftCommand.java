package io.nightshift.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.reconcile.DriftReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift drift}: the report of a reconcile run (the latest by default) and its
 * recorded discrepancies.
 */
@Command(name = "drift", description = { "Show a reconcile run's report (the latest by default) and its discrepancies.",
		"Exit 0 when the run found no drift or repaired all of it, 6 when drift remains, 5 when no run matches." })
class DriftCommand extends PlatformCommand {

	@Option(names = "--run", paramLabel = "ID", description = "The report with this id (reconcile_runs.id).")
	Long run;

	@Option(names = "--date", paramLabel = "D", converter = Converters.IsoDate.class,
			description = "The latest run of this date.")
	LocalDate date;

	@Option(names = "--tenant", paramLabel = "T", description = "The latest run of this tenant (or all).")
	String tenant;

	@Option(names = "--kind", paramLabel = "K", description = "Only missing, extra, mismatched or meta_hash.")
	String kind;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "50",
			description = "At most N discrepancies. Default: ${DEFAULT-VALUE}.")
	int limit;

	@Override
	public Integer call() {
		if (this.limit < 1) {
			throw NightshiftException.usage("--limit " + this.limit + ": must be at least 1");
		}
		DriftReports reports = bean(DriftReports.class);
		DriftReports.Run report = reports.find(this.run, this.date, this.tenant)
			.orElseThrow(() -> NightshiftException.notFound("no reconcile run matches"));
		List<DriftReports.Discrepancy> discrepancies = reports.discrepancies(report.id(), this.kind, this.limit);
		Output output = output();
		if (output.json()) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("run", report);
			result.put("discrepancies", discrepancies);
			output.json(result);
		}
		else {
			print(output, report, discrepancies);
		}
		return "drift".equals(report.outcome()) ? ExitCodes.CHECK_FAILED : ExitCodes.COMPLETED;
	}

	private static void print(Output output, DriftReports.Run report, List<DriftReports.Discrepancy> discrepancies) {
		output.line("Reconcile run " + report.id() + "  date=" + report.runDate() + " tenant=" + report.tenant()
				+ "  execution " + Output.text(report.executionId()) + "  outcome " + Output.text(report.outcome())
				+ (report.repair() ? "  (repair)" : ""));
		output.line("  documents  " + report.expected() + " expected, " + report.actual() + " actual");
		output.line("  drift      " + report.missing() + " missing, " + report.extra() + " extra, "
				+ report.mismatched() + " mismatched, " + report.metaHashMismatches() + " meta-hash");
		output.line("  repair     " + report.repaired() + " repaired, " + report.skippedNewer()
				+ " left alone (newer sourceWatermark)");
		output.line("  recorded   " + report.discrepanciesRecorded() + " discrepancies, "
				+ report.discrepanciesBeyondCap() + " beyond the cap");
		output.line("");
		List<List<String>> rows = new ArrayList<>();
		for (DriftReports.Discrepancy discrepancy : discrepancies) {
			rows.add(Arrays.asList(discrepancy.kind(), discrepancy.tenantId(), discrepancy.entityKey(),
					discrepancy.repaired() ? "yes" : "no", shorten(discrepancy.diff())));
		}
		output.table(List.of("KIND", "TENANT", "KEY", "REPAIRED", "DIFF"), rows);
	}

	private static String shorten(String diff) {
		return (diff != null && diff.length() > 160) ? diff.substring(0, 160) + "..." : diff;
	}

}
