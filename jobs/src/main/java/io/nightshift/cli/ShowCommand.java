package io.nightshift.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.launch.LaunchAudit;
import io.nightshift.platform.query.ExecutionDetail;
import io.nightshift.platform.query.ExecutionQueries;
import io.nightshift.platform.query.ExecutionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nightshift show ID}: one execution: identity, who and why, steps, and its
 * period's history.
 */
@Command(name = "show",
		description = "Show one execution: identity, who/why/which version, steps, and the period's attempts.")
class ShowCommand extends PlatformCommand {

	@Parameters(index = "0", paramLabel = "EXECUTION_ID")
	long executionId;

	@Override
	public Integer call() {
		ExecutionDetail detail = bean(ExecutionQueries.class).detail(this.executionId)
			.orElseThrow(() -> NightshiftException.notFound("no execution " + this.executionId));
		Output output = output();
		if (output.json()) {
			output.json(detail);
			return 0;
		}
		ExecutionSummary execution = detail.execution();
		output.line("Execution " + execution.id() + "  " + execution.job() + "  " + execution.status() + " ("
				+ execution.exitStatus() + ", exit code " + execution.exitCode() + ")");
		output.line("  period    date=" + execution.date() + " tenant=" + execution.tenant() + " attempt="
				+ execution.attempt() + " (instance " + detail.instanceId() + ")");
		output.line("  time      started " + Output.time(execution.startTime()) + ", ended "
				+ Output.time(execution.endTime()) + ", took " + Output.duration(execution.durationMs()));
		LaunchAudit.AuditRecord audit = detail.audit();
		Map<String, Object> parameters = detail.parameters();
		output.line("  who       " + execution.trigger() + " by " + execution.actor()
				+ ((execution.reason() != null) ? ", reason: " + execution.reason() : ""));
		output.line("  where     host " + parameters.get("host") + ", pid " + parameters.get("pid") + ", version "
				+ parameters.get("version"));
		if (audit != null) {
			output.line("  request   " + audit.action() + " requested at " + Output.time(audit.requestedAt())
					+ ((audit.settings() != null) ? ", overrides " + audit.settings() : ""));
		}
		output.line("  params    identifying " + detail.identifying() + "; other " + detail.parameters());
		if (detail.exitMessage() != null) {
			output.line("  message   " + detail.exitMessage());
		}
		output.line("");
		LaunchRendering.steps(output, detail.steps());
		output.line("");
		output.line("Attempts and restarts of this period:");
		List<List<String>> rows = new ArrayList<>();
		for (ExecutionSummary attempt : detail.history()) {
			rows.add(Arrays.asList(Long.toString(attempt.id()), Output.text(attempt.attempt()), attempt.status(),
					Output.time(attempt.startTime()), Output.duration(attempt.durationMs()), attempt.trigger(),
					attempt.actor(), attempt.reason()));
		}
		output.table(List.of("ID", "ATTEMPT", "STATUS", "STARTED", "DURATION", "TRIGGER", "ACTOR", "REASON"), rows);
		return 0;
	}

}
