package io.nightshift.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.platform.config.JobConfig;
import io.nightshift.platform.config.JobConfigs;
import io.nightshift.platform.config.Schedule;
import io.nightshift.platform.query.ExecutionQueries;
import io.nightshift.platform.query.ExecutionSummary;
import org.quartz.CronExpression;
import picocli.CommandLine.Command;

/** {@code nightshift jobs}: every job with its schedule, next fire and last outcome. */
@Command(name = "jobs", description = "List the jobs: period, schedule, next fire, last outcome.")
class JobsCommand extends PlatformCommand {

	@Override
	public Integer call() throws Exception {
		JobConfigs configs = bean(JobConfigs.class);
		ExecutionQueries queries = bean(ExecutionQueries.class);
		List<Map<String, Object>> jobs = new ArrayList<>();
		for (JobDefinition definition : bean(JobCatalog.class).definitions()) {
			JobConfig config = configs.config(definition.name());
			Map<String, Object> job = new LinkedHashMap<>();
			job.put("name", definition.name());
			job.put("description", definition.description());
			job.put("period", definition.period().name().toLowerCase(java.util.Locale.ROOT));
			job.put("enabled", config.enabled());
			job.put("schedule", config.schedule().map(Schedule::cron).orElse(null));
			job.put("zone", config.schedule().map((schedule) -> schedule.zone().getId()).orElse(null));
			job.put("nextFire", config.enabled() ? config.schedule().map(JobsCommand::nextFire).orElse(null) : null);
			job.put("settings", configs.knownSettings(definition));
			ExecutionSummary last = queries.latest(definition.name()).orElse(null);
			job.put("lastExecution", last);
			jobs.add(job);
		}
		Output output = output();
		if (output.json()) {
			output.json(Map.of("configDir", configs.location(), "jobs", jobs));
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		for (Map<String, Object> job : jobs) {
			ExecutionSummary last = (ExecutionSummary) job.get("lastExecution");
			rows.add(Arrays.asList((String) job.get("name"), (String) job.get("period"),
					Boolean.TRUE.equals(job.get("enabled")) ? (String) job.get("schedule") : "disabled",
					(String) job.get("zone"), Output.time((Instant) job.get("nextFire")),
					(last != null) ? last.status() + " #" + last.id() + " (" + last.date() + ")" : "never ran",
					(String) job.get("description")));
		}
		output.table(List.of("JOB", "PERIOD", "SCHEDULE", "ZONE", "NEXT FIRE", "LAST OUTCOME", "DESCRIPTION"), rows);
		output.line("");
		output.line("job configs: " + configs.location()
				+ " (cron fields: seconds minutes hours day-of-month month day-of-week)");
		return 0;
	}

	static Instant nextFire(Schedule schedule) {
		try {
			CronExpression cron = new CronExpression(schedule.cron());
			cron.setTimeZone(TimeZone.getTimeZone(schedule.zone()));
			Date next = cron.getNextValidTimeAfter(new Date());
			return (next != null) ? next.toInstant() : null;
		}
		catch (java.text.ParseException ex) {
			return null;
		}
	}

}
