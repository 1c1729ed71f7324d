package io.nightshift.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.query.ExecutionSummary;
import io.nightshift.platform.query.JobSummaries;
import picocli.CommandLine.Command;

/** {@code nightshift jobs}: every job with its schedule, next fire and last outcome. */
@Command(name = "jobs", description = "List the jobs: period, schedule, next fire, last outcome.")
class JobsCommand extends PlatformCommand {

	@Override
	public Integer call() {
		JobSummaries summaries = bean(JobSummaries.class);
		List<JobSummaries.JobSummary> jobs = summaries.all();
		Output output = output();
		if (output.json()) {
			output.json(Map.of("configDir", summaries.configLocation(), "jobs", jobs));
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		for (JobSummaries.JobSummary job : jobs) {
			ExecutionSummary last = job.lastExecution();
			rows.add(Arrays.asList(job.name(), job.period(), job.enabled() ? job.schedule() : "disabled", job.zone(),
					Output.time(job.nextFire()),
					(last != null) ? last.status() + " #" + last.id() + " (" + last.date() + ")" : "never ran",
					job.description()));
		}
		output.table(List.of("JOB", "PERIOD", "SCHEDULE", "ZONE", "NEXT FIRE", "LAST OUTCOME", "DESCRIPTION"), rows);
		output.line("");
		output.line("job configs: " + summaries.configLocation()
				+ " (cron fields: seconds minutes hours day-of-month month day-of-week)");
		return 0;
	}

}
