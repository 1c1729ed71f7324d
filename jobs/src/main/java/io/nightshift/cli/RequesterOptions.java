package io.nightshift.cli;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import picocli.CommandLine.Option;

/**
 * Who asks and why: the options every command that launches or changes something takes.
 */
final class RequesterOptions {

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
			default -> throw NightshiftException.usage("--trigger " + this.trigger + ": expected operator or ci");
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
