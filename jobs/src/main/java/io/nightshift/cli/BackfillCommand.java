package io.nightshift.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.nightshift.platform.Durations;
import io.nightshift.platform.backfill.BackfillPlan;
import io.nightshift.platform.backfill.BackfillProgress;
import io.nightshift.platform.backfill.BackfillRequest;
import io.nightshift.platform.backfill.BackfillResult;
import io.nightshift.platform.backfill.BackfillService;
import io.nightshift.platform.backfill.Reprocess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nightshift backfill JOB --from D --to D}: a plan over a range of periods, then
 * the runs.
 */
@Command(name = "backfill",
		description = { "Run a job over a range of periods: prints the plan (every period with its",
				"state and action under the reprocess policy), then runs it with bounded parallelism, oldest first.",
				"Running the same command after a crash resumes it. Exit 0 when every period completed or was",
				"skipped, 1 when any failed." })
class BackfillCommand extends PlatformCommand {

	@Parameters(index = "0", paramLabel = "JOB")
	String job;

	@Option(names = "--from", paramLabel = "D", required = true, converter = Converters.IsoDate.class)
	LocalDate from;

	@Option(names = "--to", paramLabel = "D", required = true, converter = Converters.IsoDate.class)
	LocalDate to;

	@Option(names = "--tenant", paramLabel = "T", defaultValue = "all")
	String tenant;

	@Option(names = "--reprocess", paramLabel = "none|failed|all", defaultValue = "none",
			description = "none: only periods that never ran; failed: also resume failed ones; all: also rerun "
					+ "completed ones. Default: ${DEFAULT-VALUE}.")
	String reprocess;

	@Option(names = "--max-parallel", paramLabel = "N", defaultValue = "1",
			description = "Periods at once (the shared concurrency budget may allow fewer). Default: ${DEFAULT-VALUE}.")
	int maxParallel;

	@Option(names = "--reverse", description = "Newest period first.")
	boolean reverse;

	@Option(names = "--dry-run", description = "Print the plan and exit.")
	boolean dryRun;

	@Mixin
	RequesterOptions who = new RequesterOptions();

	@Override
	public Integer call() {
		BackfillRequest request = new BackfillRequest(this.job, this.from, this.to, this.tenant,
				Reprocess.of(this.reprocess), this.maxParallel, this.reverse, this.who.requester());
		BackfillService backfills = bean(BackfillService.class);
		Output output = output();
		if (this.dryRun) {
			BackfillPlan plan = backfills.plan(request);
			if (output.json()) {
				output.json(plan);
			}
			else {
				printPlan(output, plan);
			}
			return 0;
		}
		PrintWriter progress = this.spec.commandLine().getErr();
		BackfillResult result = backfills.run(request, output.json() ? plainLines(progress)
				: (System.console() != null) ? bar(progress) : plainLines(progress));
		if (output.json()) {
			output.json(result);
		}
		else {
			if (System.console() != null) {
				progress.println();
			}
			printResult(output, result);
		}
		return result.exitCode();
	}

	static void printPlan(Output output, BackfillPlan plan) {
		List<List<String>> rows = new ArrayList<>();
		for (BackfillPlan.Period period : plan.periods()) {
			rows.add(Arrays.asList(period.period().toString(), period.state(), Output.text(period.executionId()),
					period.action().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
		}
		output.table(List.of("PERIOD", "STATE", "EXECUTION", "ACTION"), rows);
		output.line("");
		output.line("plan for " + plan.job() + " (tenant " + plan.tenant() + ", reprocess " + plan.reprocess().value()
				+ "): " + plan.toRun() + " to run, " + (plan.periods().size() - plan.toRun()) + " skipped"
				+ ((plan.resumes() != null) ? "; resumes interrupted backfill " + plan.resumes() : ""));
	}

	private static void printResult(Output output, BackfillResult result) {
		List<List<String>> rows = new ArrayList<>();
		for (BackfillResult.PeriodResult period : result.periods()) {
			rows.add(Arrays.asList(period.period().toString(),
					period.action().name().toLowerCase(Locale.ROOT).replace('_', ' '), period.state(),
					Output.text(period.executionId()), Output.duration(period.millis()), period.message()));
		}
		output.table(List.of("PERIOD", "ACTION", "RESULT", "EXECUTION", "DURATION", "MESSAGE"), rows);
		long failed = result.periods().stream().filter((period) -> "FAILED".equals(period.state())).count();
		output.line("");
		output.line("backfill " + result.backfillId() + " "
				+ ((failed == 0) ? "completed" : "finished with " + failed + " failed period(s)") + " in "
				+ Output.duration(result.millis()));
	}

	private static BackfillProgress plainLines(PrintWriter out) {
		return (result, done, total, elapsed) -> {
			out.printf(Locale.ROOT, "[%d/%d] %s %s: %s%s, ETA %s%n", done, total, result.period(),
					result.action().name().toLowerCase(Locale.ROOT), result.state(),
					(result.executionId() != null) ? " (execution " + result.executionId() + ")" : "",
					eta(done, total, elapsed));
			out.flush();
		};
	}

	private static BackfillProgress bar(PrintWriter out) {
		return (result, done, total, elapsed) -> {
			int width = 30;
			int filled = (total == 0) ? width : (int) ((long) width * done / total);
			out.printf(Locale.ROOT, "\r[%s%s] %d/%d periods, last %s %s, ETA %s   ", "#".repeat(filled),
					"-".repeat(width - filled), done, total, result.period(), result.state(),
					eta(done, total, elapsed));
			out.flush();
		};
	}

	private static String eta(int done, int total, long elapsed) {
		if (done == 0) {
			return "?";
		}
		return Durations.human(elapsed * (total - done) / done);
	}

}
