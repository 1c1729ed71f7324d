package io.nightshift.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.query.ExecutionDetail;
import io.nightshift.platform.query.ExecutionQueries;
import io.nightshift.platform.query.StepSummary;

/**
 * Prints the outcome of a launch: the one-line message, then the execution's steps; with
 * {@code -o json}, the outcome and the full execution (parameters, steps, counts).
 */
final class LaunchRendering {

	private LaunchRendering() {
	}

	static int render(Output output, ExecutionQueries queries, LaunchOutcome outcome) {
		ExecutionDetail detail = (outcome.executionId() != null) ? queries.detail(outcome.executionId()).orElse(null)
				: null;
		if (output.json()) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("outcome", outcome);
			result.put("execution", detail);
			output.json(result);
		}
		else {
			output.line(outcome.message());
			if (detail != null && !detail.steps().isEmpty()) {
				steps(output, detail.steps());
			}
		}
		return outcome.exitCode();
	}

	static void steps(Output output, List<StepSummary> steps) {
		List<List<String>> rows = new ArrayList<>();
		for (StepSummary step : steps) {
			rows.add(List.of(step.name(), step.status(), Long.toString(step.read()), Long.toString(step.written()),
					Long.toString(step.filtered()),
					Long.toString(step.readSkips() + step.processSkips() + step.writeSkips()),
					Long.toString(step.commits()), Long.toString(step.rollbacks()),
					String.valueOf(Output.duration(step.durationMs()))));
		}
		output.table(
				List.of("STEP", "STATUS", "READ", "WRITTEN", "FILTERED", "SKIPPED", "COMMITS", "ROLLBACKS", "DURATION"),
				rows);
	}

}
