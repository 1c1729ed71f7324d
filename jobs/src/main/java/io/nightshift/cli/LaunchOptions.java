package io.nightshift.cli;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import io.nightshift.platform.launch.Requester;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments {@code run} and {@code rerun} share. */
final class LaunchOptions {

	@Parameters(index = "0", paramLabel = "JOB", description = "The job name (see `nightshift jobs`).")
	String job;

	@Option(names = "--date", paramLabel = "D", converter = Converters.IsoDate.class,
			description = "Any day of the period (weekly jobs: its ISO week). Default: the last ended period.")
	LocalDate date;

	@Option(names = "--tenant", paramLabel = "T", defaultValue = "all",
			description = "A tenant id, or all. Default: ${DEFAULT-VALUE}.")
	String tenant;

	@Option(names = "--set", paramLabel = "KEY=VALUE",
			description = "Override one of the job's settings for this run (repeatable).")
	Map<String, String> settings = new LinkedHashMap<>();

	@Mixin
	RequesterOptions who = new RequesterOptions();

	Requester requester() {
		return this.who.requester();
	}

}
