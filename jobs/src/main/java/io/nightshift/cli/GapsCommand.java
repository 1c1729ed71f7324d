package io.nightshift.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.nightshift.platform.schedule.Gaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift gaps}: scheduled periods without a successful execution, and why. */
@Command(name = "gaps", description = { "List the periods each job's schedule expected in a range that have no",
		"successful execution, and why (never ran, failed, stopped, abandoned, running)." })
class GapsCommand extends PlatformCommand {

	@Option(names = "--job", paramLabel = "J", description = "Only this job.")
	String job;

	@Option(names = "--from", paramLabel = "D", required = true, converter = Converters.IsoDate.class)
	LocalDate from;

	@Option(names = "--to", paramLabel = "D", required = true, converter = Converters.IsoDate.class)
	LocalDate to;

	@Override
	public Integer call() {
		List<Gaps.Gap> gaps = bean(Gaps.class).find(this.from, this.to, Optional.ofNullable(this.job));
		Output output = output();
		if (output.json()) {
			output.json(gaps);
			return 0;
		}
		if (gaps.isEmpty()) {
			output.line("no gaps: every scheduled period from " + this.from + " to " + this.to + " completed");
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		for (Gaps.Gap gap : gaps) {
			rows.add(Arrays.asList(gap.job(), gap.period().toString(), gap.tenant(), gap.state(),
					Output.text(gap.executionId()), gap.detail()));
		}
		output.table(List.of("JOB", "PERIOD", "TENANT", "STATE", "EXECUTION", "WHY"), rows);
		output.line("");
		output.line("fill them with: nightshift backfill JOB --from " + this.from + " --to " + this.to
				+ " [--reprocess failed]");
		return 0;
	}

}
