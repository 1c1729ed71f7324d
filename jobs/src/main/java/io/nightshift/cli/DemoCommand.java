package io.nightshift.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.demo.DemoSeeder;
import io.nightshift.platform.demo.DemoSpec;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import io.nightshift.platform.query.ExecutionQueries;
import io.nightshift.platform.query.ExecutionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift demo}: seeds the demo data (unless the database holds some), runs
 * every job over the demo window in pipeline order, and prints the executions.
 */
@Command(name = "demo", description = { "Seed the demo data (if the database is empty), run every job over the demo",
		"window in pipeline order, and print the executions." })
class DemoCommand extends PlatformCommand {

	@Option(names = "--days", paramLabel = "N", defaultValue = "7",
			description = "Days (ending yesterday) to run the jobs for. Default: ${DEFAULT-VALUE}.")
	int days;

	@Option(names = "--seed", paramLabel = "S", defaultValue = "42",
			description = "Random seed. Default: ${DEFAULT-VALUE}.")
	long seed;

	@Override
	public Integer call() {
		LocalDate today = LocalDate.now(bean(Clock.class));
		LocalDate end = today.minusDays(1);
		LocalDate start = end.minusDays(Math.max(1, this.days) - 1L);
		DemoSeeder seeder = bean(DemoSeeder.class);
		Output output = output();
		if (seeder.seeded()) {
			progress(output, "the database already holds data; running the jobs on it");
		}
		else {
			DemoSpec spec = SeedDemoCommand.spec("small", null, null, this.seed, end, today);
			seeder.seed(spec, false);
			progress(output, "seeded the small demo data set (" + spec.startDate() + " to " + spec.endDate() + ")");
		}
		LaunchService launcher = bean(LaunchService.class);
		Requester requester = new Requester(Trigger.OPERATOR, null, "demo");
		List<LaunchOutcome> outcomes = new ArrayList<>();
		for (JobDefinition job : bean(JobCatalog.class).definitions()) {
			for (LocalDate period : job.period().periods(start, end)) {
				if (job.period().next(period).minusDays(1).isAfter(end)) {
					continue;
				}
				LaunchOutcome outcome = launcher.run(new LaunchRequest(job.name(), period, null, Map.of(), requester));
				progress(output, outcome.message());
				outcomes.add(outcome);
			}
		}
		List<ExecutionSummary> executions = new ArrayList<>();
		ExecutionQueries queries = bean(ExecutionQueries.class);
		for (LaunchOutcome outcome : outcomes) {
			if (outcome.executionId() != null) {
				queries.summary(outcome.executionId()).ifPresent(executions::add);
			}
		}
		if (output.json()) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("from", start);
			result.put("to", end);
			result.put("outcomes", outcomes);
			result.put("executions", executions);
			output.json(result);
		}
		else {
			output.line("");
			StatusCommand.print(output, executions);
		}
		boolean failed = outcomes.stream()
			.anyMatch((outcome) -> outcome.exitCode() != ExitCodes.COMPLETED
					&& outcome.exitCode() != ExitCodes.ALREADY_COMPLETE);
		return failed ? ExitCodes.FAILED : ExitCodes.COMPLETED;
	}

	private static void progress(Output output, String line) {
		if (!output.json()) {
			output.line(line);
		}
	}

}
