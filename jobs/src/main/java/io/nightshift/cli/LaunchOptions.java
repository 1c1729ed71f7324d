package io.nightshift.cli;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
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

	@Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the audit trail.")
	String reason;

	@Option(names = "--trigger", paramLabel = "operator|ci", defaultValue = "operator",
			description = "Who is asking: operator or ci. Default: ${DEFAULT-VALUE}.")
	String trigger;

	@Option(names = "--actor", paramLabel = "NAME",
			description = "Name recorded as the requester (default: NIGHTSHIFT_ACTOR, else the OS user).")
	String actor;

	Requester requester() {
		Trigger channel = switch (this.trigger) {
			case "operator" -> Trigger.OPERATOR;
			case "ci" -> Trigger.CI;
			default -> throw io.nightshift.platform.NightshiftException
				.usage("--trigger " + this.trigger + ": expected operator or ci");
		};
		return new Requester(channel, actor(this.actor), this.reason);
	}

	static String actor(String given) {
		if (given != null && !given.isBlank()) {
			return given;
		}
		String fromEnvironment = System.getenv("NIGHTSHIFT_ACTOR");
		return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : null;
	}

}
