package io.nightshift.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.query.ExecutionQueries;
import io.nightshift.platform.query.ExecutionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift status}: executions, newest first. */
@Command(name = "status", description = "List executions, newest first.")
class StatusCommand extends PlatformCommand {

	private static final Set<String> STATES = Set.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED",
			"COMPLETED", "ABANDONED", "UNKNOWN");

	@Option(names = "--job", paramLabel = "J", description = "Only this job.")
	String job;

	@Option(names = "--state", paramLabel = "S", description = "Only this status (COMPLETED, FAILED, STARTED, ...).")
	String state;

	@Option(names = "--since", paramLabel = "D", converter = Converters.IsoDate.class,
			description = "Only executions created on or after this day.")
	LocalDate since;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "50",
			description = "At most N executions. Default: ${DEFAULT-VALUE}.")
	int limit;

	@Override
	public Integer call() {
		if (this.job != null) {
			bean(JobCatalog.class).require(this.job);
		}
		String status = (this.state != null) ? this.state.toUpperCase(Locale.ROOT) : null;
		if (status != null && !STATES.contains(status)) {
			throw NightshiftException.usage("--state " + this.state + ": expected one of " + String.join(", ", STATES));
		}
		if (this.limit < 1) {
			throw NightshiftException.usage("--limit " + this.limit + ": must be at least 1");
		}
		List<ExecutionSummary> executions = bean(ExecutionQueries.class).list(this.job, status, this.since, this.limit);
		print(output(), executions);
		return 0;
	}

	static void print(Output output, List<ExecutionSummary> executions) {
		if (output.json()) {
			output.json(executions);
			return;
		}
		List<List<String>> rows = new ArrayList<>();
		for (ExecutionSummary execution : executions) {
			rows.add(java.util.Arrays.asList(Long.toString(execution.id()), execution.job(),
					Output.text(execution.date()), execution.tenant(), Output.text(execution.attempt()),
					execution.status(), Output.time(execution.startTime()), Output.duration(execution.durationMs()),
					execution.trigger(), execution.actor(), execution.reason()));
		}
		output.table(List.of("ID", "JOB", "DATE", "TENANT", "ATTEMPT", "STATUS", "STARTED", "DURATION", "TRIGGER",
				"ACTOR", "REASON"), rows);
	}

}
